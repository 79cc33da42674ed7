/**
 * One request shared by every caller that needs its result at the same time (single-flight), each
 * caller waiting no longer than its own deadline.
 */
import { DeadlineExceededError } from "../../core/errors";
import type { Clock } from "../transport/clock";
import { waitWithin } from "../transport/wait-within";

/** A single-flight slot. */
export class SharedFlight<T> {
  #flight: Promise<T> | undefined;

  /** @param clock the time source of the deadlines */
  constructor(private readonly clock: Clock) {}

  /**
   * The result of the flight in progress, or of a new one `start`ed with this caller's deadline.
   * A caller whose deadline comes first stops waiting with `onExpiry()`. A flight that ran out of
   * its starter's time, while this caller still has time, is started again with this caller's.
   */
  async run(
    deadline: number | undefined,
    start: (deadline: number | undefined) => Promise<T>,
    onExpiry: () => Error,
  ): Promise<T> {
    for (;;) {
      const joined = this.#flight;
      const flight = joined ?? this.begin(start, deadline);
      let expired: Error | undefined;
      try {
        return await waitWithin(flight, deadline, this.clock, () => (expired = onExpiry()));
      } catch (error) {
        const timeLeft = deadline === undefined || this.clock.now() < deadline;
        const othersTimeRanOut = joined !== undefined && error instanceof DeadlineExceededError;
        if (error === expired || !othersTimeRanOut || !timeLeft) throw error;
        if (this.#flight === flight) this.#flight = undefined;
      }
    }
  }

  private begin(start: (deadline: number | undefined) => Promise<T>, deadline: number | undefined) {
    const flight = start(deadline);
    this.#flight = flight;
    const clear = () => {
      if (this.#flight === flight) this.#flight = undefined;
    };
    flight.then(clear, clear);
    return flight;
  }
}
