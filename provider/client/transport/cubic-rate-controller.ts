/**
 * The arithmetic of the adaptive send rate, after CUBIC (RFC 9438) as the AWS SDKs' adaptive retry
 * mode applies it to request rates: a throttle multiplies the rate by `beta`; afterwards the rate
 * follows `W(t) = C·(t − K)³ + W_max`, where `W_max` is the rate at the last throttle, `t` the
 * seconds since it, and `K = ∛(W_max·(1 − β)/C)` the time at which the curve is back at `W_max`.
 * The curve rises fast at first, flattens out near `W_max` (the rate that was last too much) and
 * then probes beyond it, ever faster, so that a limit that was raised is found again.
 *
 * Pure: the caller passes the time and the measured send rate; nothing here reads a clock.
 */

/** The controller's parameters. */
export interface CubicParameters {
  /**
   * The multiplicative decrease on a throttle, 0 < β < 1 (default 0.7, CUBIC's and the AWS SDKs'
   * value: 30 % below the rate that was too much, deep enough to empty a gateway's queue, shallow
   * enough to lose little throughput).
   */
  beta: number;
  /**
   * `C`, in requests/s per s³ (default 0.4, as CUBIC and the AWS SDKs): how fast the rate grows back.
   * With β = 0.7 a rate of 20 requests/s is regained after `K` = 2.5 s.
   */
  scaleConstant: number;
  /** The lowest rate in requests/s, however many throttles come (default 0.5). */
  minRate: number;
}

/** The defaults of {@link CubicParameters}. */
export const DEFAULT_CUBIC_PARAMETERS: Readonly<CubicParameters> = Object.freeze({
  beta: 0.7,
  scaleConstant: 0.4,
  minRate: 0.5,
});

/** The state of the CUBIC curve: where it was last cut and how long it takes to get back. */
export class CubicRateController {
  private lastMaxRate = 0;
  private lastThrottleS = 0;
  private timeWindowS = 0;

  /** @param parameters β, C and the minimum rate */
  constructor(readonly parameters: CubicParameters = DEFAULT_CUBIC_PARAMETERS) {
    const { beta, scaleConstant, minRate } = parameters;
    if (!(beta > 0 && beta < 1)) throw new RangeError(`beta must be in (0, 1), got ${beta}`);
    if (!(scaleConstant > 0)) {
      throw new RangeError(`scaleConstant must be > 0, got ${scaleConstant}`);
    }
    if (!(minRate > 0)) throw new RangeError(`minRate must be > 0, got ${minRate}`);
  }

  /** The rate at the last throttle (`W_max`), requests/s. */
  get lastMax(): number {
    return this.lastMaxRate;
  }

  /** `K`: seconds after the last throttle at which the curve is back at `W_max`. */
  get timeWindow(): number {
    return this.timeWindowS;
  }

  /**
   * A throttle at `nowS` (seconds): the rate that was too much is the lower of the measured send
   * rate and the allowed rate (`currentRate`, undefined while nothing limited the sending).
   * @returns the new allowed rate, `β` times that
   */
  onThrottle(nowS: number, measuredRate: number, currentRate: number | undefined): number {
    const { beta, scaleConstant, minRate } = this.parameters;
    const tooMuch = Math.max(
      minRate,
      currentRate === undefined ? measuredRate : Math.min(measuredRate, currentRate),
    );
    this.lastMaxRate = tooMuch;
    this.lastThrottleS = nowS;
    this.timeWindowS = Math.cbrt((tooMuch * (1 - beta)) / scaleConstant);
    return Math.max(minRate, tooMuch * beta);
  }

  /**
   * A success at `nowS`: the rate on the curve, but at most twice the measured send rate (a
   * caller that sends little must not earn a licence to burst later).
   * @returns the new allowed rate
   */
  onSuccess(nowS: number, measuredRate: number): number {
    const { scaleConstant, minRate } = this.parameters;
    const t = nowS - this.lastThrottleS - this.timeWindowS;
    const onCurve = scaleConstant * t ** 3 + this.lastMaxRate;
    return Math.max(minRate, Math.min(onCurve, 2 * measuredRate));
  }
}
