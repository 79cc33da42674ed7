/** A clock for tests: `sleep` records the wait and advances time at once. */
import type { Clock } from "../../../provider/client/transport/clock";

/** A controllable clock. */
export interface TestClock extends Clock {
  /** Every wait requested, in order. */
  sleeps: number[];
  /** Moves time forward. */
  advance(ms: number): void;
}

/** A clock starting at `start` (epoch ms). */
export function testClock(start = Date.parse("2024-01-02T03:04:05Z")): TestClock {
  let now = start;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    advance: (ms) => {
      now += ms;
    },
    sleep: (ms) => {
      sleeps.push(ms);
      now += ms;
      return Promise.resolve();
    },
  };
}
