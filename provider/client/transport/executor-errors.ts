/** The errors the executor makes itself: a missed deadline and a non-idempotent call's unknown outcome. */
import {
  DeadlineExceededError,
  OtcApiError,
  OutcomeUnknownError,
  type RequestTarget,
} from "../../core/errors";
import type { ApiCall } from "../api/api-call";

/** The call could not finish before its deadline after `attempts` attempts over `elapsedMs`. */
export function deadlineError(
  target: RequestTarget,
  attempts: number,
  elapsedMs: number,
  last: unknown,
): DeadlineExceededError {
  const lastText = last instanceof Error ? ` Last error: ${last.message}` : "";
  return new DeadlineExceededError(
    `OTC ${target.method} ${target.path} did not complete before its deadline ` +
      `(${attempts} attempt${attempts === 1 ? "" : "s"} over ${(elapsedMs / 1000).toFixed(1)} s).` +
      `${lastText} Raise the operation's timeout or run again later.`,
  );
}

/** A call that must not be resent may have taken effect: `what` happened, `cause` says more. */
export function unknownOutcomeError(
  call: ApiCall,
  target: RequestTarget,
  what: string,
  cause: unknown,
): OutcomeUnknownError {
  const detail = cause instanceof OtcApiError ? ` (${cause.message})` : "";
  return new OutcomeUnknownError(
    target,
    `OTC ${target.method} ${target.path}: the outcome is unknown — ${what}${detail}. ` +
      `The request was not resent, because it may have taken effect. ` +
      (call.unknownOutcomeAdvice ?? "Check the current state before trying again."),
    cause,
  );
}
