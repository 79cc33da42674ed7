/**
 * The measured send rate of one endpoint and project: requests are counted in intervals of
 * `intervalMs`, and each finished interval's rate is blended into an exponentially weighted moving
 * average (weight `smoothing` for the newest interval), so a short lull or burst moves the figure
 * only partly. Until the first interval ends, the rate is the count over at least one interval, so
 * a first burst of 30 requests in 10 ms reads 60/s (with 0.5 s), not 3000/s.
 */

/** Counts sends and smooths their rate. */
export class SendRateMeter {
  private intervalStartMs: number | undefined;
  private countInInterval = 0;
  private smoothed: number | undefined;

  /**
   * @param intervalMs the counting interval (default 500 ms)
   * @param smoothing the newest interval's weight in the average, in (0, 1] (default 0.8)
   */
  constructor(
    private readonly intervalMs = 500,
    private readonly smoothing = 0.8,
  ) {
    if (!(intervalMs > 0)) throw new RangeError(`intervalMs must be > 0, got ${intervalMs}`);
    if (!(smoothing > 0 && smoothing <= 1)) {
      throw new RangeError(`smoothing must be in (0, 1], got ${smoothing}`);
    }
  }

  /** Counts one request sent at `nowMs`. */
  record(nowMs: number): void {
    this.roll(nowMs);
    this.countInInterval++;
  }

  /** The smoothed send rate at `nowMs`, in requests/s. */
  rate(nowMs: number): number {
    this.roll(nowMs);
    if (this.smoothed !== undefined) return this.smoothed;
    if (this.intervalStartMs === undefined) return 0;
    return (this.countInInterval * 1000) / this.intervalMs;
  }

  /** Closes the intervals that ended before `nowMs`. */
  private roll(nowMs: number): void {
    if (this.intervalStartMs === undefined) {
      this.intervalStartMs = nowMs;
      return;
    }
    const ended = Math.floor((nowMs - this.intervalStartMs) / this.intervalMs);
    if (ended < 1) return;
    // The finished interval's rate, then empty intervals (a pause) at rate 0.
    const rates = [
      (this.countInInterval * 1000) / this.intervalMs,
      ...Array<number>(Math.min(ended - 1, 20)).fill(0),
    ];
    for (const r of rates) {
      this.smoothed =
        this.smoothed === undefined ? r : this.smoothing * r + (1 - this.smoothing) * this.smoothed;
    }
    this.intervalStartMs += ended * this.intervalMs;
    this.countInInterval = 0;
  }
}
