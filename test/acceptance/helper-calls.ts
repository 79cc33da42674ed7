/**
 * The provider's HTTP requests, counted from the debug lines its client writes to the helper's
 * stderr (`OTC_DEBUG=1`: one line per attempt, `otc-client: GET /path → 200 in 41 ms ...`). This
 * is how the run counts what the provider did inside Pulumi's helper, against a real cloud too.
 */

/** Counts by `METHOD /path-template` (ids replaced by `{id}`). */
export type CallCounts = Record<string, number>;

const ATTEMPT = /^otc-client: (GET|POST|PUT|DELETE) (\S+) → (?:\d{3}|no answer)/;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const HEX_ID = /\/[0-9a-f]{32}(?=\/|$)/gi;

/** `/v2.0/eip/floatingips_v6/2567f393-…` → `/v2.0/eip/floatingips_v6/{id}`. */
export function pathTemplate(path: string): string {
  return path.split("?")[0]!.replace(UUID, "{id}").replace(HEX_ID, "/{id}");
}

/** Counts the attempts in debug lines. */
export function countAttempts(lines: readonly string[]): CallCounts {
  const counts: CallCounts = {};
  for (const line of lines) {
    const match = ATTEMPT.exec(line.trim());
    if (!match) continue;
    const key = `${match[1]} ${pathTemplate(match[2]!)}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

/** The sum of counts. */
export function totalOf(counts: CallCounts): number {
  return Object.values(counts).reduce((a, b) => a + b, 0);
}

/** `after − before`, keys with no change left out. */
export function countsBetween(before: CallCounts, after: CallCounts): CallCounts {
  const out: CallCounts = {};
  for (const [key, n] of Object.entries(after)) {
    const d = n - (before[key] ?? 0);
    if (d > 0) out[key] = d;
  }
  return out;
}
