/**
 * Converts Neutron's port and network objects (snake_case wire form) into the domain types,
 * checking the fields the provider depends on so that a malformed answer fails with a clear message.
 */
import type { NetworkInfo, PortInfo } from "../types";
import type { WireNetwork, WirePort } from "./wire-types";

function optional(value: unknown): string | null {
  return typeof value === "string" && value !== "" ? value : null;
}

function withId(wire: unknown, what: string): Record<string, unknown> & { id: string } {
  if (typeof wire !== "object" || wire === null) throw new Error(`the answer holds no ${what}`);
  const w = wire as Record<string, unknown>;
  if (typeof w["id"] !== "string" || w["id"] === "") {
    throw new Error(`the ${what} in the answer has no id`);
  }
  return w as Record<string, unknown> & { id: string };
}

/**
 * Maps one wire port to a {@link PortInfo}.
 * @throws Error when the object has no `id` (the caller wraps it with method and path)
 */
export function toPortInfo(wire: unknown): PortInfo {
  const w = withId(wire, "port") as unknown as WirePort;
  return {
    id: w.id,
    deviceOwner: optional(w.device_owner),
    networkId: optional(w.network_id),
    projectId: optional(w.project_id) ?? optional(w.tenant_id),
  };
}

/**
 * Maps one wire network to a {@link NetworkInfo}; `router:external` counts as true only when it
 * says so (a boolean, or Neutron's query spelling `True`).
 * @throws Error when the object has no `id`
 */
export function toNetworkInfo(wire: unknown): NetworkInfo {
  const w = withId(wire, "network") as unknown as WireNetwork;
  const external: unknown = w["router:external"];
  return {
    id: w.id,
    name: optional(w.name),
    external: external === true || (typeof external === "string" && /^true$/i.test(external)),
  };
}
