import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import * as os from "node:os";
import * as path from "node:path";

/** Options for {@link runNodeScript}. */
export interface RunNodeScriptOptions {
  /** Working directory of the child. */
  cwd: string;
  /** Environment added over this process's. */
  env?: NodeJS.ProcessEnv;
  /** The node executable (default: this process's). */
  nodeBinary?: string;
  /** Kill the child after this many milliseconds (default 60 000). */
  timeoutMs?: number;
}

/** What a child script run reported, plus its captured output. */
export interface NodeScriptRun<T> {
  result: T;
  stdout: string;
  stderr: string;
}

const DIE_WITH_PARENT = path.join(__dirname, "die-with-parent.js");

/**
 * Runs one of the harness's plain-JS scripts in a plain node child (no ts-jest, no coverage
 * transform): the request is written to a JSON file whose path is the script's argument, and the
 * script writes its JSON result to `request.resultFile`. The child exits with this process.
 */
export async function runNodeScript<T>(
  script: string,
  request: Record<string, unknown>,
  options: RunNodeScriptOptions,
): Promise<NodeScriptRun<T>> {
  const scratch = await mkdtemp(path.join(os.tmpdir(), "otc-harness-run-"));
  try {
    const requestFile = path.join(scratch, "request.json");
    const resultFile = path.join(scratch, "result.json");
    await writeFile(requestFile, JSON.stringify({ ...request, resultFile }));
    const timeoutMs = options.timeoutMs ?? 60_000;
    const child = spawn(
      options.nodeBinary ?? process.execPath,
      ["-r", DIE_WITH_PARENT, script, requestFile],
      {
        cwd: options.cwd,
        env: { ...process.env, ...options.env },
        stdio: ["pipe", "pipe", "pipe"],
      },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    clearTimeout(timer);
    let text: string;
    try {
      text = await readFile(resultFile, "utf8");
    } catch {
      throw new Error(
        `${path.basename(script)} ended (code ${String(code)}) without a result` +
          ` (timeout ${timeoutMs} ms); stderr:\n${stderr}\nstdout:\n${stdout}`,
      );
    }
    return { result: JSON.parse(text) as T, stdout, stderr };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
