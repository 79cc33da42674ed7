/**
 * OTC's one-EIP-per-NIC rule as a pure decision: given what is on a NIC, may this resource put its
 * IPv6 EIP there? The lists come from the live guard (two calls) in the lifecycle.
 */
import type { InputFailure } from "./errors";
import { describePort } from "./port-kind";
import type { PortKind } from "./port-kind";

/** An EIP found on the NIC (the OTC client's `FloatingIp` fits). */
export interface EipOnNic {
  id: string;
  floatingIpAddress: string;
  /** When OTC says it was created (`yyyy-MM-ddTHH:mm:ss`, UTC), if it says. */
  createdAt?: string | null;
}

/** What the message about a conflict may say besides the conflict itself. */
export interface ConflictContext {
  /** The kind of the port, when known (to say "ECS NIC" or "ELB VIP port"). */
  kind?: PortKind | null;
  /**
   * The resource is new to the stack: an IPv6 EIP on its NIC may then be its own, made by an
   * interrupted `pulumi up` that never recorded it (a pending create).
   */
  newResource?: boolean;
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

/**
 * What to do when a new resource meets an IPv6 EIP on its NIC that may be its own: the provider
 * cannot prove it (nothing in the EIP says who made it), so it refuses, and says both ways out.
 */
function interruptedUpHint(eip: EipOnNic): string {
  const made = eip.createdAt ? ` (created ${eip.createdAt} UTC)` : "";
  return (
    ` If an earlier \`pulumi up\` of this stack was interrupted after creating it${made} (the ` +
    "process killed, a CI runner lost), it is most likely this resource's own EIP, which Pulumi " +
    `never recorded (a pending create). To take it over, set adoptId: "${eip.id}"; and clear the ` +
    "pending create (`pulumi refresh --clear-pending-creates`, or `pulumi stack export`, remove " +
    "it from pending_operations, `pulumi stack import`), or record it by id with " +
    `\`pulumi refresh --import-pending-creates <urn> ${eip.id}\`. Otherwise delete that EIP.`
  );
}

/** The check failure for a conflict: the NIC, the EIP there (address and id), the rule and the fix. */
export function describeNicConflict(
  conflict: NicConflict,
  context: ConflictContext = {},
): InputFailure {
  const { portId, family, eip } = conflict;
  let adopt = "";
  if (family === "IPv6") {
    adopt = context.newResource
      ? interruptedUpHint(eip)
      : ` If that IPv6 EIP should be managed by this resource, set adoptId: "${eip.id}".`;
  }
  const nic = describePort(portId, context.kind ?? null);
  const other =
    context.kind === "elb" ? "another load balancer's VIP port" : "a second NIC on the ECS";
  return {
    property: "portId",
    reason:
      `${nic} already has the ${family} EIP ${eip.floatingIpAddress} (id ${eip.id}). ` +
      `OTC binds one EIP per NIC, IPv4 or IPv6, so an IPv6 EIP cannot be bound there. ` +
      `Choose another NIC (e.g. ${other}) or unbind that EIP first.${adopt}`,
  };
}
