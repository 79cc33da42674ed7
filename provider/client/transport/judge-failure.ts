/**
 * Decides what a missing answer (a transport failure) means for the call: an abort or a TLS
 * failure is definitive, a non-idempotent call that may have been sent has an unknown outcome,
 * anything else is worth retrying.
 */
import { TransportError } from "../../core/errors";
import type { AttemptVerdict } from "./attempt-verdict";
import { unknownOutcomeError } from "./executor-errors";
import type { PreparedCall } from "./prepared-call";
import type { TransportFailure } from "./send-once";

/** Judges one attempt that got no HTTP answer. */
export function judgeFailure(prepared: PreparedCall, failure: TransportFailure): AttemptVerdict {
  const { call, target } = prepared;
  const mayHaveTakenEffect = !call.idempotent && failure.mayHaveBeenSent;
  if (failure.aborted) {
    if (mayHaveTakenEffect) {
      return {
        kind: "fail",
        error: unknownOutcomeError(call, target, "the call was aborted", failure.cause),
      };
    }
    return {
      kind: "fail",
      error: new TransportError(target, "aborted by the caller.", failure.cause),
    };
  }
  if (failure.tls) {
    return {
      kind: "fail",
      error: new TransportError(
        target,
        `TLS failed: ${failure.message}. If the endpoint uses a private CA, set otc:caCert (or OS_CACERT) to its PEM bundle.`,
        failure.cause,
      ),
    };
  }
  if (mayHaveTakenEffect) {
    return {
      kind: "fail",
      error: unknownOutcomeError(call, target, failure.message, failure.cause),
    };
  }
  return {
    kind: "retry",
    error: new TransportError(
      target,
      `${failure.message}. Check the endpoint URL, the network and any proxy (HTTPS_PROXY/NO_PROXY).`,
      failure.cause,
    ),
    retryAfterMs: undefined,
  };
}
