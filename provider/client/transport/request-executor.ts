/**
 * Runs one API call to completion: authentication, the concurrency cap, per-attempt timeouts,
 * error normalisation, and retries with exponential backoff and full jitter for what is safe to
 * retry. A call that is not idempotent (a POST) is never resent after it may have reached OTC:
 * its unknown outcome becomes an {@link OutcomeUnknownError}.
 *
 * The pieces: {@link prepareCall} (per-call constants), {@link judgeAnswer} and
 * {@link judgeFailure} (what one attempt means), {@link planRetry} (whether and when to retry).
 */
import type { Dispatcher } from "undici";
import { TransportError } from "../../core/errors";
import type { ApiCall } from "../api/api-call";
import { requestIdOf } from "./answer-headers";
import type { AttemptVerdict } from "./attempt-verdict";
import type { Clock } from "./clock";
import type { ConcurrencyLimiter } from "./concurrency-limiter";
import type { DebugLog, Redactor } from "./debug-log";
import { deadlineError } from "./executor-errors";
import { judgeAnswer } from "./judge-answer";
import { judgeFailure } from "./judge-failure";
import { planRetry } from "./plan-retry";
import {
  newOutgoingRequest,
  prepareCall,
  type OutgoingRequest,
  type PreparedCall,
} from "./prepared-call";
import type { RequestCounter } from "./request-counter";
import type { RetryPolicy } from "./retry-policy";
import { sendOnce, type HttpAnswer, type SendResult } from "./send-once";

export { buildUrl, type OutgoingRequest } from "./prepared-call";

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
  /** Carries GET requests. */
  dispatcher: Dispatcher;
  /** Carries POST, PUT and DELETE (connections that are never stale); default `dispatcher`. */
  mutationDispatcher?: Dispatcher;
  clock: Clock;
  random: () => number;
  policy: RetryPolicy;
  limiter: ConcurrencyLimiter;
  counter: RequestCounter;
  log: DebugLog;
  redact: Redactor;
  requestTimeoutMs: number;
  /** Names the proxy (redacted) a request to a URL goes through, for messages; none by default. */
  describeProxy?: (url: string) => string | undefined;
  /** Set once after construction (the authenticator itself uses the executor). */
  authenticator?: Authenticator;
}

/** One attempt's exchange: what came back, with the token it was sent with. */
interface Exchange {
  result: SendResult;
  token: string | undefined;
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
    const { clock } = this.options;
    const prepared = prepareCall(call);
    const started = clock.now();
    let renewed = false;
    let last: unknown;

    for (let attempt = 1; ; attempt++) {
      const now = clock.now();
      if (call.deadline !== undefined && now >= call.deadline) {
        throw deadlineError(prepared.target, attempt - 1, now - started, last);
      }
      const exchange = await this.sendAttempt(prepared, attempt);
      const verdict = this.judge(prepared, exchange, renewed);
      switch (verdict.kind) {
        case "success":
          return verdict.answer;
        case "fail":
          throw verdict.error;
        case "renew-token":
          renewed = true;
          this.note(prepared, "token rejected (401); retrying once with a fresh token");
          continue;
        case "retry":
          last = verdict.error;
          await this.waitBeforeRetry(prepared, attempt, started, verdict);
      }
    }
  }

  /** Authenticates and sends one attempt through the concurrency cap, and logs the exchange. */
  private async sendAttempt(prepared: PreparedCall, attempt: number): Promise<Exchange> {
    const { clock, authenticator } = this.options;
    const { call, target } = prepared;
    const request = newOutgoingRequest(prepared);
    const token =
      call.auth === "none" || !authenticator ? undefined : await authenticator.apply(call, request);
    const timeoutMs = this.attemptTimeoutMs(call);
    const t0 = clock.now();
    let result: SendResult;
    try {
      result = await this.options.limiter.run(() => {
        this.options.counter.add(prepared.countKey);
        return sendOnce({
          ...request,
          timeoutMs,
          dispatcher:
            call.method === "GET"
              ? this.options.dispatcher
              : (this.options.mutationDispatcher ?? this.options.dispatcher),
          ...(call.signal ? { signal: call.signal } : {}),
        });
      }, call.signal);
    } catch (e) {
      throw new TransportError(target, "aborted by the caller before it was sent.", e);
    }
    this.logExchange(prepared, result, attempt, clock.now() - t0);
    return { result, token };
  }

  /** The attempt's timeout: the configured one, shortened to what is left before the deadline. */
  private attemptTimeoutMs(call: ApiCall): number {
    const leftMs =
      call.deadline !== undefined ? call.deadline - this.options.clock.now() : Infinity;
    return Math.max(1, Math.min(this.options.requestTimeoutMs, leftMs));
  }

  private judge(prepared: PreparedCall, exchange: Exchange, renewed: boolean): AttemptVerdict {
    const { result, token } = exchange;
    if (!result.ok) return judgeFailure(prepared, result.failure, this.options.describeProxy);
    return judgeAnswer({
      prepared,
      answer: result.answer,
      token,
      renewed,
      authenticator: this.options.authenticator,
      redact: this.options.redact,
      nowMs: this.options.clock.now(),
    });
  }

  /** Waits before the next attempt, or throws when no retry is allowed. */
  private async waitBeforeRetry(
    prepared: PreparedCall,
    attempt: number,
    started: number,
    verdict: Extract<AttemptVerdict, { kind: "retry" }>,
  ): Promise<void> {
    const { clock, policy } = this.options;
    const { call, target } = prepared;
    const plan = planRetry({
      policy,
      target,
      attempt,
      elapsedMs: clock.now() - started,
      nowMs: clock.now(),
      deadline: call.deadline,
      retryAfterMs: verdict.retryAfterMs,
      last: verdict.error,
      random: this.options.random,
    });
    if (plan.kind === "give-up") {
      if (plan.note !== undefined) this.note(prepared, plan.note);
      throw plan.error;
    }
    this.note(
      prepared,
      `retrying in ${plan.delayMs} ms${verdict.retryAfterMs !== undefined ? " (Retry-After)" : ""} ` +
        `(attempt ${attempt + 1} of at most ${policy.maxAttempts})`,
    );
    try {
      await clock.sleep(plan.delayMs, call.signal);
    } catch (e) {
      throw new TransportError(target, "aborted by the caller while waiting to retry.", e);
    }
  }

  private logExchange(
    prepared: PreparedCall,
    result: SendResult,
    attempt: number,
    tookMs: number,
  ): void {
    const { call, path } = prepared;
    if (result.ok) {
      const requestId = requestIdOf(result.answer.headers);
      this.options.log.write(
        `${call.method} ${path} → ${result.answer.status} in ${tookMs} ms (attempt ${attempt}` +
          `${requestId ? `, request id ${requestId}` : ""})`,
      );
    } else {
      this.options.log.write(
        `${call.method} ${path} → no answer in ${tookMs} ms (attempt ${attempt}): ${result.failure.message}`,
      );
    }
  }

  private note(prepared: PreparedCall, text: string): void {
    this.options.log.write(`${prepared.call.method} ${prepared.path}: ${text}`);
  }
}
