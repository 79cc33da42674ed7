/**
 * Converts OTC's floating IP objects (snake_case wire form) into the domain type, checking the
 * fields the provider depends on so that a malformed answer fails here with a clear message.
 */
import type { FloatingIp } from "../types";
import type { WireFloatingIp } from "./wire-types";

function optional(value: unknown): string | null {
  return typeof value === "string" && value !== "" ? value : null;
}

/**
 * Maps one wire floating IP to a {@link FloatingIp}.
 * @throws Error when the object has no `id` (the caller wraps it with method and path)
 */
export function toFloatingIp(wire: unknown): FloatingIp {
  if (typeof wire !== "object" || wire === null) {
    throw new Error("the answer holds no floating IP object");
  }
  const w = wire as WireFloatingIp;
  if (typeof w.id !== "string" || w.id === "") {
    throw new Error("the floating IP in the answer has no id");
  }
  return {
    id: w.id,
    status: typeof w.status === "string" ? w.status : "UNKNOWN",
    floatingIpAddress: typeof w.floating_ip_address === "string" ? w.floating_ip_address : "",
    floatingNetworkId: typeof w.floating_network_id === "string" ? w.floating_network_id : "",
    routerId: optional(w.router_id),
    portId: optional(w.port_id),
    fixedIpAddress: optional(w.fixed_ip_address),
    tenantId: optional(w.tenant_id),
    projectId: optional(w.project_id),
    createdAt: optional(w.created_at),
    updatedAt: optional(w.updated_at),
  };
}
