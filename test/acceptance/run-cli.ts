/**
 * Runs the installed package's CLI (`otc-ipv6-eip`) as a user would, with the run's environment
 * and `OTC_DEBUG=1`, so its requests are counted from its debug lines.
 */
import { spawn } from "node:child_process";
import { countAttempts } from "./helper-calls";
import type { CallCounts } from "./helper-calls";

/** What one CLI run printed. */
export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Its HTTP requests, from its debug lines. */
  calls: CallCounts;
}

/** Runs `node <cliEntry> ...args` in `cwd`, killed after `timeoutMs`. */
export function runCli(
  cliEntry: string,
  args: readonly string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs: number },
): Promise<CliRun> {
  return new Promise<CliRun>((resolve, reject) => {
    const child = spawn(process.execPath, [cliEntry, ...args], {
      cwd: options.cwd,
      env: { ...options.env, OTC_DEBUG: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs);
    child.once("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      const debugLines = stderr.split("\n");
      resolve({
        code,
        stdout,
        stderr: debugLines.filter((l) => !l.startsWith("otc-client: ")).join("\n"),
        calls: countAttempts(debugLines),
      });
    });
  });
}
