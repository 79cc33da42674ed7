/**
 * The incumbent's throttling strategy (the official Go SDK: a flat 60 s sleep per 429, at most 5
 * such sleeps per client, then the 429 is an error), computed for the throttled section's workload
 * rather than waited for: a discrete-event simulation on virtual time of N resources at the given
 * parallelism (all checks, two list calls each at once; then all creates, a POST and a GET),
 * against a token bucket like the emulator's, each request taking one round trip of `latencyMs`.
 */
import type { ThrottledRunFigure } from "./bench-types";

/** The workload and the limit. */
export interface IncumbentScenario {
  n: number;
  parallelism: number;
  requestsPerSecond: number;
  burst: number;
  latencyMs: number;
  /** The flat sleep per 429 (60 s). */
  sleepMs: number;
  /** Sleeps per client lifetime before a 429 becomes an error (5). */
  maxSleeps: number;
}

/** Virtual time: timers in order, run one after the other; nothing waits for real. */
class VirtualTime {
  now = 0;
  private timers: { at: number; seq: number; resolve: () => void }[] = [];
  private seq = 0;

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.timers.push({ at: this.now + ms, seq: this.seq++, resolve });
    });
  }

  /** Runs timers until `done` settles. */
  async runUntil(done: Promise<unknown>): Promise<void> {
    let finished = false;
    void done.finally(() => {
      finished = true;
    });
    for (;;) {
      // Let every callback that the last timer started run up to its next wait.
      for (let i = 0; i < 20; i++) await Promise.resolve();
      if (finished) return;
      this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = this.timers.shift();
      if (!next) throw new Error("simulation stalled");
      this.now = Math.max(this.now, next.at);
      next.resolve();
    }
  }
}

/** Computes the incumbent's figures for `scenario`. */
export async function simulateIncumbent(scenario: IncumbentScenario): Promise<ThrottledRunFigure> {
  const time = new VirtualTime();
  const { requestsPerSecond: rate, burst } = scenario;
  let tokens = burst;
  let refilledAt = 0;
  let sent = 0;
  let throttled = 0;
  let firstWave = 0;
  let firstThrottleAnswerAt: number | undefined;
  let sleepsLeft = scenario.maxSleeps;
  let failures = 0;

  const admit = (): boolean => {
    tokens = Math.min(burst, tokens + ((time.now - refilledAt) / 1000) * rate);
    refilledAt = time.now;
    if (tokens < 1) return false;
    tokens -= 1;
    return true;
  };
  const request = async (): Promise<boolean> => {
    for (;;) {
      const sentAt = time.now;
      sent++;
      await time.sleep(scenario.latencyMs);
      if (admit()) return true;
      throttled++;
      firstThrottleAnswerAt ??= time.now;
      if (sentAt < firstThrottleAnswerAt) firstWave++;
      if (sleepsLeft === 0) return false;
      sleepsLeft--;
      await time.sleep(scenario.sleepMs);
    }
  };
  const pool = async (task: (i: number) => Promise<boolean>): Promise<boolean[]> => {
    const results: boolean[] = [];
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < scenario.n) {
        const i = next++;
        results[i] = await task(i);
      }
    };
    await Promise.all(Array.from({ length: scenario.parallelism }, worker));
    return results;
  };
  const run = (async () => {
    const checked = await pool(async () =>
      (await Promise.all([request(), request()])).every(Boolean),
    );
    const created = await pool(
      async (i) => checked[i] === true && (await request()) && (await request()),
    );
    failures = created.filter((ok) => !ok).length;
  })();
  await time.runUntil(run);
  const floorMs = (Math.max(0, sent - throttled - burst) / rate) * 1000;
  return {
    wallMs: time.now,
    floorMs,
    ratio: Math.round((time.now / floorMs) * 100) / 100,
    requestsSent: sent,
    throttled,
    throttledShare: Math.round((throttled / sent) * 1000) / 1000,
    throttledFirstWave: firstWave,
    failures,
  };
}
