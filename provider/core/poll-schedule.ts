/**
 * When to look again while waiting for an EIP to settle: soon at first (binds usually take a
 * second or two), then less often, never past the deadline.
 */

/** The schedule's parameters, in milliseconds. */
export interface PollSchedule {
  /** Delay before the first poll (at most 250 ms so a fast bind is seen quickly). */
  firstMs: number;
  /** Growth factor per poll. */
  factor: number;
  /** Longest delay between polls. */
  capMs: number;
}

/** The default schedule: 200 ms, 400 ms, 800 ms, … capped at 5 s. */
export const DEFAULT_POLL_SCHEDULE: Readonly<PollSchedule> = Object.freeze({
  firstMs: 200,
  factor: 2,
  capMs: 5000,
});

/**
 * The delay before poll number `attempt` (0-based), shortened so it never passes `deadline`.
 *
 * @param attempt how many polls came before
 * @param now the current time (epoch ms)
 * @param deadline the time by which waiting ends (epoch ms)
 * @returns milliseconds to wait, `0` or more
 */
export function pollDelayMs(
  attempt: number,
  now: number,
  deadline: number,
  schedule: PollSchedule = DEFAULT_POLL_SCHEDULE,
): number {
  const grown = schedule.firstMs * Math.pow(schedule.factor, Math.min(attempt, 30));
  const delay = Math.min(grown, schedule.capMs);
  return Math.max(0, Math.min(delay, deadline - now));
}
