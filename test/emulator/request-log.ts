/** The request log and per-endpoint counts that tests and benchmarks read. */
import type { RequestLogEntry } from "./types";

const REDACTED_HEADERS = new Set([
  "authorization",
  "x-auth-token",
  "x-subject-token",
  "x-security-token",
  "cookie",
]);

/** Copies request headers with credentials replaced by `[REDACTED]`. */
export function redactHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    out[name] = REDACTED_HEADERS.has(name) ? "[REDACTED]" : value;
  }
  return out;
}

/** Log entries and counts keyed `METHOD /path-template`. */
export class RequestLog {
  private entries: RequestLogEntry[] = [];
  private countsByKey = new Map<string, number>();

  /** Counts a request as it arrives (so a reset connection still counts). */
  count(key: string): void {
    this.countsByKey.set(key, (this.countsByKey.get(key) ?? 0) + 1);
  }

  /** Records a finished (or reset) request. */
  add(entry: RequestLogEntry): void {
    this.entries.push(entry);
  }

  /** A copy of the entries. */
  list(): RequestLogEntry[] {
    return this.entries.map((e) => ({ ...e, headers: { ...e.headers } }));
  }

  /** The counts as a plain object. */
  counts(): Record<string, number> {
    return Object.fromEntries(this.countsByKey);
  }

  /** Forgets everything. */
  reset(): void {
    this.entries = [];
    this.countsByKey = new Map();
  }
}
