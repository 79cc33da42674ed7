#!/usr/bin/env node
/**
 * The `otc-ipv6-eip` executable: wires {@link runCli} to the process. All logic lives in the
 * modules beside it, which tests run in-process.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { CliDeps } from "./cli-context";
import { ExitCode } from "./exit-codes";
import { promptLine } from "./prompt-line";
import { runCli } from "./run-cli";
import { runUntilSettled } from "./run-until-settled";

/** The package version; `main.js` sits in `dist/cli/`, `main.ts` in `provider/cli/`: both two below the root. */
function packageVersion(): string {
  try {
    const text = readFileSync(join(__dirname, "..", "..", "package.json"), "utf8");
    const parsed = JSON.parse(text) as { version?: unknown };
    return typeof parsed.version === "string" ? parsed.version : "unknown";
  } catch {
    return "unknown";
  }
}

/** Loads the client (undici, settings, signing) only for commands that call OTC: `--help` stays fast. */
const createClient: CliDeps["createClient"] = async (config, env, warn, tuning) => {
  const { createCliClient } = await import("./create-cli-client");
  return createCliClient(config, env, warn, tuning);
};

/** Loads the packaged emulator only for `otc-ipv6-eip emulator`. */
const runEmulator: CliDeps["runEmulator"] = async (args, io) => {
  const { loadEmulatorCli } = await import("./load-emulator");
  return loadEmulatorCli().runEmulatorCli(args, io);
};

// `otc-ipv6-eip list | head` closes the pipe early: stop quietly instead of crashing with a stack.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code !== "EPIPE") {
    process.stderr.write(`otc-ipv6-eip: cannot write the output: ${error.message}\n`);
  }
  process.exit(error.code === "EPIPE" ? (process.exitCode ?? 0) : 1);
});

runUntilSettled(
  () =>
    runCli(process.argv.slice(2), {
      stdout: process.stdout,
      stderr: process.stderr,
      env: process.env,
      now: () => Date.now(),
      stdinIsTty: process.stdin.isTTY === true,
      prompt: promptLine,
      createClient,
      runEmulator,
      version: packageVersion(),
    }),
  process,
  ExitCode.Failure,
);
