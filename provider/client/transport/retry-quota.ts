/**
 * A retry quota shared by every caller of one endpoint and project, as the AWS SDKs' standard
 * retry mode keeps one: a retry spends tokens, a success gives some back, and when the quota is
 * spent a failing call fails at once instead of retrying. Under a long throttling or outage the
 * retries then stop within a bounded number of attempts overall, rather than every one of many
 * parallel operations retrying to its own limit (a retry storm that keeps the API overloaded).
 */

/** The quota's sizes, in tokens. */
export interface RetryQuotaParameters {
  /**
   * The quota when full (default 500). With the default costs, 100 retries in a row without a
   * success spend it; a healthy run spends a little and earns it back.
   */
  capacity: number;
  /** The cost of a retry after a throttle or an error answer (default 5). */
  retryCost: number;
  /** The cost of a retry after a timeout or a lost connection (default 10: they cost OTC more). */
  timeoutCost: number;
  /** Tokens a success earns when the call needed no retry (default 1). */
  successReward: number;
}

/** The defaults of {@link RetryQuotaParameters}, those of the AWS SDKs' standard mode. */
export const DEFAULT_RETRY_QUOTA_PARAMETERS: Readonly<RetryQuotaParameters> = Object.freeze({
  capacity: 500,
  retryCost: 5,
  timeoutCost: 10,
  successReward: 1,
});

/** The tokens left for retries. */
export class RetryQuota {
  private left: number;

  /** @param parameters the sizes (see {@link RetryQuotaParameters}) */
  constructor(readonly parameters: RetryQuotaParameters = DEFAULT_RETRY_QUOTA_PARAMETERS) {
    for (const [name, value] of Object.entries(parameters) as [string, number][]) {
      if (!(value >= 0) || !Number.isFinite(value)) {
        throw new RangeError(`retry quota ${name} must be a number ≥ 0, got ${value}`);
      }
    }
    this.left = parameters.capacity;
  }

  /** Tokens left. */
  get available(): number {
    return this.left;
  }

  /**
   * Takes the cost of one retry (`timeout`: after a timeout or lost connection).
   * @returns the tokens taken, or `undefined` when the quota cannot pay for the retry
   */
  take(timeout: boolean): number | undefined {
    const cost = timeout ? this.parameters.timeoutCost : this.parameters.retryCost;
    if (cost > this.left) return undefined;
    this.left -= cost;
    return cost;
  }

  /** A call succeeded after retries that took `taken` tokens in all (0 when it needed none). */
  onSuccess(taken: number): void {
    const back = taken > 0 ? taken : this.parameters.successReward;
    this.left = Math.min(this.parameters.capacity, this.left + back);
  }
}
