import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import * as path from "node:path";
import * as readline from "node:readline";
import * as grpc from "@grpc/grpc-js";
import { ResourceProviderClient } from "@pulumi/pulumi/proto/provider_grpc_pb";
import {
  CheckRequest,
  ConfigureRequest,
  CreateRequest,
  DeleteRequest,
  DiffRequest,
  DiffResponse,
  ReadRequest,
  UpdateRequest,
} from "@pulumi/pulumi/proto/provider_pb";
import { HelperCallError } from "./helper-call-error";
import { fromStruct, toStruct } from "./struct-codec";
import type { JsonObject } from "./struct-codec";

/** Options for {@link startProviderHelper}. */
export interface StartProviderHelperOptions {
  /**
   * The program's folder: the helper's working directory, where the deserialized provider resolves
   * `require` from, and where `@pulumi/pulumi` is resolved, as Pulumi's `pulumi-resource-pulumi-nodejs`
   * shim does (`require.resolve('@pulumi/pulumi/cmd/dynamic-provider')` from there).
   */
  cwd: string;
  /** Environment of the helper, added over this process's environment. */
  env?: NodeJS.ProcessEnv;
  /** The node executable to run the helper with (default: this process's). */
  nodeBinary?: string;
  /** Default deadline of every call in milliseconds (default 60 000). */
  deadlineMs?: number;
  /** Deadline for the helper to print its port, in milliseconds (default 30 000). */
  startTimeoutMs?: number;
  /** When given, `configure` is called with it right after connecting. */
  config?: Record<string, string>;
}

/** Per-call options. */
export interface CallOptions {
  /** Deadline of this call in milliseconds (overrides the helper's default). */
  deadlineMs?: number;
}

/** A `CheckFailure` as the helper returns it. */
export interface CheckFailureResult {
  property: string;
  reason: string;
}

/** What `Check` returns: the checked inputs (with `__provider`) and the failures. */
export interface CheckResult {
  inputs: JsonObject;
  failures: CheckFailureResult[];
}

/** What `Diff` returns; the helper forwards nothing else. */
export interface DiffResult {
  /** `true` for DIFF_SOME, `false` for DIFF_NONE (and DIFF_UNKNOWN, which the helper sends when the provider has no `diff`). */
  changes: boolean;
  /** The raw DiffChanges value (0 unknown, 1 none, 2 some). */
  changesKind: number;
  replaces: string[];
  deleteBeforeReplace: boolean;
}

/** What `Create` returns. */
export interface CreateResult {
  id: string;
  properties: JsonObject;
}

/** What `Read` returns; `inputs` is `undefined` when the provider returned none. */
export interface ReadResult {
  id: string;
  properties: JsonObject;
  inputs: JsonObject | undefined;
}

/** What `Update` returns. */
export interface UpdateResult {
  properties: JsonObject;
}

/** A running `cmd/dynamic-provider` helper and a gRPC client connected to it. */
export interface ProviderHelper {
  /** The helper's process id. */
  readonly pid: number;
  /** The gRPC port the helper printed. */
  readonly port: number;
  /** Milliseconds from spawning the helper to reading its port (its cold start). */
  readonly startupMs: number;
  /** Lines the helper wrote to stdout after its port (provider `console.log` output). */
  readonly stdout: readonly string[];
  /** Lines the helper wrote to stderr (provider `console.error`, the helper's error traces). */
  readonly stderr: readonly string[];
  /** Sends `Configure` with the stack config (keys fully qualified, e.g. `otc:region`). */
  configure(config: Record<string, string>, options?: CallOptions): Promise<void>;
  check(
    urn: string,
    olds: Record<string, unknown>,
    news: Record<string, unknown>,
    options?: CallOptions,
  ): Promise<CheckResult>;
  diff(
    urn: string,
    id: string,
    olds: Record<string, unknown>,
    news: Record<string, unknown>,
    options?: CallOptions,
  ): Promise<DiffResult>;
  create(urn: string, props: Record<string, unknown>, options?: CallOptions): Promise<CreateResult>;
  read(
    urn: string,
    id: string,
    props: Record<string, unknown>,
    inputs?: Record<string, unknown>,
    options?: CallOptions,
  ): Promise<ReadResult>;
  update(
    urn: string,
    id: string,
    olds: Record<string, unknown>,
    news: Record<string, unknown>,
    options?: CallOptions,
  ): Promise<UpdateResult>;
  delete(
    urn: string,
    id: string,
    props: Record<string, unknown>,
    options?: CallOptions,
  ): Promise<void>;
  /** The helper's peak resident set size in MB (`VmHWM` of /proc/<pid>/status). */
  peakRssMb(): number;
  /** Resolves when the helper process has exited (with its exit code, or null when signalled). */
  readonly exited: Promise<number | null>;
  /** Closes the client and stops the helper (SIGTERM, then SIGKILL); safe to call twice. */
  close(): Promise<void>;
}

const DIE_WITH_PARENT = path.join(__dirname, "die-with-parent.js");
const DEFAULT_DEADLINE_MS = 60_000;
const DEFAULT_START_TIMEOUT_MS = 30_000;

/** The path of `cmd/dynamic-provider/index.js` of the SDK installed for the program in `cwd`. */
export function resolveHelperScript(cwd: string): string {
  const fromProgram = createRequire(path.join(cwd, "__program__.js"));
  return fromProgram.resolve("@pulumi/pulumi/cmd/dynamic-provider");
}

/**
 * Starts `@pulumi/pulumi`'s dynamic provider helper as the engine does
 * (`node <sdk>/cmd/dynamic-provider/index.js <engine address>`, working directory = the program's
 * folder), reads its port and connects a ResourceProvider client. The helper is started with a
 * preload that makes it exit when this process's end of its stdin closes, so it cannot outlive a
 * crashed test run.
 */
export async function startProviderHelper(
  options: StartProviderHelperOptions,
): Promise<ProviderHelper> {
  const script = resolveHelperScript(options.cwd);
  const spawnedAt = performance.now();
  const child = spawn(
    options.nodeBinary ?? process.execPath,
    ["-r", DIE_WITH_PARENT, script, "127.0.0.1:1"],
    {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      stdio: ["pipe", "pipe", "pipe"],
    },
  );
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  const stdout: string[] = [];
  const stderr: string[] = [];
  readline.createInterface({ input: child.stderr }).on("line", (line) => stderr.push(line));
  let port: number;
  try {
    port = await readPort(
      child,
      stdout,
      stderr,
      options.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS,
    );
  } catch (error) {
    child.kill("SIGKILL");
    throw error;
  }
  const startupMs = performance.now() - spawnedAt;
  const client = new ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  const helper = new GrpcProviderHelper(child, port, startupMs, client, stdout, stderr, exited, {
    deadlineMs: options.deadlineMs ?? DEFAULT_DEADLINE_MS,
  });
  if (options.config !== undefined) {
    try {
      await helper.configure(options.config);
    } catch (error) {
      await helper.close();
      throw error;
    }
  }
  return helper;
}

function readPort(
  child: ChildProcess,
  stdout: string[],
  stderr: string[],
  timeoutMs: number,
): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    let port: number | undefined;
    const lines = readline.createInterface({ input: child.stdout! });
    const timer = setTimeout(
      () => fail(`the helper printed no port within ${timeoutMs} ms`),
      timeoutMs,
    );
    const onExit = (code: number | null): void =>
      fail(`the helper exited (code ${String(code)}) before printing its port`);
    function fail(why: string): void {
      clearTimeout(timer);
      child.off("exit", onExit);
      if (port === undefined) {
        reject(new Error(`${why}; stderr:\n${stderr.join("\n")}\nstdout:\n${stdout.join("\n")}`));
      }
    }
    child.once("exit", onExit);
    lines.on("line", (line) => {
      if (port === undefined && /^\d+$/.test(line.trim())) {
        port = Number(line.trim());
        clearTimeout(timer);
        child.off("exit", onExit);
        resolve(port);
        return;
      }
      stdout.push(line);
    });
  });
}

type Unary<Req, Res> = (
  request: Req,
  metadata: grpc.Metadata,
  options: Partial<grpc.CallOptions>,
  callback: (error: grpc.ServiceError | null, response: Res) => void,
) => grpc.ClientUnaryCall;

class GrpcProviderHelper implements ProviderHelper {
  private closing: Promise<void> | undefined;

  constructor(
    private readonly child: ChildProcess,
    readonly port: number,
    readonly startupMs: number,
    private readonly client: ResourceProviderClient,
    readonly stdout: string[],
    readonly stderr: string[],
    readonly exited: Promise<number | null>,
    private readonly defaults: { deadlineMs: number },
  ) {}

  get pid(): number {
    return this.child.pid!;
  }

  async configure(config: Record<string, string>, options?: CallOptions): Promise<void> {
    // The helper reads only `args`; without them it throws inside its handler and never answers.
    const request = new ConfigureRequest()
      .setArgs(toStruct(config))
      .setAcceptsecrets(true)
      .setAcceptresources(true);
    for (const [key, value] of Object.entries(config)) request.getVariablesMap().set(key, value);
    await this.call("Configure", this.client.configure, request, options);
  }

  async check(
    urn: string,
    olds: Record<string, unknown>,
    news: Record<string, unknown>,
    options?: CallOptions,
  ): Promise<CheckResult> {
    const request = new CheckRequest()
      .setUrn(urn)
      .setOlds(toStruct(olds))
      .setNews(toStruct(news))
      .setName(nameOf(urn))
      .setType(typeOf(urn));
    const response = await this.call("Check", this.client.check, request, options);
    return {
      inputs: fromStruct(response.getInputs()),
      failures: response
        .getFailuresList()
        .map((f) => ({ property: f.getProperty(), reason: f.getReason() })),
    };
  }

  async diff(
    urn: string,
    id: string,
    olds: Record<string, unknown>,
    news: Record<string, unknown>,
    options?: CallOptions,
  ): Promise<DiffResult> {
    const request = new DiffRequest()
      .setUrn(urn)
      .setId(id)
      .setOlds(toStruct(olds))
      .setNews(toStruct(news))
      .setName(nameOf(urn))
      .setType(typeOf(urn));
    const response = await this.call("Diff", this.client.diff, request, options);
    const changesKind = response.getChanges();
    return {
      changes: changesKind === DiffResponse.DiffChanges.DIFF_SOME,
      changesKind,
      replaces: response.getReplacesList(),
      deleteBeforeReplace: response.getDeletebeforereplace(),
    };
  }

  async create(
    urn: string,
    props: Record<string, unknown>,
    options?: CallOptions,
  ): Promise<CreateResult> {
    const request = new CreateRequest()
      .setUrn(urn)
      .setProperties(toStruct(props))
      .setName(nameOf(urn))
      .setType(typeOf(urn));
    const response = await this.call("Create", this.client.create, request, options);
    return { id: response.getId(), properties: fromStruct(response.getProperties()) };
  }

  async read(
    urn: string,
    id: string,
    props: Record<string, unknown>,
    inputs?: Record<string, unknown>,
    options?: CallOptions,
  ): Promise<ReadResult> {
    const request = new ReadRequest()
      .setUrn(urn)
      .setId(id)
      .setProperties(toStruct(props))
      .setName(nameOf(urn))
      .setType(typeOf(urn));
    if (inputs !== undefined) request.setInputs(toStruct(inputs));
    const response = await this.call("Read", this.client.read, request, options);
    const returnedInputs = response.getInputs();
    return {
      id: response.getId(),
      properties: fromStruct(response.getProperties()),
      inputs: returnedInputs === undefined ? undefined : fromStruct(returnedInputs),
    };
  }

  async update(
    urn: string,
    id: string,
    olds: Record<string, unknown>,
    news: Record<string, unknown>,
    options?: CallOptions,
  ): Promise<UpdateResult> {
    const request = new UpdateRequest()
      .setUrn(urn)
      .setId(id)
      .setOlds(toStruct(olds))
      .setNews(toStruct(news))
      .setName(nameOf(urn))
      .setType(typeOf(urn));
    const response = await this.call("Update", this.client.update, request, options);
    return { properties: fromStruct(response.getProperties()) };
  }

  async delete(
    urn: string,
    id: string,
    props: Record<string, unknown>,
    options?: CallOptions,
  ): Promise<void> {
    const request = new DeleteRequest()
      .setUrn(urn)
      .setId(id)
      .setProperties(toStruct(props))
      .setName(nameOf(urn))
      .setType(typeOf(urn));
    await this.call("Delete", this.client.delete, request, options);
  }

  peakRssMb(): number {
    const status = readFileSync(`/proc/${this.pid}/status`, "utf8");
    const match = /^VmHWM:\s+(\d+)\s+kB$/m.exec(status);
    if (!match?.[1]) throw new Error(`no VmHWM line in /proc/${this.pid}/status`);
    return Number(match[1]) / 1024;
  }

  close(): Promise<void> {
    this.closing ??= this.stop();
    return this.closing;
  }

  private async stop(): Promise<void> {
    this.client.close();
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill("SIGTERM");
    const killer = setTimeout(() => this.child.kill("SIGKILL"), 3_000);
    await this.exited;
    clearTimeout(killer);
  }

  private call<Req, Res>(
    method: string,
    fn: Unary<Req, Res>,
    request: Req,
    options: CallOptions | undefined,
  ): Promise<Res> {
    const deadline = Date.now() + (options?.deadlineMs ?? this.defaults.deadlineMs);
    return new Promise<Res>((resolve, reject) => {
      fn.call(this.client, request, new grpc.Metadata(), { deadline }, (error, response) => {
        if (error) reject(HelperCallError.fromServiceError(method, error));
        else resolve(response);
      });
    });
  }
}

function nameOf(urn: string): string {
  return urn.split("::")[3] ?? "";
}

function typeOf(urn: string): string {
  return urn.split("::")[2]?.split("$").pop() ?? "";
}
