/**
 * One configured provider: the stack config captured by `configure`, the settings resolved from it
 * (lazily, at call time, so a preview without credentials still works where it can), and clients.
 */
import type { OtcClient } from "../client/types";
import type { ClientOverrides, LifecycleDeps, LifecycleSettings } from "./deps";

/** Where an existing EIP lives, as its state recorded it. */
export interface Placement {
  /** The region, or `null`/`undefined` for the provider's. */
  region?: string | null;
  /** The project, or `null`/`undefined` for the provider's. */
  projectId?: string | null;
}

/** A region and project id, both known. */
export interface KnownPlacement {
  /** The region. */
  region: string;
  /** The project id. */
  projectId: string;
}

/**
 * How long a live-guard verdict "this NIC holds no EIP" from `check` stays usable by the `update`
 * that follows it (the engine calls them moments apart).
 */
export const FREE_NIC_VERDICT_TTL_MS = 60_000;

/** The configured provider that every lifecycle call receives. */
export class ProviderContext<S extends LifecycleSettings = LifecycleSettings> {
  private settingsPromise: Promise<S> | undefined;
  private warned = false;
  /** NICs the live guard found empty: key (region, project, port) → when (epoch ms). */
  private readonly freeNics = new Map<string, number>();

  /**
   * @param deps the lifecycle's dependencies
   * @param config the stack config values captured by `configure` (empty when it never ran)
   */
  constructor(
    readonly deps: LifecycleDeps<S>,
    readonly config: Readonly<Record<string, string | undefined>>,
  ) {}

  /** The settings, resolved once; a failure is not cached, so fixing the environment helps. */
  settings(): Promise<S> {
    if (!this.settingsPromise) {
      const pending = this.deps.loadSettings({ ...this.config }).then((settings) => {
        if (!this.warned) {
          this.warned = true;
          for (const warning of settings.warnings ?? []) this.deps.log(`Ipv6Eip: ${warning}`);
        }
        return settings;
      });
      this.settingsPromise = pending;
      pending.catch(() => {
        if (this.settingsPromise === pending) this.settingsPromise = undefined;
      });
    }
    return this.settingsPromise;
  }

  /** A client for the placement (state's region and project win over the settings'). */
  async client(placement: Placement = {}): Promise<OtcClient> {
    const settings = await this.settings();
    const overrides: ClientOverrides = {};
    if (placement.region) overrides.region = placement.region;
    if (placement.projectId) overrides.projectId = placement.projectId;
    return this.deps.getClient(settings, overrides);
  }

  /**
   * Records that the live guard has just found no EIP at all on `portId` in `placement` (region
   * and project id), for the `update` that follows (see {@link takeFreeNicVerdict}).
   */
  rememberFreeNic(placement: KnownPlacement, portId: string): void {
    const now = this.deps.now();
    for (const [key, at] of this.freeNics) {
      if (now - at >= FREE_NIC_VERDICT_TTL_MS) this.freeNics.delete(key);
    }
    this.freeNics.set(nicKey(placement, portId), now);
  }

  /**
   * True (once) when the live guard found `portId` empty in `placement` less than
   * {@link FREE_NIC_VERDICT_TTL_MS} ago; the verdict is consumed so that it serves one bind only.
   */
  takeFreeNicVerdict(placement: KnownPlacement, portId: string): boolean {
    const key = nicKey(placement, portId);
    const at = this.freeNics.get(key);
    if (at === undefined) return false;
    this.freeNics.delete(key);
    const age = this.deps.now() - at;
    return age >= 0 && age < FREE_NIC_VERDICT_TTL_MS;
  }
}

function nicKey(placement: KnownPlacement, portId: string): string {
  return [placement.region, placement.projectId, portId]
    .map((part) => part.toLowerCase())
    .join(" ");
}
