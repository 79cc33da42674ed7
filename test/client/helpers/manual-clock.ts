/**
 * A clock for tests of concurrent waits: time stands still until the test moves it, and a sleep
 * ends only when `advance` passes its end (unlike `test-clock.ts`, whose sleeps end at once).
 */
import type { Clock } from "../../../provider/client/transport/clock";

/** A clock the test moves by hand. */
export interface ManualClock extends Clock {
  /** Moves time forward by `ms`, ending the sleeps due by then in order. */
  advance(ms: number): void;
  /** Sleeps not yet ended. */
  pendingSleeps(): number;
}

/** A manual clock starting at `start` (epoch ms). */
export function manualClock(start = Date.parse("2024-01-02T03:04:05Z")): ManualClock {
  let now = start;
  let pending: { until: number; resolve: () => void }[] = [];
  return {
    now: () => now,
    pendingSleeps: () => pending.length,
    advance(ms) {
      now += ms;
      const due = pending.filter((p) => p.until <= now).sort((a, b) => a.until - b.until);
      pending = pending.filter((p) => p.until > now);
      for (const p of due) p.resolve();
    },
    sleep(ms, signal) {
      return new Promise<void>((resolve, reject) => {
        if (signal?.aborted) {
          reject(signal.reason as Error);
          return;
        }
        const entry = { until: now + ms, resolve };
        pending.push(entry);
        signal?.addEventListener(
          "abort",
          () => {
            pending = pending.filter((p) => p !== entry);
            reject(signal.reason as Error);
          },
          { once: true },
        );
      });
    },
  };
}
