/**
 * A client-wide cap on requests in flight, first come first served, so that a parallel
 * `pulumi up` does not trip the API gateway's throttling.
 */
export class ConcurrencyLimiter {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  /** @param limit the most requests in flight at once (at least 1) */
  constructor(private readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) {
      throw new RangeError(`maxConcurrentRequests must be a whole number ≥ 1, got ${limit}`);
    }
  }

  /** Requests in flight now. */
  get inFlight(): number {
    return this.active;
  }

  /**
   * Runs `task` when a slot is free and frees it when `task` settles. A `signal` that aborts while
   * the task is still waiting for a slot rejects with the signal's reason and gives up its place.
   */
  async run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    if (this.active >= this.limit) {
      await new Promise<void>((resolve, reject) => {
        const waiter = () => {
          signal?.removeEventListener("abort", onAbort);
          resolve();
        };
        const onAbort = () => {
          const i = this.waiting.indexOf(waiter);
          if (i >= 0) this.waiting.splice(i, 1);
          reject(signal?.reason as Error);
        };
        if (signal?.aborted) {
          onAbort();
          return;
        }
        signal?.addEventListener("abort", onAbort, { once: true });
        this.waiting.push(waiter);
      });
    } else {
      this.active++;
    }
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      // The slot passes straight to the next waiter, so `active` stays the same.
      if (next) next();
      else this.active--;
    }
  }
}
