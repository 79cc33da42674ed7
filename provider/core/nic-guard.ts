/**
 * OTC's one-EIP-per-NIC rule as a pure decision: given what is on a NIC, may this resource put its
 * IPv6 EIP there? The lists come from the live guard (two calls) in the lifecycle.
 */
import type { InputFailure } from "./errors";

/** An EIP found on the NIC (the OTC client's `FloatingIp` fits). */
export interface EipOnNic {
  id: string;
  floatingIpAddress: string;
}

/** The EIP that blocks the NIC, with its family. */
export interface NicConflict {
  /** The NIC's port id. */
  portId: string;
  /** `IPv4` or `IPv6`. */
  family: "IPv4" | "IPv6";
  /** The EIP already there. */
  eip: EipOnNic;
}

/**
 * Finds an EIP on the NIC that is not this resource's own (`ownIds`: the EIP it holds, the one it
 * adopts). IPv4 first: it is the likelier surprise (a console-made EIP).
 *
 * @returns the first blocking EIP, or `undefined` when the NIC is free for this resource
 */
export function findNicConflict(
  portId: string,
  ipv4OnNic: readonly EipOnNic[],
  ipv6OnNic: readonly EipOnNic[],
  ownIds: readonly (string | null | undefined)[],
): NicConflict | undefined {
  const own = new Set(ownIds.filter((id): id is string => !!id).map((id) => id.toLowerCase()));
  const v4 = ipv4OnNic.find((eip) => !own.has(eip.id.toLowerCase()));
  if (v4) return { portId, family: "IPv4", eip: v4 };
  const v6 = ipv6OnNic.find((eip) => !own.has(eip.id.toLowerCase()));
  if (v6) return { portId, family: "IPv6", eip: v6 };
  return undefined;
}

/** The check failure for a conflict: the NIC, the EIP there (address and id), the rule and the fix. */
export function describeNicConflict(conflict: NicConflict): InputFailure {
  const { portId, family, eip } = conflict;
  const adopt =
    family === "IPv6"
      ? ` If that IPv6 EIP should be managed by this resource, set adoptId: "${eip.id}".`
      : "";
  return {
    property: "portId",
    reason:
      `NIC "${portId}" already has the ${family} EIP ${eip.floatingIpAddress} (id ${eip.id}). ` +
      `OTC binds one EIP per NIC, IPv4 or IPv6, so an IPv6 EIP cannot be bound there. ` +
      `Choose another NIC (e.g. a second NIC on the ECS) or unbind that EIP first.${adopt}`,
  };
}
