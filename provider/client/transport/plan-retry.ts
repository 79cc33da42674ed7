/**
 * After a retryable failure: how long to wait before the next attempt, or why not to retry at all
 * (attempts spent, the time budget, the call's deadline).
 */
import { RetryBudgetExhaustedError, type RequestTarget } from "../../core/errors";
import { deadlineError } from "./executor-errors";
import { backoffDelay, type RetryPolicy } from "./retry-policy";

/** The state of a call after a retryable failure. */
export interface RetryQuestion {
  policy: RetryPolicy;
  target: RequestTarget;
  /** The attempt that just failed (1 for the first). */
  attempt: number;
  /** Milliseconds since the first attempt started. */
  elapsedMs: number;
  /** Now (epoch ms). */
  nowMs: number;
  /** The call's absolute deadline (epoch ms), if any. */
  deadline: number | undefined;
  /** The server's `Retry-After`, if it sent one. */
  retryAfterMs: number | undefined;
  /** The failure just seen. */
  last: unknown;
  /** What the call is for, when its path alone does not say (for the deadline message). */
  purpose?: string;
  random: () => number;
}

/** Retry after `delayMs`, or give up with `error` (`note` is worth logging). */
export type RetryPlan =
  { kind: "wait"; delayMs: number } | { kind: "give-up"; error: unknown; note?: string };

/** Decides whether and when to retry. */
export function planRetry(q: RetryQuestion): RetryPlan {
  const { policy, target, attempt, elapsedMs, last } = q;
  if (attempt >= policy.maxAttempts) {
    if (policy.maxAttempts === 1) return { kind: "give-up", error: last };
    return {
      kind: "give-up",
      error: new RetryBudgetExhaustedError(target, attempt, elapsedMs, last),
    };
  }
  const delayMs = q.retryAfterMs ?? backoffDelay(policy, attempt, q.random);
  if (elapsedMs + delayMs > policy.maxElapsedMs) {
    return {
      kind: "give-up",
      error: new RetryBudgetExhaustedError(target, attempt, elapsedMs, last),
      note: `giving up, a ${delayMs} ms wait would exceed the ${policy.maxElapsedMs} ms budget`,
    };
  }
  if (q.deadline !== undefined && q.nowMs + delayMs >= q.deadline) {
    return { kind: "give-up", error: deadlineError(target, attempt, elapsedMs, last, q.purpose) };
  }
  return { kind: "wait", delayMs };
}
