import * as path from "node:path";
import { runNodeScript } from "./run-node-script";
import type { JsonObject } from "./struct-codec";

const SCRIPT = path.join(__dirname, "scripts", "run-program.js");

/** Options for {@link runProgram}. */
export interface RunProgramOptions {
  /** The project folder: the child's working directory. */
  projectDir: string;
  /** The program: a JS file, or a TS file (transpiled per module with `ts.transpileModule`). */
  programFile: string;
  /** Stack config, keys fully qualified (`otc:region`), as `PULUMI_CONFIG` carries it. */
  config?: Record<string, string>;
  /** Run as a preview (`pulumi.runtime.isDryRun()`; outputs of mocks still resolve). Default false. */
  preview?: boolean;
  /** Project name (default `project`). */
  project?: string;
  /** Stack name (default `stack`). */
  stack?: string;
  /** Environment added over this process's. */
  env?: NodeJS.ProcessEnv;
  /** The node executable (default: this process's). */
  nodeBinary?: string;
  /** Kill the program after this many milliseconds (default 60 000). */
  timeoutMs?: number;
}

/** A resource the program registered. */
export interface RegisteredResource {
  /** The type token, e.g. `pulumi-nodejs:dynamic/otc:Ipv6Eip`. */
  type: string;
  name: string;
  /**
   * The inputs as the mock monitor received them, made plain: secrets unwrapped, unknown values
   * (preview) as the engine's sentinel string, `__provider` included.
   */
  inputs: JsonObject;
}

/** What a program run reported. */
export interface ProgramRun {
  resources: RegisteredResource[];
  /** Why the program failed (thrown, rejected, or an uncaught error); absent when it succeeded. */
  error?: string;
  /**
   * Every console line the program printed, in order. `pulumi.log.*` under mocks prints through
   * the console with the SDK's prefixes: `info: [runtime] `, `warning: [runtime] `,
   * `error: [runtime] `.
   */
  logs: string[];
}

/**
 * Runs a Pulumi program under `pulumi.runtime.setMocks` in a plain node child (cwd = `projectDir`)
 * and reports what it registered, what it logged and whether it threw.
 */
export async function runProgram(options: RunProgramOptions): Promise<ProgramRun> {
  const { result } = await runNodeScript<ProgramRun>(
    SCRIPT,
    {
      programFile: path.resolve(options.projectDir, options.programFile),
      project: options.project ?? "project",
      stack: options.stack ?? "stack",
      preview: options.preview ?? false,
    },
    {
      cwd: options.projectDir,
      nodeBinary: options.nodeBinary,
      timeoutMs: options.timeoutMs,
      env: { ...options.env, PULUMI_CONFIG: JSON.stringify(options.config ?? {}) },
    },
  );
  return result;
}
