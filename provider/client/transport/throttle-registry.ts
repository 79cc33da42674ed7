/**
 * The throttling state of each endpoint and project: its {@link AdaptiveRateLimiter} and its
 * {@link RetryQuota}. OTC's gateway counts requests per project, so everything in the process that
 * calls one endpoint for one project must share one limiter and one quota, whichever client (one
 * per identity and region) it goes through; the shared clients take them from one registry.
 */
import {
  AdaptiveRateLimiter,
  DEFAULT_RATE_LIMITER_PARAMETERS,
  type RateLimiterParameters,
} from "./adaptive-rate-limiter";
import type { Clock } from "./clock";
import {
  DEFAULT_RETRY_QUOTA_PARAMETERS,
  RetryQuota,
  type RetryQuotaParameters,
} from "./retry-quota";

/** How the client reacts to OTC's throttling. Every field has a documented default. */
export interface ThrottleOptions {
  /**
   * The adaptive send rate, which turns itself on at the first 429 (default on); `false` leaves
   * every request to its own backoff, as before the limiter existed.
   */
  adaptiveRate?: boolean | Partial<RateLimiterParameters>;
  /** The retry quota (default on, see {@link RetryQuotaParameters}); `false` turns it off. */
  retryQuota?: boolean | Partial<RetryQuotaParameters>;
}

/** What one endpoint and project share. */
export interface EndpointThrottle {
  /** The send rate; absent when turned off. */
  readonly limiter: AdaptiveRateLimiter | undefined;
  /** The retry quota; absent when turned off. */
  readonly quota: RetryQuota | undefined;
}

function parametersOf<T extends object>(
  setting: boolean | Partial<T> | undefined,
  defaults: Readonly<T>,
): T | undefined {
  if (setting === false) return undefined;
  return { ...defaults, ...(typeof setting === "object" ? setting : {}) };
}

/** The endpoints' throttling state, made on first use. */
export class ThrottleRegistry {
  private readonly byKey = new Map<string, EndpointThrottle>();

  /** @param clock the time source of every limiter made here */
  constructor(private readonly clock: Clock) {}

  /**
   * The state of `baseUrl` for `scope` (the project id or name). Callers with other `options`
   * get a state of their own: options are fixed when a state is made.
   */
  get(baseUrl: string, scope: string, options: ThrottleOptions = {}): EndpointThrottle {
    const key = JSON.stringify([baseUrl, scope, options]);
    let found = this.byKey.get(key);
    if (!found) {
      const limiter = parametersOf(options.adaptiveRate, DEFAULT_RATE_LIMITER_PARAMETERS);
      const quota = parametersOf(options.retryQuota, DEFAULT_RETRY_QUOTA_PARAMETERS);
      found = {
        limiter: limiter ? new AdaptiveRateLimiter(this.clock, limiter) : undefined,
        quota: quota ? new RetryQuota(quota) : undefined,
      };
      this.byKey.set(key, found);
    }
    return found;
  }
}
