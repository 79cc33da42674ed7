/**
 * Runs one API call to completion: authentication, the concurrency cap, per-attempt timeouts,
 * error normalisation, and retries with exponential backoff and full jitter for what is safe to
 * retry. A call that is not idempotent (a POST) is never resent after it may have reached OTC:
 * its unknown outcome becomes an {@link OutcomeUnknownError} — unless the call brings a look that
 * can tell what it made (`lookBeforeResend`, a bound create), which then decides each resend.
 *
 * The pieces: {@link prepareCall} (per-call constants), {@link judgeAnswer} and
 * {@link judgeFailure} (what one attempt means), {@link planRetry} (whether and when to retry),
 * and per endpoint and project an {@link EndpointThrottle}: the adaptive send rate that every
 * attempt waits for once OTC has throttled, and the retry quota every retry spends from.
 */
import type { Dispatcher } from "undici";
import {
  OtcApiError,
  OutcomeUnknownError,
  RetryQuotaExhaustedError,
  TransportError,
  type RequestTarget,
} from "../../core/errors";
import type { ApiCall } from "../api/api-call";
import { requestIdOf } from "./answer-headers";
import { RateWaitPastDeadline } from "./adaptive-rate-limiter";
import type { AttemptVerdict } from "./attempt-verdict";
import type { Clock } from "./clock";
import type { ConcurrencyLimiter } from "./concurrency-limiter";
import type { DebugLog, Redactor } from "./debug-log";
import { deadlineSignal } from "./deadline-signal";
import { deadlineError, localWaitExpiredError, rateWaitTooLongError } from "./executor-errors";
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
import type { EndpointThrottle } from "./throttle-registry";

export { buildUrl, type OutgoingRequest } from "./prepared-call";

/** Adds credentials to requests and decides what a 401 means. */
export interface Authenticator {
  /** The auth mode. */
  readonly kind: "token" | "aksk" | "password";
  /** Adds the auth headers for `call`; returns the token used, if any. */
  apply(call: ApiCall, request: OutgoingRequest): Promise<string | undefined>;
  /**
   * After a 401 with `token`: drops it and returns true when a fresh token (or, for AK/SK, a
   * signing time corrected by OTC's clock) may help.
   */
  renew(token: string | undefined): boolean;
  /** Told what each attempt brought back (AK/SK learns whether its signatures are accepted). */
  observe?(call: ApiCall, target: RequestTarget, result: SendResult): void;
  /** After a 401: the one error every call of this identity now fails with, if any. */
  refusal?(): Error | undefined;
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
  /** The throttling state (send rate, retry quota) of a call's endpoint; none when absent. */
  throttleFor?: (baseUrl: string) => EndpointThrottle;
  /** Set once after construction (the authenticator itself uses the executor). */
  authenticator?: Authenticator;
}

/** One attempt's exchange: what came back, with the token it was sent with. */
interface Exchange {
  result: SendResult;
  token: string | undefined;
  /** When the request left (after every wait), epoch ms. */
  sentAt: number;
}

/** Where a call stands across its attempts. */
interface CallProgress {
  readonly prepared: PreparedCall;
  readonly throttle: EndpointThrottle;
  readonly started: number;
  attempt: number;
  /** The last retryable failure. */
  last: unknown;
  /** Retry-quota tokens this call has taken. */
  quotaTaken: number;
}

const NO_THROTTLE: EndpointThrottle = { limiter: undefined, quota: undefined };

/** What the authenticator is told of an attempt that never left this process. */
const NOT_SENT: SendResult = {
  ok: false,
  failure: {
    mayHaveBeenSent: false,
    timedOut: false,
    aborted: false,
    tls: false,
    code: undefined,
    message: "not sent",
    cause: undefined,
  },
};

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
    const progress: CallProgress = {
      prepared,
      throttle: this.options.throttleFor?.(call.baseUrl) ?? NO_THROTTLE,
      started: clock.now(),
      attempt: 0,
      last: undefined,
      quotaTaken: 0,
    };
    let renewed = false;

    for (;;) {
      progress.attempt++;
      this.throwIfPastDeadline(progress);
      const exchange = await this.sendAttempt(progress);
      const verdict = this.judge(prepared, exchange, renewed);
      this.tellLimiter(progress, exchange, verdict);
      switch (verdict.kind) {
        case "success":
          progress.throttle.quota?.onSuccess(progress.quotaTaken);
          return verdict.answer;
        case "fail":
          if (!(await this.resendAfterLook(progress, verdict.error))) throw verdict.error;
          continue;
        case "renew-token":
          renewed = true;
          this.note(prepared, "token rejected (401); retrying once with a fresh token");
          continue;
        case "retry":
          progress.last = verdict.error;
          await this.waitBeforeRetry(progress, verdict);
      }
    }
  }

  /** Before an attempt: the call's deadline must not have passed (nothing was sent yet). */
  private throwIfPastDeadline(progress: CallProgress): void {
    const { deadline } = progress.prepared.call;
    if (deadline !== undefined && this.options.clock.now() >= deadline) {
      throw this.pastDeadline(progress);
    }
  }

  /** The error of an attempt not sent because the deadline had come. */
  private pastDeadline(progress: CallProgress): Error {
    const { call, target } = progress.prepared;
    const elapsed = this.options.clock.now() - progress.started;
    return deadlineError(target, progress.attempt - 1, elapsed, progress.last, call.purpose);
  }

  /**
   * Authenticates, takes a slot of the concurrency cap, waits there for the endpoint's send rate
   * and sends one attempt, and logs the exchange. The rate is waited for inside the slot: a
   * request that got its send token must go at once, not queue again behind the cap and then
   * leave in a burst with every other such request when slots free up. Every wait ends at the
   * call's deadline; the attempt's timeout is what is left after them, and a call whose deadline
   * came meanwhile is not sent at all.
   */
  private async sendAttempt(progress: CallProgress): Promise<Exchange> {
    const { clock, authenticator } = this.options;
    const { prepared } = progress;
    const { call, target } = prepared;
    const request = newOutgoingRequest(prepared);
    const token =
      call.auth === "none" || !authenticator ? undefined : await authenticator.apply(call, request);
    const sent = await this.sendInSlot(progress, request);
    // Told also of an attempt that never left (the AK/SK gate then lets another request probe).
    if (call.auth !== "none") authenticator?.observe?.(call, target, sent.result);
    if (sent.notSent) throw sent.notSent;
    this.logExchange(prepared, sent.result, progress.attempt, clock.now() - sent.sentAt);
    return { result: sent.result, token, sentAt: sent.sentAt };
  }

  /**
   * Waits for a free request slot (no longer than the deadline) and in it for the send rate, then
   * sends with the time left. An attempt that was not sent comes back with `notSent`, its error.
   */
  private async sendInSlot(
    progress: CallProgress,
    request: OutgoingRequest,
  ): Promise<{ result: SendResult; sentAt: number; notSent?: Error }> {
    const { clock, limiter } = this.options;
    const { prepared } = progress;
    const { call, target } = prepared;
    const waitStarted = clock.now();
    const slot = deadlineSignal(call.deadline, clock, call.signal);
    let sentAt = waitStarted;
    let inSlot = false;
    try {
      const result = await limiter.run(async () => {
        inSlot = true;
        slot.dispose();
        await this.waitForSendRate(progress);
        const timeoutMs = this.attemptTimeoutMs(call);
        if (timeoutMs <= 0) return undefined;
        this.options.counter.add(prepared.countKey);
        sentAt = clock.now();
        progress.throttle.limiter?.onSent();
        return sendOnce({
          ...request,
          timeoutMs,
          dispatcher:
            call.method === "GET"
              ? this.options.dispatcher
              : (this.options.mutationDispatcher ?? this.options.dispatcher),
          ...(call.signal ? { signal: call.signal } : {}),
        });
      }, slot.signal);
      if (result !== undefined) return { result, sentAt };
      return { result: NOT_SENT, sentAt, notSent: this.pastDeadline(progress) };
    } catch (e) {
      if (inSlot) return { result: NOT_SENT, sentAt, notSent: e as Error };
      const waited = clock.now() - waitStarted;
      const n = limiter.inFlight;
      const notSent = slot.expired()
        ? localWaitExpiredError(
            target,
            "for a free request slot",
            waited,
            `this process already had ${n} request${n === 1 ? "" : "s"} in flight, its limit`,
            call.purpose,
          )
        : new TransportError(target, "aborted by the caller before it was sent.", e);
      return { result: NOT_SENT, sentAt, notSent };
    } finally {
      slot.dispose();
    }
  }

  /**
   * Waits until the endpoint's adaptive send rate lets the attempt go (at once while OTC has not
   * throttled). A wait that would outlast the deadline fails now, and one still waiting when the
   * deadline comes (a later `Retry-After` held every sender, the rate was cut) gives up its place
   * then: either way before anything is sent, so a create never goes out with no time left for
   * its answer.
   */
  private async waitForSendRate(progress: CallProgress): Promise<void> {
    const limiter = progress.throttle.limiter;
    if (!limiter) return;
    const { clock } = this.options;
    const { call, target } = progress.prepared;
    const waitStarted = clock.now();
    const bound = deadlineSignal(call.deadline, clock, call.signal);
    try {
      let wait: Promise<void> | undefined;
      try {
        wait = limiter.acquire({
          ...(bound.signal ? { signal: bound.signal } : {}),
          ...(call.deadline !== undefined ? { deadline: call.deadline } : {}),
        });
      } catch (e) {
        if (!(e instanceof RateWaitPastDeadline)) throw e;
        throw rateWaitTooLongError(target, e.waitMs, progress.last, call.purpose);
      }
      if (!wait) return;
      try {
        await wait;
      } catch (e) {
        if (!bound.expired()) {
          throw new TransportError(
            target,
            "aborted by the caller while waiting for the send rate.",
            e,
          );
        }
        throw localWaitExpiredError(
          target,
          "for the endpoint's send rate",
          clock.now() - waitStarted,
          "OTC throttled this project, or its first requests are not answered yet, so requests " +
            "to it are held back",
          call.purpose,
        );
      }
    } finally {
      bound.dispose();
    }
    this.throwIfPastDeadline(progress);
  }

  /** Feeds the answer to the endpoint's send rate: a throttle cuts it, any other answer grows it. */
  private tellLimiter(progress: CallProgress, exchange: Exchange, verdict: AttemptVerdict): void {
    const limiter = progress.throttle.limiter;
    if (!limiter) return;
    if (!exchange.result.ok) {
      limiter.onNoAnswer();
      return;
    }
    if (verdict.kind === "retry" && verdict.throttled) {
      const before = limiter.stats();
      limiter.onThrottle(exchange.sentAt, verdict.retryAfterMs);
      const after = limiter.stats();
      if (after.decreases > before.decreases) {
        this.note(
          progress.prepared,
          `throttled: send rate for ${progress.prepared.call.baseUrl} now ${after.rate.toFixed(1)} requests/s` +
            `${verdict.retryAfterMs !== undefined ? `, every request held for ${verdict.retryAfterMs} ms (Retry-After)` : ""}`,
        );
      }
    } else {
      limiter.onAnswer();
    }
  }

  /**
   * The attempt's timeout: the configured one, shortened to what is left before the deadline
   * (0 or less: the deadline has come, and the attempt is not sent).
   */
  private attemptTimeoutMs(call: ApiCall): number {
    const leftMs =
      call.deadline !== undefined ? call.deadline - this.options.clock.now() : Infinity;
    return Math.min(this.options.requestTimeoutMs, leftMs);
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

  /**
   * After a failure: true when it is an unknown outcome of a call that may be resent once a look
   * shows it made nothing (a bound create). Waits as before any retry — the same attempts, time
   * budget, deadline and retry quota — then asks the call's look. Throws when no resend is allowed.
   */
  private async resendAfterLook(progress: CallProgress, error: unknown): Promise<boolean> {
    const look = progress.prepared.call.lookBeforeResend;
    if (look === undefined || !(error instanceof OutcomeUnknownError)) return false;
    progress.last = error;
    await this.waitBeforeRetry(progress, {
      kind: "retry",
      error,
      retryAfterMs: undefined,
      throttled: false,
      // No HTTP answer at all (a reset, a timeout) costs the quota what a timeout costs.
      timeout: !(error.cause instanceof OtcApiError),
    });
    const resend = await look(error);
    if (resend) {
      this.note(progress.prepared, "outcome unknown and the look found nothing: sending it again");
    }
    return resend;
  }

  /**
   * Waits before the next attempt, or throws when no retry is allowed: the attempts, the time
   * budget or the deadline are spent, or the endpoint's retry quota cannot pay for it.
   */
  private async waitBeforeRetry(
    progress: CallProgress,
    verdict: Extract<AttemptVerdict, { kind: "retry" }>,
  ): Promise<void> {
    const { clock, policy } = this.options;
    const { prepared, attempt } = progress;
    const { call, target } = prepared;
    const plan = planRetry({
      policy,
      target,
      attempt,
      elapsedMs: clock.now() - progress.started,
      nowMs: clock.now(),
      deadline: call.deadline,
      retryAfterMs: verdict.retryAfterMs,
      last: verdict.error,
      random: this.options.random,
      ...(call.purpose !== undefined ? { purpose: call.purpose } : {}),
    });
    if (plan.kind === "give-up") {
      if (plan.note !== undefined) this.note(prepared, plan.note);
      throw plan.error;
    }
    const quota = progress.throttle.quota;
    if (quota) {
      const taken = quota.take(verdict.timeout);
      if (taken === undefined) {
        this.note(prepared, "giving up at once: the retry quota of this endpoint is spent");
        throw new RetryQuotaExhaustedError(target, verdict.throttled, verdict.error);
      }
      progress.quotaTaken += taken;
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
