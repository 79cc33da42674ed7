/**
 * The provider's lifecycle bound to its dependencies: the object the serialized shim calls.
 */
import type { InputFailure } from "../core/errors";
import type { Ipv6EipDiff } from "../core/diff-inputs";
import { checkIpv6Eip } from "./check";
import { createIpv6Eip } from "./create";
import type { CreateAnswer } from "./create";
import { deleteIpv6Eip } from "./delete";
import { diffIpv6Eip } from "./diff";
import type { LifecycleDeps, LifecycleSettings } from "./deps";
import { ProviderContext } from "./provider-context";
import { readIpv6Eip } from "./read";
import type { ReadAnswer } from "./read";
import { updateIpv6Eip } from "./update";
import type { UpdateAnswer } from "./update";

/** The part of Pulumi's `ConfigureRequest` that is used: config values by fully-qualified key. */
export interface ConfigureRequestLike {
  /** `rawConfig`: the whole stack config, as the SDK's helper keeps it (used when present). */
  config: { get(key: string): string | undefined; rawConfig?: unknown };
}

/**
 * Every `<namespace>:<setting>` key of the whole stack config, for named connections; only
 * settings this package reads, so nothing else of the stack (other providers' secrets) is kept.
 */
function connectionKeys(request: ConfigureRequestLike, names: readonly string[]): string[] {
  const raw = request.config.rawConfig;
  if (typeof raw !== "object" || raw === null || names.length === 0) return [];
  const wanted = new Set(names);
  return Object.keys(raw).filter((key) => {
    const colon = key.indexOf(":");
    return colon > 0 && wanted.has(key.slice(colon + 1));
  });
}

/** The provider operations, each taking the context that `configure` produced. */
export interface Ipv6EipLifecycle {
  /**
   * Captures the stack config (the keys the settings read); resolves immediately. Settings are
   * resolved at the first call that needs them, so `configure` never fails.
   *
   * @param request Pulumi's request, or `undefined` when `configure` never ran (environment only)
   */
  configure: (request?: ConfigureRequestLike) => Promise<ProviderContext>;
  /** Validates the inputs and runs the live one-EIP-per-NIC guard. */
  check: (
    ctx: ProviderContext,
    olds: Record<string, unknown> | undefined,
    news: Record<string, unknown>,
  ) => Promise<{ inputs: Record<string, unknown>; failures: InputFailure[] }>;
  /** The diff rules; prints a warning line when the plan replaces the EIP. */
  diff: (
    ctx: ProviderContext,
    id: string,
    olds: Record<string, unknown>,
    news: Record<string, unknown>,
  ) => Promise<Ipv6EipDiff>;
  /** Creates or adopts the EIP. */
  create: (ctx: ProviderContext, inputs: Record<string, unknown>) => Promise<CreateAnswer>;
  /** Reads the EIP (refresh). */
  read: (
    ctx: ProviderContext,
    id: string,
    props: Record<string, unknown> | undefined,
  ) => Promise<ReadAnswer>;
  /** Rebinds the EIP. */
  update: (
    ctx: ProviderContext,
    id: string,
    olds: Record<string, unknown>,
    news: Record<string, unknown>,
  ) => Promise<UpdateAnswer>;
  /** Deletes the EIP. */
  delete: (
    ctx: ProviderContext,
    id: string,
    props: Record<string, unknown> | undefined,
  ) => Promise<void>;
}

/** Binds the lifecycle to its dependencies. */
export function createLifecycle<S extends LifecycleSettings>(
  deps: LifecycleDeps<S>,
): Ipv6EipLifecycle {
  return {
    configure: (request) => {
      const config: Record<string, string | undefined> = {};
      if (request) {
        const keys = new Set([
          ...deps.configKeys,
          ...connectionKeys(request, deps.connectionSettingNames ?? []),
        ]);
        for (const key of keys) {
          let value: string | undefined;
          try {
            value = request.config.get(key);
          } catch {
            // The helper's Config throws when the engine never sent Configure: environment only.
            value = undefined;
          }
          if (value !== undefined) config[key] = value;
        }
      }
      return Promise.resolve(new ProviderContext(deps, config) as unknown as ProviderContext);
    },
    check: (ctx, olds, news) => checkIpv6Eip(ctx, olds, news),
    diff: (ctx, id, olds, news) => Promise.resolve(diffIpv6Eip(ctx, id, olds, news)),
    create: (ctx, inputs) => createIpv6Eip(ctx, inputs),
    read: (ctx, id, props) => readIpv6Eip(ctx, id, props),
    update: (ctx, id, olds, news) => updateIpv6Eip(ctx, id, olds, news),
    delete: (ctx, id, props) => deleteIpv6Eip(ctx, id, props),
  };
}
