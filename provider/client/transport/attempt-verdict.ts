/** What one attempt of a call leads to. */
import type { HttpAnswer } from "./send-once";

/** The next step after one attempt. */
export type AttemptVerdict =
  /** The call succeeded with `answer`. */
  | { kind: "success"; answer: HttpAnswer }
  /** The call failed definitively with `error`. */
  | { kind: "fail"; error: unknown }
  /** The token was rejected and dropped: try again at once with a fresh one. */
  | { kind: "renew-token" }
  /**
   * Worth retrying after a wait; `retryAfterMs` is the server's wait, when it named one;
   * `throttled` for OTC's throttling (429), `timeout` for a timeout or lost connection.
   */
  | {
      kind: "retry";
      error: unknown;
      retryAfterMs: number | undefined;
      throttled: boolean;
      timeout: boolean;
    };
