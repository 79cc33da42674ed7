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

/** What a proxy's refusal means and what to do about it. */
function proxyAdvice(status: number): string {
  if (status === 407) {
    return (
      "407 Proxy Authentication Required: the proxy wants a login. Put its user and password in " +
      "the variable (http://user:password@host:port, special characters percent-encoded), or " +
      "add OTC's hosts to NO_PROXY if they are reachable without the proxy."
    );
  }
  return (
    `HTTP ${status}: the proxy refuses this destination. Ask its administrators to allow the OTC ` +
    "endpoint, or add the host to NO_PROXY if it is reachable without the proxy."
  );
}

/**
 * Judges one attempt that got no HTTP answer.
 *
 * @param describeProxy names the proxy a request to a URL goes through (redacted), for messages
 */
export function judgeFailure(
  prepared: PreparedCall,
  failure: TransportFailure,
  describeProxy?: (url: string) => string | undefined,
): AttemptVerdict {
  const { call, target } = prepared;
  const proxyStatus = failure.proxyStatus;
  // A proxy's own refusal (4xx) is definitive: the request never left for OTC, and resending it
  // gets the same answer (a 5xx from the proxy may be its upstream's transient fault).
  if (proxyStatus !== undefined && proxyStatus >= 400 && proxyStatus < 500) {
    const proxy = describeProxy?.(prepared.url) ?? "the configured proxy";
    return {
      kind: "fail",
      error: new TransportError(
        target,
        `the proxy ${proxy} refused the connection to ${new URL(prepared.url).host} with ` +
          `${proxyAdvice(proxyStatus)} The request never reached OTC; not retried.`,
        failure.cause,
      ),
    };
  }
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
    throttled: false,
    timeout: true,
  };
}
