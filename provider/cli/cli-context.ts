/**
 * What the command modules depend on, injected so that tests run them in-process: the client,
 * the output streams, the clock, the terminal state and the confirmation prompt.
 */
import type { OtcClient } from "../client/types";

/** Where the tool writes: `process.stdout`, `process.stderr`, or a test's buffer. */
export interface OutputStream {
  /** Writes text as is. */
  write(chunk: string): unknown;
  /** True when the stream is a terminal (progress and colours only there). */
  isTTY?: boolean;
}

/** Fully qualified stack-config keys (`otc:region`, …) as the settings resolver takes them. */
export type StackConfig = Record<string, string | undefined>;

/** How the tool's client differs from the provider's, from the command line. */
export interface ClientTuning {
  /** `--timeout`: how long one call may keep retrying (and one exchange may take), in ms. */
  timeoutMs?: number;
}

/** Everything `runCli` needs from the outside world. */
export interface CliDeps {
  /** Results: tables, JSON, what was released. */
  stdout: OutputStream;
  /** Errors, warnings, progress, prompts. */
  stderr: OutputStream;
  /** The environment (`OS_*`, `OS_CLOUD`, `OTC_VPC_ENDPOINT`, …). */
  env: Readonly<Record<string, string | undefined>>;
  /** The clock, epoch milliseconds (ages, `--older-than`). */
  now: () => number;
  /** True when stdin is a terminal, i.e. a person can answer a confirmation. */
  stdinIsTty: boolean;
  /** Asks a question on the terminal and resolves to the answer line. */
  prompt: (question: string) => Promise<string>;
  /**
   * Resolves the settings (flags as stack config, then the environment) and builds a client;
   * `warn` receives the resolver's warnings (e.g. the eu-ch2 caveat).
   */
  createClient: (
    config: StackConfig,
    env: Readonly<Record<string, string | undefined>>,
    warn: (message: string) => void,
    options?: ClientTuning,
  ) => Promise<OtcClient>;
  /** The package version, for `--version`. */
  version: string;
  /**
   * Runs the packaged emulator with its own arguments until it stops; resolves with its exit
   * code. Absent where no emulator is wired (then `emulator` fails with a message).
   */
  runEmulator?: (
    args: readonly string[],
    io: { stdout: OutputStream; stderr: OutputStream },
  ) => Promise<number>;
}

/** What one command runs with, once the command line is parsed and the client exists. */
export interface CommandContext {
  /** The OTC client, closed by the caller after the command. */
  client: OtcClient;
  /** Results. */
  stdout: OutputStream;
  /** Errors, warnings, progress, prompts. */
  stderr: OutputStream;
  /** The clock, epoch milliseconds. */
  now: () => number;
  /** True when a person can answer a confirmation. */
  stdinIsTty: boolean;
  /** Asks a question and resolves to the answer line. */
  prompt: (question: string) => Promise<string>;
  /** Progress callback for listings (`onPage`), or `undefined` when progress is off. */
  onPage: ((itemsSoFar: number) => void) | undefined;
  /** Ends the progress display (clears the line on a terminal). */
  endProgress: () => void;
}
