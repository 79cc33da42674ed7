/** Counting the emulator's requests the way the benchmark reports them. */

/** The emulator's counts key of IAM token requests. */
export const TOKEN_KEY = "POST /v3/auth/tokens";

/** API calls in `counts`, token requests excluded. */
export function apiCallsOf(counts: Readonly<Record<string, number>>): number {
  let total = 0;
  for (const [key, n] of Object.entries(counts)) if (key !== TOKEN_KEY) total += n;
  return total;
}

/** Token requests in `counts`. */
export function tokenRequestsOf(counts: Readonly<Record<string, number>>): number {
  return counts[TOKEN_KEY] ?? 0;
}

/** Every request in `counts`, token requests included. */
export function allRequestsOf(counts: Readonly<Record<string, number>>): number {
  return Object.values(counts).reduce((sum, n) => sum + n, 0);
}
