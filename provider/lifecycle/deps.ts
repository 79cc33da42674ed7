/**
 * What the lifecycle needs from the outside world, injected so tests can use an in-memory OTC and
 * the package entry can wire the real client.
 */
import type { OtcClient } from "../client/types";

/** The settings the lifecycle reads (the client's `ResolvedSettings` has these and more). */
export interface LifecycleSettings {
  /** The region from stack config or the environment. */
  readonly region: string;
  /** The configured project id, when configured by id. */
  readonly projectId?: string;
  /** The configured project name, when configured by name. */
  readonly projectName?: string;
  /** The VPC endpoint the configuration reaches for its region, when known. */
  readonly vpcEndpoint?: string;
  /** Whether the VPC endpoint was set explicitly (then it serves the configured region only). */
  readonly vpcEndpointExplicit?: boolean;
  /** Whether the IAM endpoint was set explicitly (then it serves the configured region only). */
  readonly authUrlExplicit?: boolean;
  /** Non-fatal remarks about the settings, printed once per provider (never containing secrets). */
  readonly warnings?: readonly string[];
}

/** Which region and project a client must talk to, when they differ from the settings'. */
export interface ClientOverrides {
  /** The region recorded in state, or the resource's `region` input. */
  region?: string;
  /** The project recorded in state, or the `project` input given by id. */
  projectId?: string;
  /** The `project` input given by name (used when no `projectId` is). */
  projectName?: string;
}

/** The lifecycle's dependencies. */
export interface LifecycleDeps<S extends LifecycleSettings = LifecycleSettings> {
  /** The fully-qualified stack config keys to read in `configure` (`otc:region`, …). */
  readonly configKeys: readonly string[];
  /**
   * Names of the settings under a connection's namespace (`region`, `accessKey`, …): `configure`
   * keeps every `<namespace>:<name>` key of the stack config, so named connections can be read.
   */
  readonly connectionSettingNames?: readonly string[];
  /**
   * Resolves the settings from stack config values and the environment at call time.
   * Throws `ConfigurationError` when they are incomplete (e.g. no credentials).
   *
   * @param connection the connection's namespace (`otc`, the default, when absent)
   */
  loadSettings(config: Record<string, string | undefined>, connection?: string): Promise<S>;
  /** A client for the settings (shared process-wide: one token for many parallel calls). */
  getClient(settings: S, overrides: ClientOverrides): OtcClient;
  /** Prints one line for the user (the helper forwards stdout to the CLI). */
  log(line: string): void;
  /** Waits. */
  sleep(ms: number): Promise<void>;
  /** The current time, epoch milliseconds. */
  now(): number;
}
