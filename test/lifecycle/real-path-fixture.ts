/**
 * Shared set-up of the real-path tests: the packed package installed in a user project, the
 * `__provider` text taken from a resource constructed there, the SDK's helper and the emulator.
 */
import { akskStackConfig, passwordStackConfig, startEmulator } from "../emulator/index";
import type { Emulator } from "../emulator/index";
import { call, getToken } from "../emulator/helpers/emulator-client";
import { urnFor } from "../harness";
import type { ProviderHelper } from "../harness";

/** The resource token every URN uses. */
export const TYPE = "pulumi-nodejs:dynamic/otc:Ipv6Eip";

/** A URN for a resource name. */
export const urn = (name: string): string => urnFor(TYPE, name);

/** The password-based stack config for an emulator (the way a user sets `otc:*`). */
export const passwordConfig = passwordStackConfig;

/** The AK/SK stack config. */
export const akskConfig = akskStackConfig;

export { startCleanHelper, userProvider } from "../harness";

/** Out-of-band changes, as another tool or the console would make them. */
export async function outOfBand(
  emulator: Emulator,
  method: "PUT" | "DELETE",
  id: string,
  body?: unknown,
): Promise<void> {
  const token = await getToken(emulator);
  const result = await call(emulator, {
    method,
    path: `/v2.0/eip/floatingips_v6/${id}`,
    token,
    ...(body === undefined ? {} : { body }),
  });
  if (result.status >= 300) throw new Error(`out-of-band ${method} failed: ${result.text}`);
}

export { startEmulator };
export type { Emulator, ProviderHelper };

/** One of the emulator's ECS NICs: its port id and private IPv4. */
export interface EcsPort {
  id: string;
  fixedIp: string;
}

/**
 * Hands out the ECS NICs of the emulator `current()` returns, each once, so that no two tests of
 * a file share a NIC (the emulator is made in `beforeAll`, hence the getter).
 */
export function portDispenser(current: () => Emulator): () => EcsPort {
  let next = 0;
  return () => {
    const port = current().ports.filter((p) => p.kind === "ecs")[next++];
    if (!port) throw new Error("out of emulator ports: start the emulator with more ecsPorts");
    return { id: port.id, fixedIp: port.fixedIp };
  };
}

/**
 * The inputs of a resource as a program sends them: the serialized provider `provider()` returns,
 * warnings off, `defaults`, then `extra`.
 */
export function inputsWith(
  provider: () => string,
  defaults: Record<string, unknown> = {},
): (extra: Record<string, unknown>) => Record<string, unknown> {
  return (extra) => ({ __provider: provider(), suppressWarnings: true, ...defaults, ...extra });
}
