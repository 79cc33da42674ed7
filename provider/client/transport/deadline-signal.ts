/**
 * A call's deadline as an abort signal, for the waits that take one (a free request slot, a send
 * token): such a wait gives up its place when the deadline comes instead of outlasting it.
 */
import type { Clock } from "./clock";

/** The deadline of one wait, combined with the caller's own signal. */
export interface DeadlineSignal {
  /** Aborts at the deadline or when the caller's signal does; `undefined` when neither exists. */
  readonly signal: AbortSignal | undefined;
  /** True when the deadline, not the caller, ended the wait. */
  expired(): boolean;
  /** Clears the timer: call it as soon as the wait is over. */
  dispose(): void;
}

/**
 * A signal that aborts at `deadline` (epoch ms on `clock`; a real timer of the time left) or with
 * `caller`, whichever comes first.
 */
export function deadlineSignal(
  deadline: number | undefined,
  clock: Clock,
  caller?: AbortSignal,
): DeadlineSignal {
  if (deadline === undefined) {
    return { signal: caller, expired: () => false, dispose: () => undefined };
  }
  const controller = new AbortController();
  const reached = new Error("the call's deadline came");
  const timer = setTimeout(() => controller.abort(reached), Math.max(0, deadline - clock.now()));
  const signal = caller ? AbortSignal.any([caller, controller.signal]) : controller.signal;
  return {
    signal,
    expired: () => signal.aborted && signal.reason === reached,
    dispose: () => clearTimeout(timer),
  };
}
