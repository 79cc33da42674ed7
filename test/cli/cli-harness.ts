/** Runs `runCli` in-process with captured streams and injected clock, TTY state and prompt. */
import type { OtcClient } from "../../provider/client/types";
import type { CliDeps, StackConfig } from "../../provider/cli/cli-context";
import { runCli } from "../../provider/cli/run-cli";

/** What one run produced. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  /** The stack config the client factory received. */
  config: StackConfig | undefined;
  /** The questions the prompt was asked. */
  questions: string[];
}

/** Options of one run. */
export interface RunOptions {
  client?: OtcClient;
  createClient?: CliDeps["createClient"];
  env?: Record<string, string | undefined>;
  now?: number;
  stdinIsTty?: boolean;
  stderrIsTty?: boolean;
  answer?: string;
}

/** 2026-11-26T12:00:00Z: the tests' "now". */
export const NOW = Date.UTC(2026, 10, 26, 12, 0, 0);

/** Runs the tool once. */
export async function run(argv: string[], options: RunOptions = {}): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const questions: string[] = [];
  let config: StackConfig | undefined;
  const code = await runCli(argv, {
    stdout: { write: (s: string) => (stdout += s), isTTY: false },
    stderr: { write: (s: string) => (stderr += s), isTTY: options.stderrIsTty ?? false },
    env: options.env ?? {},
    now: () => options.now ?? NOW,
    stdinIsTty: options.stdinIsTty ?? false,
    prompt: async (q) => {
      questions.push(q);
      return options.answer ?? "";
    },
    createClient:
      options.createClient ??
      (async (c) => {
        config = c;
        if (!options.client) throw new Error("no client given");
        return options.client;
      }),
    version: "0.0.0-test",
  });
  return { code, stdout, stderr, config, questions };
}
