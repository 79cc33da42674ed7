/** The emulator's clock: real time plus an offset that tests can advance. */

/** A clock whose `now()` can be moved forward. */
export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
  /** Moves the clock forward by `ms`. */
  advance(ms: number): void;
}

/** Creates a clock that starts at real time. */
export function createClock(): Clock {
  let offset = 0;
  return {
    now: () => Date.now() + offset,
    advance: (ms: number) => {
      offset += ms;
    },
  };
}
