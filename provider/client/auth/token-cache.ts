/**
 * A cached IAM token with single-flight refresh: any number of concurrent callers share one token
 * request; the token is renewed ahead of its expiry; a rejected token is dropped so that the next
 * caller fetches a fresh one (once, however many calls saw the rejection).
 */
import type { Clock } from "../transport/clock";
import { SharedFlight } from "./shared-flight";

/** An issued token. */
export interface IssuedToken {
  /** The token (the `X-Subject-Token` header). */
  token: string;
  /** Expiry, epoch milliseconds. */
  expiresAt: number;
  /** The project the token is scoped to, when the answer said. */
  projectId: string | undefined;
}

interface Cached extends IssuedToken {
  /** When to renew (ahead of expiry). */
  renewAt: number;
}

/** The cache of one identity's token. */
export class TokenCache {
  // True private fields: util.inspect of a client never shows the token.
  #current: Cached | undefined;
  readonly #flight: SharedFlight<Cached>;

  /**
   * @param issue requests a new token, within the deadline given (epoch ms), if any
   * @param clock the time source
   * @param refreshAheadMs renew this long before expiry
   */
  constructor(
    private readonly issue: (deadline: number | undefined) => Promise<IssuedToken>,
    private readonly clock: Clock,
    private readonly refreshAheadMs: number,
  ) {
    this.#flight = new SharedFlight(clock);
  }

  /**
   * A valid token, requesting one only when there is none or it is due for renewal; waits for it
   * no longer than `deadline`, then rejects with `onExpiry()`.
   */
  async get(deadline?: number, onExpiry?: () => Error): Promise<IssuedToken> {
    const c = this.#current;
    if (c && this.clock.now() < c.renewAt) return c;
    return this.#flight.run(
      deadline,
      (d) => this.refresh(d),
      onExpiry ?? (() => new Error("the IAM token did not arrive before the deadline")),
    );
  }

  /** Drops `token` if it is the cached one; true when the next `get` will fetch a fresh one. */
  invalidate(token: string | undefined): boolean {
    if (token !== undefined && this.#current?.token === token) this.#current = undefined;
    return this.#current === undefined || this.#current.token !== token;
  }

  private async refresh(deadline: number | undefined): Promise<Cached> {
    const issuedAt = this.clock.now();
    const t = await this.issue(deadline);
    const lifetime = Math.max(0, t.expiresAt - issuedAt);
    // A token shorter-lived than the renewal window is used for half its life, not re-fetched at once.
    const renewAt = Math.max(issuedAt + lifetime / 2, t.expiresAt - this.refreshAheadMs);
    const cached: Cached = { ...t, renewAt };
    this.#current = cached;
    return cached;
  }
}
