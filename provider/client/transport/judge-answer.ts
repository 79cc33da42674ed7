/**
 * Decides what an HTTP answer means for the call: success, a token to renew, a retry, or a
 * definitive failure (a transient fault of a non-idempotent call is an unknown outcome).
 */
import type { Authenticator } from "./request-executor";
import type { AttemptVerdict } from "./attempt-verdict";
import { headerValue, requestIdOf } from "./answer-headers";
import type { Redactor } from "./debug-log";
import { unknownOutcomeError } from "./executor-errors";
import { parseErrorBody } from "./parse-error-body";
import type { PreparedCall } from "./prepared-call";
import { classifyAnswer, isThrottle, parseRetryAfter } from "./retry-policy";
import type { HttpAnswer } from "./send-once";
import { toApiError } from "./to-api-error";

/** Everything the judgement of one answer depends on. */
export interface AnswerContext {
  prepared: PreparedCall;
  answer: HttpAnswer;
  /** The token the attempt was sent with, if any. */
  token: string | undefined;
  /** A fresh token was already fetched once for this call. */
  renewed: boolean;
  authenticator: Authenticator | undefined;
  redact: Redactor;
  /** Now (epoch ms), to read a `Retry-After` date. */
  nowMs: number;
}

/** Judges one HTTP answer. May drop the token (via the authenticator) when it answers `renew-token`. */
export function judgeAnswer(context: AnswerContext): AttemptVerdict {
  const { prepared, answer, token, renewed, authenticator } = context;
  const { call, path, target } = prepared;
  if (call.okStatuses.includes(answer.status)) return { kind: "success", answer };
  const parsed = parseErrorBody(answer.body);
  parsed.message = context.redact(parsed.message);
  if (
    answer.status === 401 &&
    call.auth !== "none" &&
    !renewed &&
    authenticator?.renew(token) === true
  ) {
    return { kind: "renew-token" };
  }
  // One identity-wide refusal (a rejected AK/SK key) reads the same for every call it stops.
  const refusal = answer.status === 401 ? authenticator?.refusal?.() : undefined;
  if (refusal !== undefined) return { kind: "fail", error: refusal };
  const cls =
    answer.status === 401
      ? "definitive"
      : classifyAnswer({
          status: answer.status,
          method: call.method,
          code: parsed.code,
          neutronType: parsed.neutronType,
        });
  const retryable = cls === "rejected-retryable" || (cls === "transient" && call.idempotent);
  const requestId = requestIdOf(answer.headers);
  const error = toApiError(
    {
      method: call.method,
      path,
      status: answer.status,
      body: parsed,
      ...(requestId !== undefined ? { headerRequestId: requestId } : {}),
    },
    {
      authKind: authenticator?.kind ?? "token",
      retryable,
      ...(cls === "transient" ? { transient: true } : {}),
      endpoint: call.baseUrl,
      afterRefresh: renewed,
      ...(call.tokenRequest ? { tokenRequest: true } : {}),
      ...(call.portId !== undefined ? { portId: call.portId } : {}),
    },
  );
  if (cls === "transient" && !call.idempotent) {
    return {
      kind: "fail",
      error: unknownOutcomeError(call, target, `OTC answered HTTP ${answer.status}`, error),
    };
  }
  if (!retryable) return { kind: "fail", error };
  return {
    kind: "retry",
    error,
    retryAfterMs: parseRetryAfter(headerValue(answer.headers, "retry-after"), context.nowMs),
    throttled: isThrottle(answer.status, parsed.code),
    timeout: false,
  };
}
