/**
 * One configured provider: the stack config captured by `configure`, the settings resolved from it
 * (lazily, at call time, so a preview without credentials still works where it can), and clients.
 */
import type { OtcClient } from "../client/types";
import {
  describeEndpointMoved,
  describeRegionOnExplicitEndpoints,
  sameEndpoint,
} from "../core/endpoint-placement";
import { ConfigurationError, InvalidInputError } from "../core/errors";
import { connectionName, DEFAULT_CONNECTION_NAME } from "../core/input-spec";
import type { PortKind } from "../core/port-kind";
import type { ClientOverrides, LifecycleDeps, LifecycleSettings } from "./deps";
import { FactCache } from "./fact-cache";

/** Where an existing EIP lives, as its state recorded it. */
export interface Placement {
  /** The region, or `null`/`undefined` for the provider's. */
  region?: string | null;
  /** The project, or `null`/`undefined` for the provider's. */
  projectId?: string | null;
  /** For a new EIP: the `project` input given by name (used when no `projectId` is). */
  projectName?: string | null;
  /** The connection's namespace, or `null`/`undefined` for `otc`. */
  connection?: string | null;
  /**
   * For an existing EIP: its id and the VPC endpoint its state recorded (`null` when the state
   * predates recording it). Absent for a new EIP, whose region must then fit the endpoints.
   */
  existing?: { id?: string; vpcEndpoint: string | null };
}

/**
 * How long what a port is (its kind) and whether a network is external stay usable by the calls
 * that follow in the same run. Why they may be reused at all: they are properties of the object
 * itself (an ECS NIC stays an ECS NIC), unlike whether a NIC is free, which the lifecycle always
 * asks live right before it binds.
 */
export const OBJECT_FACTS_TTL_MS = 10 * 60_000;

/** The configured provider that every lifecycle call receives. */
export class ProviderContext<S extends LifecycleSettings = LifecycleSettings> {
  private readonly settingsByConnection = new Map<string, Promise<S>>();
  private readonly warned = new Set<string>();
  /** Ports found usable, and what they are (see {@link OBJECT_FACTS_TTL_MS}). */
  readonly portKinds: FactCache<PortKind>;
  /** Networks found external. */
  readonly externalNetworks: FactCache<true>;

  /**
   * @param deps the lifecycle's dependencies
   * @param config the stack config values captured by `configure` (empty when it never ran)
   */
  constructor(
    readonly deps: LifecycleDeps<S>,
    readonly config: Readonly<Record<string, string | undefined>>,
  ) {
    this.portKinds = new FactCache(OBJECT_FACTS_TTL_MS, () => deps.now());
    this.externalNetworks = new FactCache(OBJECT_FACTS_TTL_MS, () => deps.now());
  }

  /**
   * The settings of a connection, resolved once; a failure is not cached, so fixing the
   * environment helps.
   *
   * @param connection the connection's namespace (default `otc`)
   */
  settings(connection: string | null = null): Promise<S> {
    const name = connectionName(connection);
    let promise = this.settingsByConnection.get(name);
    if (!promise) {
      const config = { ...this.config };
      const loaded =
        name === DEFAULT_CONNECTION_NAME
          ? this.deps.loadSettings(config)
          : this.deps.loadSettings(config, name);
      const pending = loaded.then((settings) => {
        if (!this.warned.has(name)) {
          this.warned.add(name);
          for (const warning of settings.warnings ?? []) this.deps.log(`Ipv6Eip: ${warning}`);
        }
        return settings;
      });
      promise = pending;
      this.settingsByConnection.set(name, pending);
      pending.catch(() => {
        if (this.settingsByConnection.get(name) === pending) this.settingsByConnection.delete(name);
      });
    }
    return promise;
  }

  /**
   * The settings of a connection, or `undefined` when they do not resolve (a preview without
   * credentials): for checks that need them only to tell more.
   */
  async settingsIfResolved(connection: string | null = null): Promise<S | undefined> {
    try {
      return await this.settings(connection);
    } catch {
      return undefined;
    }
  }

  /**
   * A client for the placement (state's region and project win over the settings'). Makes no call.
   *
   * @throws InvalidInputError for a new EIP in another region than explicitly configured
   *   endpoints serve
   * @throws ConfigurationError for an existing EIP whose recorded VPC endpoint is not the one the
   *   configuration reaches now
   */
  async client(placement: Placement = {}): Promise<OtcClient> {
    const settings = await this.settings(placement.connection ?? null);
    if (placement.region && !placement.existing) {
      const failure = describeRegionOnExplicitEndpoints(placement.region, settings);
      if (failure) throw new InvalidInputError(failure);
    }
    const overrides: ClientOverrides = {};
    if (placement.region) overrides.region = placement.region;
    if (placement.projectId) overrides.projectId = placement.projectId;
    else if (placement.projectName) overrides.projectName = placement.projectName;
    const client = this.deps.getClient(settings, overrides);
    const recorded = placement.existing?.vpcEndpoint;
    if (recorded && !sameEndpoint(recorded, client.vpcEndpoint)) {
      const id = placement.existing?.id ?? "?";
      throw new ConfigurationError([describeEndpointMoved(id, recorded, client.vpcEndpoint)]);
    }
    return client;
  }
}
