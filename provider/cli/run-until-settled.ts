/**
 * Ties a command's promise to the process: the exit code is the command's, and a process whose
 * event loop empties while the command is still unresolved (a wait that held nothing alive, a
 * promise nobody settles) ends non-zero with a message instead of exiting 0 with no output.
 */

/** The part of `process` this needs (a test passes a stand-in). */
export interface SettlingProcess {
  /** Set to the command's code, or to the failure code. */
  exitCode?: number | string | null | undefined;
  /** `beforeExit` is emitted when the event loop has nothing left to do. */
  on(event: "beforeExit", listener: () => void): unknown;
  /** Where the message goes. */
  stderr: { write(chunk: string): unknown };
}

/** The message and code when the loop empties before the command settles. */
export const UNSETTLED_MESSAGE =
  "otc-ipv6-eip: internal error: the process ran out of work before the command finished, so it " +
  "has no answer; nothing can be concluded from this run. Please report this with the command line.\n";

/**
 * Runs `command` and sets `proc.exitCode` to what it resolves to. A rejection (which the command
 * should never produce) and an unsettled command both end as `failureCode` with a message.
 *
 * @param failureCode the code for "no answer" (the tool's operational-failure code)
 */
export function runUntilSettled(
  command: () => Promise<number>,
  proc: SettlingProcess,
  failureCode: number,
): void {
  let settled = false;
  proc.on("beforeExit", () => {
    if (settled) return;
    settled = true;
    proc.stderr.write(UNSETTLED_MESSAGE);
    proc.exitCode = failureCode;
  });
  command().then(
    (code) => {
      settled = true;
      proc.exitCode = code;
    },
    (error: unknown) => {
      settled = true;
      const message = error instanceof Error ? error.message : String(error);
      proc.stderr.write(`otc-ipv6-eip: unexpected error: ${message}\n`);
      proc.exitCode = failureCode;
    },
  );
}
