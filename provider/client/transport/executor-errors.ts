/** The errors the executor makes itself: a missed deadline and a non-idempotent call's unknown outcome. */
import {
  DeadlineExceededError,
  OtcApiError,
  OutcomeUnknownError,
  type RequestTarget,
} from "../../core/errors";
import type { ApiCall } from "../api/api-call";

const seconds = (ms: number): string => `${(Math.max(0, ms) / 1000).toFixed(1)} s`;

/** What to do about a missed deadline. */
const DEADLINE_ADVICE =
  "Raise the resource's timeouts (timeouts.create / update / delete) or run again later.";

/**
 * The call could not finish before its deadline after `attempts` attempts over `elapsedMs`
 * (`purpose` says what the call was for, e.g. "IAM token").
 */
export function deadlineError(
  target: RequestTarget,
  attempts: number,
  elapsedMs: number,
  last: unknown,
  purpose?: string,
): DeadlineExceededError {
  const call = `OTC ${target.method} ${target.path}${purpose ? ` (${purpose})` : ""}`;
  if (attempts === 0) {
    return new DeadlineExceededError(
      `${call} was not sent: the operation's deadline had already passed. ${DEADLINE_ADVICE}`,
    );
  }
  const lastText = last instanceof Error ? ` Last error: ${last.message}` : "";
  return new DeadlineExceededError(
    `${call} did not answer within the operation's deadline ` +
      `(${attempts} attempt${attempts === 1 ? "" : "s"} over ${seconds(elapsedMs)}).` +
      `${lastText} ${DEADLINE_ADVICE}`,
    last instanceof Error ? { cause: last } : undefined,
  );
}

/**
 * A call gave up waiting for something it shares with other calls (`what`: the IAM token, the
 * project look-up, the first signed request's verdict) when its deadline came: that is what used
 * the time, so the message names it first.
 */
export function waitExpiredError(
  what: string,
  waiting: Pick<ApiCall, "method" | "path"> | undefined,
  waitedMs: number,
): DeadlineExceededError {
  const who = waiting
    ? `; ${waiting.method} ${waiting.path} waited ${seconds(waitedMs)} for it and was not sent`
    : ` (waited ${seconds(waitedMs)})`;
  return new DeadlineExceededError(
    `OTC ${what} did not answer within the operation's deadline${who}. ${DEADLINE_ADVICE}`,
  );
}

/**
 * A call was never sent because its deadline came while it waited in this process (`what`: for a
 * free request slot, for the endpoint's send rate) for `waitedMs`; `why` says what held it up.
 */
export function localWaitExpiredError(
  target: RequestTarget,
  what: string,
  waitedMs: number,
  why: string,
  purpose?: string,
): DeadlineExceededError {
  return new DeadlineExceededError(
    `OTC ${target.method} ${target.path}${purpose ? ` (${purpose})` : ""} was not sent: it waited ` +
      `${seconds(waitedMs)} ${what} until the operation's deadline (${why}). ${DEADLINE_ADVICE}`,
  );
}

/**
 * A call was not sent because the endpoint's send rate would hold it `waitMs`, past its deadline
 * (OTC throttled the project): sending it then would leave it no time for its answer.
 */
export function rateWaitTooLongError(
  target: RequestTarget,
  waitMs: number,
  last: unknown,
  purpose?: string,
): DeadlineExceededError {
  const lastText = last instanceof Error ? ` Last error: ${last.message}` : "";
  return new DeadlineExceededError(
    `OTC ${target.method} ${target.path}${purpose ? ` (${purpose})` : ""} was not sent` +
      `${last instanceof Error ? " again" : ""}: OTC throttled this project, and the endpoint's ` +
      `send rate would hold it ${seconds(waitMs)}, past the operation's deadline.${lastText} ` +
      DEADLINE_ADVICE,
    last instanceof Error ? { cause: last } : undefined,
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
