/**
 * What every benchmark phase shares: the emulator with its latency, the `__provider` text the SDK
 * serializes from the built package, the stack config a user sets, and helper processes started
 * as `pulumi up` starts them (working directory = the program's folder).
 */
import { passwordStackConfig, startEmulator } from "../emulator";
import type { Emulator } from "../emulator";
import {
  IPV6_EIP_TYPE,
  repoRoot,
  serializeResourceProvider,
  startProviderHelper,
  urnFor,
} from "../harness";
import type { ProviderHelper } from "../harness";

/** A running benchmark environment. Always `close()` it. */
export interface BenchStack {
  /** The emulator (latency applied to every request). */
  readonly emulator: Emulator;
  /** The `__provider` text of an `Ipv6Eip`. */
  readonly provider: string;
  /** The stack config (`otc:*`) that points the provider at the emulator. */
  readonly config: Record<string, string>;
  /**
   * Starts a helper without configuring it, returning it and its cold start time (ms); `env` is
   * added to its environment.
   */
  startHelper(env?: NodeJS.ProcessEnv): Promise<{ helper: ProviderHelper; coldStartMs: number }>;
  /** Starts and configures a helper (a new `pulumi up`); `env` is added to its environment. */
  startConfiguredHelper(env?: NodeJS.ProcessEnv): Promise<ProviderHelper>;
  /** The folder the package is resolved from (the repository, or `--project`). */
  readonly projectDir: string;
  /** A fresh ECS NIC port id (every bound EIP needs its own NIC). */
  newPort(): string;
  /** The inputs of a bound `Ipv6Eip` on `portId`, with `floatingNetworkId` given. */
  inputsFor(portId: string): Record<string, unknown>;
  /** A URN for resource `name`. */
  urn(name: string): string;
  /** Stops every helper it started and the emulator. */
  close(): Promise<void>;
}

/** Options of {@link startBenchStack}. */
export interface BenchStackOptions {
  /** Latency of every emulated request, in ms. */
  latencyMs: number;
  /** Where the package is resolved from (default: the repository, which needs `npm run build`). */
  projectDir?: string;
}

/** Starts the emulator and serializes the provider from the built package. */
export async function startBenchStack(options: BenchStackOptions): Promise<BenchStack> {
  const projectDir = options.projectDir ?? repoRoot;
  const emulator = await startEmulator({
    latencyMs: options.latencyMs,
    quota: 10_000,
    ecsPorts: 0,
  });
  const helpers: ProviderHelper[] = [];
  try {
    const provider = await serializeResourceProvider({ projectDir });
    const config = passwordStackConfig(emulator);
    const startHelper = async (
      env?: NodeJS.ProcessEnv,
    ): Promise<{ helper: ProviderHelper; coldStartMs: number }> => {
      const started = performance.now();
      const helper = await startProviderHelper({ cwd: projectDir, ...(env ? { env } : {}) });
      const coldStartMs = performance.now() - started;
      helpers.push(helper);
      return { helper, coldStartMs };
    };
    return {
      emulator,
      provider,
      config,
      startHelper,
      projectDir,
      async startConfiguredHelper(env) {
        const { helper } = await startHelper(env);
        await helper.configure(config);
        return helper;
      },
      newPort: () => emulator.addPort("ecs").id,
      inputsFor: (portId) => ({
        __provider: provider,
        portId,
        floatingNetworkId: emulator.externalNetworkId,
        suppressWarnings: true,
      }),
      urn: (name) => urnFor(IPV6_EIP_TYPE, name),
      async close() {
        await Promise.all(helpers.map((h) => h.close()));
        await emulator.close();
      },
    };
  } catch (error) {
    await Promise.all(helpers.map((h) => h.close()));
    await emulator.close();
    throw error;
  }
}
