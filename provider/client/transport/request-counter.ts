/**
 * Counts the HTTP requests a client makes, per `METHOD /path-template` (ids replaced by `{id}`),
 * plus `token` for IAM token requests. Benchmarks and tests read it.
 */

const ID_SEGMENT = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{32})$/i;

/** `/v2.0/eip/floatingips_v6/2567f393-…` → `/v2.0/eip/floatingips_v6/{id}`. */
export function pathTemplate(path: string): string {
  return path
    .split("/")
    .map((segment) => (ID_SEGMENT.test(segment) ? "{id}" : segment))
    .join("/");
}

/** A set of counters by key. */
export class RequestCounter {
  private readonly counts = new Map<string, number>();

  /** Adds one request under `key`. */
  add(key: string): void {
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  /** A copy of the counts. */
  snapshot(): Record<string, number> {
    return Object.fromEntries(this.counts);
  }
}
