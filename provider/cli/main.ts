#!/usr/bin/env node
/**
 * The `otc-ipv6-eip` executable: wires {@link runCli} to the process. All logic lives in the
 * modules beside it, which tests run in-process.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createCliClient } from "./create-cli-client";
import { promptLine } from "./prompt-line";
import { runCli } from "./run-cli";

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

void runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  now: () => Date.now(),
  stdinIsTty: process.stdin.isTTY === true,
  prompt: promptLine,
  createClient: createCliClient,
  version: packageVersion(),
}).then((code) => {
  process.exitCode = code;
});
