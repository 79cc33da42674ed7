/**
 * When and how long to wait before retrying: exponential backoff with full jitter, `Retry-After`
 * honoured, bounded attempts and total time. Which answers are worth retrying is decided here too,
 * from what `answer-meaning.ts` reads them to mean.
 */
import { answerMeaning, classOfMeaning, THROTTLING_CODES } from "./answer-meaning";
import type { AnswerClass, AnswerKey } from "./answer-meaning";

export type { AnswerClass } from "./answer-meaning";

/** Bounds of the retries of one call. Every field has a documented default. */
export interface RetryPolicy {
  /** Attempts in total, the first included (default 8). */
  maxAttempts: number;
  /** Backoff base: the n-th retry waits a random time in [0, min(maxDelayMs, baseDelayMs·2ⁿ⁻¹)] (default 500 ms). */
  baseDelayMs: number;
  /** Cap of one backoff wait (default 20 s). */
  maxDelayMs: number;
  /** Time budget from the first attempt; no retry starts after it (default 120 s). */
  maxElapsedMs: number;
}

/** The defaults: up to 8 attempts within 2 minutes, waits from 0.5 s growing to at most 20 s. */
export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = Object.freeze({
  maxAttempts: 8,
  baseDelayMs: 500,
  maxDelayMs: 20_000,
  maxElapsedMs: 120_000,
});

/**
 * The wait before retry number `retry` (1 for the first retry): full jitter, i.e. uniformly random
 * in [0, min(maxDelayMs, baseDelayMs·2^(retry-1))]. `random` returns a number in [0, 1).
 */
export function backoffDelay(policy: RetryPolicy, retry: number, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retry - 1));
  return Math.floor(random() * ceiling);
}

/**
 * A `Retry-After` header (seconds, or an HTTP date) as milliseconds from `nowMs`; `undefined`
 * when absent or unreadable. Never negative.
 */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - nowMs);
}

/**
 * Classifies an error answer by status, method and OTC code together (see `answer-meaning.ts`):
 * a definitive answer such as `500 VPC.0509` is never retried as a transient 500.
 */
export function classifyAnswer(key: AnswerKey): AnswerClass {
  return classOfMeaning(answerMeaning(key));
}

/** Whether an answer is the gateway's or IAM's throttling (429, `APIG.0308`, `IAM.0012`). */
export function isThrottle(status: number, code: string | undefined): boolean {
  return status === 429 || (code !== undefined && THROTTLING_CODES.includes(code));
}
