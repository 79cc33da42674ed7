/**
 * The requests an endpoint gets before it has answered anything. A process that starts a parallel
 * `pulumi up` would otherwise send everything the request cap allows at once (32 requests), and a
 * gateway whose burst is smaller (OTC publishes none; 5 is plausible) throttles all the rest before
 * the client can know that it throttles at all. So the first `initialWindow` requests go at once
 * and the others wait until that many answers came back without a throttle — or until
 * `initialWindowMs` passed since the first request, so that slow first answers cost little. After that the window is open for good, and costs nothing.
 * A throttle closes it for good instead: the adaptive send rate takes over from then on.
 *
 * A run whose first round trip needs at most `initialWindow` requests (one per resource at Pulumi's
 * default parallelism of 16) never waits here.
 */

/** The window's parameters. */
export interface FirstAnswerWindowParameters {
  /** Requests sent before the first answers are in (default 16); `Infinity` turns it off. */
  initialWindow: number;
  /** The longest wait for those answers, in ms (default 1000). */
  initialWindowMs: number;
}

/** The defaults of {@link FirstAnswerWindowParameters}. */
export const DEFAULT_FIRST_ANSWER_WINDOW: Readonly<FirstAnswerWindowParameters> = Object.freeze({
  initialWindow: 16,
  initialWindowMs: 1000,
});

/** Where the window stands. */
export type WindowState = "probing" | "open" | "throttled";

/** The first requests of one endpoint and project, and what their answers said. */
export class FirstAnswerWindow {
  private sent = 0;
  private answered = 0;
  private firstSentAt: number | undefined;
  private throttled = false;

  /** @param parameters see {@link FirstAnswerWindowParameters} */
  constructor(readonly parameters: FirstAnswerWindowParameters = DEFAULT_FIRST_ANSWER_WINDOW) {
    const { initialWindow, initialWindowMs } = parameters;
    if (!(initialWindow >= 1)) {
      throw new RangeError(`initialWindow must be ≥ 1, got ${initialWindow}`);
    }
    if (!(initialWindowMs >= 0)) {
      throw new RangeError(`initialWindowMs must be ≥ 0, got ${initialWindowMs}`);
    }
  }

  /** The state at `nowMs`. */
  state(nowMs: number): WindowState {
    if (this.throttled) return "throttled";
    const { initialWindow, initialWindowMs } = this.parameters;
    if (this.answered >= initialWindow) return "open";
    const waited = this.firstSentAt === undefined ? 0 : nowMs - this.firstSentAt;
    return waited >= initialWindowMs ? "open" : "probing";
  }

  /**
   * Whether a request may go now without a throttle having been seen: always once open; while
   * probing, while fewer than `initialWindow` went. A `true` counts the request as sent.
   */
  tryEnter(nowMs: number): boolean {
    const state = this.state(nowMs);
    if (state === "throttled") return false;
    if (state === "probing" && this.sent >= this.parameters.initialWindow) return false;
    if (state === "probing") {
      this.firstSentAt ??= nowMs;
      this.sent++;
    }
    return true;
  }

  /** How long a waiting request may have to wait at most, from `nowMs` (0 once decided). */
  remainingWaitMs(nowMs: number): number {
    if (this.state(nowMs) !== "probing" || this.firstSentAt === undefined) return 0;
    return Math.max(0, this.firstSentAt + this.parameters.initialWindowMs - nowMs);
  }

  /** An answer that is not a throttle, or no answer at all (a failure ends the wait just the same). */
  onAnswer(): void {
    this.answered++;
  }

  /** A throttle: the window is done, the send rate decides from now on. */
  onThrottle(): void {
    this.throttled = true;
  }
}
