/**
 * The `otc-ipv6-eip` tool as a function: parses the command line, builds the client from the
 * flags and the environment, runs the command, prints errors as their message (never a stack, never
 * a credential) and returns the exit code. `main.ts` only wires it to the process.
 */
import type { OtcClient } from "../client/types";
import { ConfigurationError, OtcEipError } from "../core/errors";
import type { CliDeps, CommandContext, StackConfig } from "./cli-context";
import { configErrorText } from "./config-error-text";
import { inToolTerms } from "./setting-places";
import { runAdopt } from "./commands/adopt-command";
import { runList } from "./commands/list-command";
import { runNic } from "./commands/nic-command";
import { runOrphans } from "./commands/orphans-command";
import { runShow } from "./commands/show-command";
import { ExitCode, exitCodeFor } from "./exit-codes";
import { helpText } from "./help-text";
import type { CommandLine } from "./parse-command-line";
import { parseCommandLine } from "./parse-command-line";
import { createProgress } from "./progress";
import { redactOutput } from "./redact-output";
import { toStackConfig } from "./to-stack-config";

function errorText(error: unknown, flags: StackConfig, env: CliDeps["env"]): string {
  if (error instanceof ConfigurationError) return configErrorText(error, flags, env);
  // The client's advice names stack-config keys (otc:secretKey); say the tool's names instead.
  if (error instanceof OtcEipError) {
    return `otc-ipv6-eip: ${inToolTerms(error.message, flags, env)}\n`;
  }
  const message = error instanceof Error ? error.message : String(error);
  return `otc-ipv6-eip: unexpected error: ${message}\n`;
}

async function runCommand(
  line: Extract<CommandLine, { kind: "run" }>,
  ctx: CommandContext,
): Promise<number> {
  const [arg = ""] = line.args;
  switch (line.command) {
    case "list":
      return runList(ctx, line.options);
    case "show":
      return runShow(ctx, arg, line.options);
    case "nic":
      return runNic(ctx, arg, line.options);
    case "orphans":
      return runOrphans(ctx, line.options);
    case "adopt":
      return runAdopt(ctx, arg, line.options);
    case "doctor":
      throw new Error("doctor runs without a client");
  }
}

/**
 * Runs the tool.
 *
 * @param argv the arguments after the script path
 * @param deps streams, environment, clock, prompt and client factory
 * @returns the exit code (see `ExitCode`)
 */
export async function runCli(argv: readonly string[], deps: CliDeps): Promise<number> {
  const stdout = redactOutput(deps.stdout, deps.env);
  const stderr = redactOutput(deps.stderr, deps.env);
  let client: OtcClient | undefined;
  // The flags alone (no environment), to name in an error the flag the user actually gave.
  let flags: StackConfig = {};
  try {
    if (argv.length === 0) {
      stderr.write(helpText(undefined));
      return ExitCode.Usage;
    }
    const line = parseCommandLine(argv);
    if (line.kind === "help") {
      stdout.write(helpText(line.topic));
      return ExitCode.Ok;
    }
    if (line.kind === "version") {
      stdout.write(`${deps.version}\n`);
      return ExitCode.Ok;
    }
    if (line.kind === "emulator") {
      if (!deps.runEmulator) throw new Error("the emulator is not available here.");
      // Unredacted: the emulator prints its own fake credentials on purpose, and a user who pasted
      // them into the environment must still see them.
      return await deps.runEmulator(line.args, { stdout: deps.stdout, stderr: deps.stderr });
    }
    flags = toStackConfig(line.options, {});
    if (line.command === "doctor") {
      const { runDoctor } = await import("./commands/doctor-command");
      const input = {
        flags,
        config: toStackConfig(line.options, deps.env),
        env: deps.env,
        tuning: line.options.timeoutMs === undefined ? {} : { timeoutMs: line.options.timeoutMs },
        now: deps.now,
      };
      return await runDoctor(input, stdout, line.options);
    }
    const tuning =
      line.options.timeoutMs === undefined ? {} : { timeoutMs: line.options.timeoutMs };
    client = await deps.createClient(
      toStackConfig(line.options, deps.env),
      deps.env,
      (message) => stderr.write(`otc-ipv6-eip: warning: ${message}\n`),
      tuning,
    );
    const progress = createProgress(stderr, line.options.progress);
    return await runCommand(line, {
      client,
      stdout,
      stderr,
      now: deps.now,
      stdinIsTty: deps.stdinIsTty,
      prompt: deps.prompt,
      onPage: progress.onPage,
      endProgress: progress.end,
    });
  } catch (error) {
    stderr.write(errorText(error, flags, deps.env));
    return exitCodeFor(error);
  } finally {
    // A failure to close the pool must not hide the command's own result.
    await client?.close().catch(() => undefined);
  }
}
