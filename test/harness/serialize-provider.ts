import * as path from "node:path";
import { runNodeScript } from "./run-node-script";

const SCRIPT = path.join(__dirname, "scripts", "serialize-provider.js");

/** Options for {@link serializeResourceProvider}. */
export interface SerializeResourceProviderOptions {
  /** The user's project: the child's working directory, where the package is resolved from. */
  projectDir: string;
  /** What to require (default `pulumi-otc-ipv6-eip`). */
  modulePath?: string;
  /** The resource class to construct (default `Ipv6Eip`). */
  exportName?: string;
  /** The resource's args (default `{}`). */
  args?: Record<string, unknown>;
  /** The resource's name (default `harness`). */
  name?: string;
  /** Project name given to setMocks (default `project`). */
  project?: string;
  /** Stack name given to setMocks (default `stack`). */
  stack?: string;
  /** The node executable (default: this process's). */
  nodeBinary?: string;
}

/** Options for {@link serializeProviderObject}. */
export interface SerializeProviderObjectOptions {
  projectDir: string;
  /** What to require (default `pulumi-otc-ipv6-eip`). */
  modulePath?: string;
  /** The exported provider object (default `ipv6EipProvider`). */
  exportName?: string;
  nodeBinary?: string;
}

interface SerializeResult {
  text?: string;
  error?: string;
}

/**
 * The `__provider` text the engine would receive: a plain node process (cwd = `projectDir`)
 * requires the package as a user's program does, constructs the resource under
 * `pulumi.runtime.setMocks` and captures `__provider` from the inputs the mock receives.
 */
export async function serializeResourceProvider(
  options: SerializeResourceProviderOptions,
): Promise<string> {
  return run(
    {
      mode: "resource",
      modulePath: options.modulePath ?? "pulumi-otc-ipv6-eip",
      exportName: options.exportName ?? "Ipv6Eip",
      args: options.args ?? {},
      name: options.name ?? "harness",
      project: options.project ?? "project",
      stack: options.stack ?? "stack",
    },
    options.projectDir,
    options.nodeBinary,
  );
}

/**
 * Serializes an exported provider object exactly as the SDK does
 * (`pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true })`), in a plain node
 * process with cwd = `projectDir`.
 */
export async function serializeProviderObject(
  options: SerializeProviderObjectOptions,
): Promise<string> {
  return run(
    {
      mode: "object",
      modulePath: options.modulePath ?? "pulumi-otc-ipv6-eip",
      exportName: options.exportName ?? "ipv6EipProvider",
    },
    options.projectDir,
    options.nodeBinary,
  );
}

async function run(
  request: Record<string, unknown>,
  cwd: string,
  nodeBinary: string | undefined,
): Promise<string> {
  const { result, stderr } = await runNodeScript<SerializeResult>(SCRIPT, request, {
    cwd,
    nodeBinary,
  });
  if (result.error !== undefined || result.text === undefined) {
    throw new Error(
      `serializing ${String(request.exportName)} from ${String(request.modulePath)} in ${cwd} failed: ` +
        `${result.error ?? "no text"}\n${stderr}`,
    );
  }
  return result.text;
}
