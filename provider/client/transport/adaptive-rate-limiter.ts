/**
 * The client-side send rate of one endpoint and project, shared by every caller in the process
 * (see {@link ThrottleRegistry}). Off until the first throttle, except for the
 * {@link FirstAnswerWindow} (the first requests go at once, the rest once those were answered):
 * then a token bucket whose rate the {@link CubicRateController} sets from the
 * {@link SendRateMeter}'s figure. Callers that find no token wait in one first-come-first-served
 * queue. A `Retry-After` pauses the whole queue, every caller of this endpoint and project, not
 * only the request that got it.
 */
import type { Clock } from "./clock";
import {
  CubicRateController,
  DEFAULT_CUBIC_PARAMETERS,
  type CubicParameters,
} from "./cubic-rate-controller";
import {
  DEFAULT_FIRST_ANSWER_WINDOW,
  FirstAnswerWindow,
  type FirstAnswerWindowParameters,
  type WindowState,
} from "./first-answer-window";
import { SendRateMeter } from "./send-rate-meter";

/** The limiter's parameters: the curve's, the first answers', and the bucket's. */
export interface RateLimiterParameters extends CubicParameters, FirstAnswerWindowParameters {
  /**
   * The bucket holds at most `max(1, rate × burstSeconds)` tokens (default 0.1 s): the client
   * paces its requests evenly and keeps almost no burst of its own, since the gateway's burst is
   * unknown and a client burst after a lull is what trips it.
   */
  burstSeconds: number;
  /** The send-rate meter's interval (default 500 ms). */
  meterIntervalMs: number;
  /** The weight of the newest interval in the smoothed send rate (default 0.8). */
  smoothing: number;
}

/** The defaults of {@link RateLimiterParameters}. */
export const DEFAULT_RATE_LIMITER_PARAMETERS: Readonly<RateLimiterParameters> = Object.freeze({
  ...DEFAULT_CUBIC_PARAMETERS,
  ...DEFAULT_FIRST_ANSWER_WINDOW,
  burstSeconds: 0.1,
  meterIntervalMs: 500,
  smoothing: 0.8,
});

/** A wait for a send token that cannot end before the caller's deadline. */
export class RateWaitPastDeadline extends Error {
  /** @param waitMs the expected wait */
  constructor(readonly waitMs: number) {
    super(`the client's rate limit would hold the request for about ${Math.ceil(waitMs)} ms`);
  }
}

interface Waiter {
  release(): void;
}

/** What the limiter has seen, for logs, tests and the benchmark. */
export interface RateLimiterStats {
  /** Whether a throttle turned the limiter on. */
  enabled: boolean;
  /** The allowed rate in requests/s (`Infinity` while off). */
  rate: number;
  /** Throttles seen. */
  throttles: number;
  /** Throttles that lowered the rate (the others answered requests sent before the last cut). */
  decreases: number;
  /** Callers waiting for a token now. */
  waiting: number;
  /** Where the first-answer window stands. */
  window: WindowState;
}

/** The adaptive send rate of one endpoint and project. */
export class AdaptiveRateLimiter {
  private enabled = false;
  private rate = Infinity;
  private tokens = 0;
  private refilledAt = 0;
  private pausedUntil = 0;
  private lastDecreaseAt = -Infinity;
  private throttles = 0;
  private decreases = 0;
  private readonly queue: Waiter[] = [];
  private pumping = false;
  private readonly controller: CubicRateController;
  private readonly meter: SendRateMeter;
  private readonly window: FirstAnswerWindow;
  private wake: (() => void) | undefined;

  /**
   * @param clock the time source (its `sleep` paces the queue)
   * @param parameters see {@link RateLimiterParameters}
   */
  constructor(
    private readonly clock: Clock,
    readonly parameters: RateLimiterParameters = DEFAULT_RATE_LIMITER_PARAMETERS,
  ) {
    if (!(parameters.burstSeconds > 0)) {
      throw new RangeError(`burstSeconds must be > 0, got ${parameters.burstSeconds}`);
    }
    this.controller = new CubicRateController(parameters);
    this.meter = new SendRateMeter(parameters.meterIntervalMs, parameters.smoothing);
    this.window = new FirstAnswerWindow(parameters);
  }

  /**
   * Waits for a send token. Returns `undefined` when the request may go at once (always, once the
   * first answers came back and until a throttle), else a promise that resolves when it may go.
   * @throws RateWaitPastDeadline when the expected wait ends at or after `deadline`
   * @throws the signal's reason (from the promise) when `signal` aborts while waiting
   */
  acquire(options: { signal?: AbortSignal; deadline?: number } = {}): Promise<void> | undefined {
    const now = this.clock.now();
    if (!this.enabled && this.pausedUntil <= now) {
      // Before any throttle only the first-answer window holds requests back, for at most one
      // round trip (or initialWindowMs): no deadline check for so short a wait.
      if (this.queue.length === 0 && this.window.tryEnter(now)) return undefined;
      return this.enqueue(options.signal);
    }
    if (this.queue.length === 0 && this.pausedUntil <= now) {
      this.refill(now);
      if (this.tokens >= 1) {
        this.tokens -= 1;
        return undefined;
      }
    }
    const waitMs = Math.max(
      this.pausedUntil - now,
      ((this.queue.length + 1 - this.tokens) / this.rate) * 1000,
    );
    if (options.deadline !== undefined && now + waitMs >= options.deadline) {
      throw new RateWaitPastDeadline(waitMs);
    }
    return this.enqueue(options.signal);
  }

  /** Counts a request as sent now (every request, also while the limiter is off). */
  onSent(): void {
    this.meter.record(this.clock.now());
  }

  /**
   * A throttled answer (429) to a request sent at `sentAtMs`; `retryAfterMs` when the server named
   * a wait. The first throttle turns the limiter on. The rate is cut once per overload: throttles
   * of requests sent at or before the last cut were already accounted for.
   */
  onThrottle(sentAtMs: number, retryAfterMs: number | undefined): void {
    const now = this.clock.now();
    this.throttles++;
    this.window.onThrottle();
    this.wakeUp();
    if (retryAfterMs !== undefined)
      this.pausedUntil = Math.max(this.pausedUntil, now + retryAfterMs);
    if (this.enabled && sentAtMs <= this.lastDecreaseAt) return;
    const measured = this.meter.rate(now);
    if (this.enabled) {
      this.refill(now);
      this.setRate(this.controller.onThrottle(now / 1000, measured, this.rate));
    } else {
      this.enabled = true;
      this.tokens = 0;
      this.refilledAt = now;
      this.setRate(this.controller.onThrottle(now / 1000, measured, undefined));
    }
    this.lastDecreaseAt = now;
    this.decreases++;
  }

  /** An answer that is not a throttle: the rate moves along the curve (nothing while off). */
  onAnswer(): void {
    this.window.onAnswer();
    this.wakeUp();
    if (!this.enabled) return;
    const now = this.clock.now();
    this.refill(now);
    // While callers queue, the demand is above the allowed rate and the measured rate only shows
    // the limiter's own holding back (a Retry-After pause reads as a lull): no cap by it then.
    const measured = this.queue.length > 0 ? Infinity : this.meter.rate(now);
    this.setRate(this.controller.onSuccess(now / 1000, measured));
  }

  /** No answer at all (a reset, a timeout): it ends the first-answer window's wait as an answer does. */
  onNoAnswer(): void {
    this.window.onAnswer();
    this.wakeUp();
  }

  /** The current figures. */
  stats(): RateLimiterStats {
    return {
      enabled: this.enabled,
      rate: this.rate,
      throttles: this.throttles,
      decreases: this.decreases,
      waiting: this.queue.length,
      window: this.window.state(this.clock.now()),
    };
  }

  private capacity(): number {
    return Math.max(1, this.rate * this.parameters.burstSeconds);
  }

  private setRate(rate: number): void {
    this.rate = rate;
    this.tokens = Math.min(this.tokens, this.capacity());
  }

  private refill(now: number): void {
    const elapsedS = Math.max(0, now - this.refilledAt) / 1000;
    this.tokens = Math.min(this.capacity(), this.tokens + elapsedS * this.rate);
    this.refilledAt = now;
  }

  private enqueue(signal: AbortSignal | undefined): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      if (signal?.aborted) {
        reject(signal.reason as Error);
        return;
      }
      const onAbort = (): void => {
        const i = this.queue.indexOf(waiter);
        if (i >= 0) this.queue.splice(i, 1);
        reject(signal?.reason as Error);
      };
      const waiter: Waiter = {
        release: () => {
          signal?.removeEventListener("abort", onAbort);
          resolve();
        },
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      this.queue.push(waiter);
      void this.pump();
    });
  }

  /** Hands out tokens to the queue in order, sleeping while paused or out of tokens. */
  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (this.queue.length > 0) {
        const now = this.clock.now();
        if (!this.enabled && this.pausedUntil <= now) {
          if (this.window.tryEnter(now)) {
            this.queue.shift()?.release();
            continue;
          }
          await this.waitForWindow(this.window.remainingWaitMs(now));
          continue;
        }
        let waitMs: number;
        if (this.pausedUntil > now) {
          waitMs = this.pausedUntil - now;
        } else {
          this.refill(now);
          if (this.tokens >= 1) {
            this.tokens -= 1;
            this.queue.shift()?.release();
            continue;
          }
          waitMs = ((1 - this.tokens) / this.rate) * 1000;
        }
        await this.clock.sleep(Math.max(1, Math.ceil(waitMs)));
      }
    } finally {
      this.pumping = false;
    }
  }

  /** Sleeps until an answer or a throttle comes in, or `ms` passed. */
  private async waitForWindow(ms: number): Promise<void> {
    const timer = new AbortController();
    const woken = new Promise<void>((resolve) => {
      this.wake = resolve;
    });
    try {
      // The sleep is cut short (and its rejection dropped) once an answer woke the queue.
      const slept = this.clock.sleep(Math.max(1, Math.ceil(ms)), timer.signal).catch(() => {});
      await Promise.race([woken, slept]);
    } finally {
      this.wake = undefined;
      timer.abort();
    }
  }

  private wakeUp(): void {
    this.wake?.();
  }
}
