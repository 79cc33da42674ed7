/**
 * When to look again while waiting for an EIP to settle: at once first (the answer to a mutation
 * still shows the status from before it, and a bind often completes by the time a GET arrives),
 * then soon (binds usually take a second or two), then less often, never past the deadline.
 */

/** The schedule's parameters, in milliseconds. */
export interface PollSchedule {
  /** Delay before the first poll: 0, so a bind that completed at once costs one round trip. */
  firstMs: number;
  /** Delay before the second poll (at most 250 ms so a bind that takes a moment is seen quickly). */
  secondMs: number;
  /** Growth factor per poll from the second on. */
  factor: number;
  /** Longest delay between polls. */
  capMs: number;
}

/** The default schedule: at once, then 200 ms, 400 ms, 800 ms, … capped at 5 s. */
export const DEFAULT_POLL_SCHEDULE: Readonly<PollSchedule> = Object.freeze({
  firstMs: 0,
  secondMs: 200,
  factor: 2,
  capMs: 5000,
});

/**
 * The delay before poll number `attempt` (0-based), shortened so it never passes `deadline`.
 *
 * @param attempt how many polls came before
 * @param now the current time (epoch ms)
 * @param deadline the time by which waiting ends (epoch ms)
 * @param schedule the schedule (default {@link DEFAULT_POLL_SCHEDULE})
 * @returns milliseconds to wait, `0` or more
 */
export function pollDelayMs(
  attempt: number,
  now: number,
  deadline: number,
  schedule: PollSchedule = DEFAULT_POLL_SCHEDULE,
): number {
  const grown =
    attempt <= 0
      ? schedule.firstMs
      : schedule.secondMs * Math.pow(schedule.factor, Math.min(attempt - 1, 30));
  const delay = Math.min(grown, schedule.capMs);
  return Math.max(0, Math.min(delay, deadline - now));
}
