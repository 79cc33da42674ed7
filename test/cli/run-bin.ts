/**
 * Runs the built executable (`dist/cli/main.js`, the package's `bin`) as a child process with only
 * the given environment (plus PATH and HOME), stdin closed: what a script calling the tool sees.
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";

/** The built bin. */
export const BIN = join(__dirname, "..", "..", "dist", "cli", "main.js");

/** What one run produced. */
export interface BinRun {
  /** The exit code (-1 when the process was killed, e.g. by the timeout). */
  code: number;
  stdout: string;
  stderr: string;
}

/** Throws when the bin has not been built. */
export function requireBuiltBin(): void {
  if (!existsSync(BIN)) {
    throw new Error(`${BIN} is missing: run \`npm run build\` first (npm test does).`);
  }
}

/**
 * Runs `node <bin> ...argv` in `cwd` with `env`; `timeoutMs` kills it (code -1) so that a hang
 * fails the test instead of stalling it.
 */
export function runBin(
  argv: readonly string[],
  env: Record<string, string>,
  cwd: string,
  timeoutMs = 30_000,
  bin = BIN,
): Promise<BinRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [bin, ...argv],
      { cwd, env: { PATH: process.env.PATH ?? "", HOME: cwd, ...env }, timeout: timeoutMs },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
