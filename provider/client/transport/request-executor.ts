/**
 * Runs one API call to completion: authentication, the concurrency cap, per-attempt timeouts,
 * error normalisation, and retries with exponential backoff and full jitter for what is safe to
 * retry. A call that is not idempotent (a POST) is never resent after it may have reached OTC:
 * its unknown outcome becomes an {@link OutcomeUnknownError}.
 */
import type { Dispatcher } from "undici";
import {
  DeadlineExceededError,
  OtcApiError,
  OutcomeUnknownError,
  RetryBudgetExhaustedError,
  TransportError,
  type RequestTarget,
} from "../../core/errors";
import type { ApiCall } from "../api/api-call";
import type { Clock } from "./clock";
import type { ConcurrencyLimiter } from "./concurrency-limiter";
import type { DebugLog, Redactor } from "./debug-log";
import { parseErrorBody } from "./parse-error-body";
import { percentEncode } from "../auth/percent-encode";
import { pathTemplate, type RequestCounter } from "./request-counter";
import { backoffDelay, classifyAnswer, parseRetryAfter, type RetryPolicy } from "./retry-policy";
import { sendOnce, type HttpAnswer } from "./send-once";
import { toApiError } from "./to-api-error";

/** A request being prepared, which the authenticator adds headers to. */
export interface OutgoingRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string | undefined;
}

/** Adds credentials to requests and decides what a 401 means. */
export interface Authenticator {
  /** The auth mode. */
  readonly kind: "token" | "aksk" | "password";
  /** Adds the auth headers for `call`; returns the token used, if any. */
  apply(call: ApiCall, request: OutgoingRequest): Promise<string | undefined>;
  /** After a 401 with `token`: drops it and returns true when a fresh token may help. */
  renew(token: string | undefined): boolean;
}

/** What the executor needs. */
export interface ExecutorOptions {
  dispatcher: Dispatcher;
  clock: Clock;
  random: () => number;
  policy: RetryPolicy;
  limiter: ConcurrencyLimiter;
  counter: RequestCounter;
  log: DebugLog;
  redact: Redactor;
  requestTimeoutMs: number;
  /** Set once after construction (the authenticator itself uses the executor). */
  authenticator?: Authenticator;
}

function headerValue(headers: HttpAnswer["headers"], name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function requestIdOf(headers: HttpAnswer["headers"]): string | undefined {
  return (
    headerValue(headers, "x-request-id") ??
    headerValue(headers, "x-openstack-request-id") ??
    headerValue(headers, "x-compute-request-id")
  );
}

/** Builds `base + path + ?query` with the query encoded as the signature encodes it. */
export function buildUrl(call: Pick<ApiCall, "baseUrl" | "path" | "query">): string {
  const query = (call.query ?? []).map(([k, v]) => `${percentEncode(k)}=${percentEncode(v)}`);
  return `${call.baseUrl}${call.path}${query.length > 0 ? `?${query.join("&")}` : ""}`;
}

/** Runs API calls; shared by every call of one client. */
export class RequestExecutor {
  /** @param options the client's collaborators */
  constructor(readonly options: ExecutorOptions) {}

  /**
   * Runs `call` until it succeeds, fails definitively or the retry budget runs out.
   * @returns the successful answer
   */
  async execute(call: ApiCall): Promise<HttpAnswer> {
    const { clock, policy, log } = this.options;
    const url = buildUrl(call);
    const path = new URL(url).pathname;
    const target: RequestTarget = { method: call.method, path };
    const countKey = call.countKey ?? `${call.method} ${pathTemplate(path)}`;
    const body = call.body === undefined ? undefined : JSON.stringify(call.body);
    const started = clock.now();
    let renewed = false;
    let last: unknown;

    for (let attempt = 1; ; attempt++) {
      const now = clock.now();
      if (call.deadline !== undefined && now >= call.deadline) {
        throw this.deadlineError(target, attempt - 1, now - started, last);
      }
      const request: OutgoingRequest = {
        method: call.method,
        url,
        headers: {
          accept: "application/json",
          ...(body !== undefined ? { "content-type": "application/json" } : {}),
          ...call.headers,
        },
        body,
      };
      const authenticator = this.options.authenticator;
      const token =
        call.auth === "none" || !authenticator
          ? undefined
          : await authenticator.apply(call, request);
      const timeoutMs = Math.max(
        1,
        Math.min(
          this.options.requestTimeoutMs,
          call.deadline !== undefined ? call.deadline - clock.now() : Infinity,
        ),
      );
      const t0 = clock.now();
      let result;
      try {
        result = await this.options.limiter.run(() => {
          this.options.counter.add(countKey);
          return sendOnce({
            ...request,
            timeoutMs,
            dispatcher: this.options.dispatcher,
            ...(call.signal ? { signal: call.signal } : {}),
          });
        }, call.signal);
      } catch (e) {
        throw new TransportError(target, "aborted by the caller before it was sent.", e);
      }
      const took = clock.now() - t0;
      let retryAfterMs: number | undefined;

      if (result.ok) {
        const { answer } = result;
        const requestId = requestIdOf(answer.headers);
        log.write(
          `${call.method} ${path} → ${answer.status} in ${took} ms (attempt ${attempt}` +
            `${requestId ? `, request id ${requestId}` : ""})`,
        );
        if (call.okStatuses.includes(answer.status)) return answer;
        const parsed = parseErrorBody(answer.body);
        parsed.message = this.options.redact(parsed.message);
        if (
          answer.status === 401 &&
          call.auth !== "none" &&
          !renewed &&
          authenticator?.renew(token) === true
        ) {
          renewed = true;
          log.write(
            `${call.method} ${path}: token rejected (401); retrying once with a fresh token`,
          );
          continue;
        }
        const cls =
          answer.status === 401 ? "definitive" : classifyAnswer(answer.status, parsed.code);
        const retryable = cls === "rejected-retryable" || (cls === "transient" && call.idempotent);
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
            afterRefresh: renewed,
            ...(call.tokenRequest ? { tokenRequest: true } : {}),
            ...(call.portId !== undefined ? { portId: call.portId } : {}),
          },
        );
        if (cls === "transient" && !call.idempotent) {
          throw this.unknownOutcome(call, target, `OTC answered HTTP ${answer.status}`, error);
        }
        if (!retryable) throw error;
        last = error;
        retryAfterMs = parseRetryAfter(headerValue(answer.headers, "retry-after"), clock.now());
      } else {
        const { failure } = result;
        log.write(
          `${call.method} ${path} → no answer in ${took} ms (attempt ${attempt}): ${failure.message}`,
        );
        if (failure.aborted) {
          if (!call.idempotent && failure.mayHaveBeenSent) {
            throw this.unknownOutcome(call, target, "the call was aborted", failure.cause);
          }
          throw new TransportError(target, "aborted by the caller.", failure.cause);
        }
        if (failure.tls) {
          throw new TransportError(
            target,
            `TLS failed: ${failure.message}. If the endpoint uses a private CA, set otc:caCert (or OS_CACERT) to its PEM bundle.`,
            failure.cause,
          );
        }
        if (!call.idempotent && failure.mayHaveBeenSent) {
          throw this.unknownOutcome(call, target, failure.message, failure.cause);
        }
        last = new TransportError(
          target,
          `${failure.message}. Check the endpoint URL, the network and any proxy (HTTPS_PROXY/NO_PROXY).`,
          failure.cause,
        );
      }

      const elapsed = clock.now() - started;
      if (attempt >= policy.maxAttempts) {
        if (policy.maxAttempts === 1) throw last;
        throw new RetryBudgetExhaustedError(target, attempt, elapsed, last);
      }
      const delay = retryAfterMs ?? backoffDelay(policy, attempt, this.options.random);
      if (elapsed + delay > policy.maxElapsedMs) {
        log.write(
          `${call.method} ${path}: giving up, a ${delay} ms wait would exceed the ${policy.maxElapsedMs} ms budget`,
        );
        throw new RetryBudgetExhaustedError(target, attempt, elapsed, last);
      }
      if (call.deadline !== undefined && clock.now() + delay >= call.deadline) {
        throw this.deadlineError(target, attempt, elapsed, last);
      }
      log.write(
        `${call.method} ${path}: retrying in ${delay} ms${retryAfterMs !== undefined ? " (Retry-After)" : ""} ` +
          `(attempt ${attempt + 1} of at most ${policy.maxAttempts})`,
      );
      try {
        await clock.sleep(delay, call.signal);
      } catch (e) {
        throw new TransportError(target, "aborted by the caller while waiting to retry.", e);
      }
    }
  }

  private deadlineError(
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

  private unknownOutcome(
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
}
