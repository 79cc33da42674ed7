/**
 * The API gateway's throttling: a token bucket per project for VPC calls (429 `APIG.0308`) and one
 * for IAM (429 `IAM.0012`). A bucket holds at most `burst` tokens and gains `requestsPerSecond`
 * tokens a second; a request takes one token or, when none is left, is answered 429 without
 * taking any (a rejected request costs the caller nothing but the round trip). OTC documents no
 * `Retry-After`; the emulator sends one only when asked to.
 */
import type { Clock } from "./clock";
import { gatewayError } from "./reply";
import type { Reply } from "./reply";
import type { RateLimit, RateLimitOptions } from "./types";

interface Bucket {
  tokens: number;
  /** When `tokens` was last brought up to date (emulator clock, ms). */
  at: number;
}

/** The buckets of one emulator. */
export class RateLimits {
  private options: RateLimitOptions = {};
  private buckets = new Map<string, Bucket>();

  /** @param clock the emulator's clock (advancing it refills the buckets) */
  constructor(
    private readonly clock: Clock,
    initial: RateLimitOptions = {},
  ) {
    this.set(initial);
  }

  /** Replaces the limits; every bucket starts full again. Throws for an unusable limit. */
  set(options: RateLimitOptions): void {
    for (const [family, limit] of Object.entries(options) as [string, RateLimit | undefined][]) {
      if (limit === undefined) continue;
      if (!(limit.requestsPerSecond > 0) || !Number.isFinite(limit.requestsPerSecond)) {
        throw new Error(
          `rateLimit.${family}.requestsPerSecond must be a number > 0; got ${String(limit.requestsPerSecond)}.`,
        );
      }
      if (!Number.isInteger(limit.burst) || limit.burst < 1) {
        throw new Error(
          `rateLimit.${family}.burst must be a whole number ≥ 1; got ${String(limit.burst)}.`,
        );
      }
    }
    this.options = structuredClone(options);
    this.buckets = new Map();
  }

  /** The limits in force. */
  get(): RateLimitOptions {
    return structuredClone(this.options);
  }

  /**
   * Takes a token for a request of `family` (IAM, or a VPC call of `projectId`): `undefined`
   * when the request may go on, else the 429 to answer.
   */
  admit(
    family: "vpc" | "iam",
    projectId: string | undefined,
    requestId: string,
  ): Reply | undefined {
    const limit = this.options[family];
    if (!limit) return undefined;
    const key = family === "iam" ? "iam" : `vpc ${projectId ?? ""}`;
    const now = this.clock.now();
    const bucket = this.buckets.get(key) ?? { tokens: limit.burst, at: now };
    bucket.tokens = Math.min(
      limit.burst,
      bucket.tokens + (Math.max(0, now - bucket.at) / 1000) * limit.requestsPerSecond,
    );
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return undefined;
    }
    const reply =
      family === "iam"
        ? gatewayError(
            429,
            "IAM.0012",
            `Request too frequent: Threshold: ${limit.requestsPerSecond} times per 1 seconds.`,
            requestId,
          )
        : gatewayError(
            429,
            "APIG.0308",
            `The throttling threshold has been reached: policy user over ratelimit, limit:${limit.requestsPerSecond}, time:1 second.`,
            requestId,
          );
    const retryAfter = retryAfterSeconds(limit, bucket.tokens);
    return retryAfter === undefined
      ? reply
      : { ...reply, headers: { "Retry-After": String(retryAfter) } };
  }
}

/** The `Retry-After` to send: none, a fixed value, or the whole seconds until a token is free. */
function retryAfterSeconds(limit: RateLimit, tokens: number): number | undefined {
  if (limit.retryAfter === undefined || limit.retryAfter === false) return undefined;
  if (typeof limit.retryAfter === "number") return limit.retryAfter;
  return Math.max(1, Math.ceil((1 - tokens) / limit.requestsPerSecond));
}
