/**
 * What a port is, from Neutron's `device_owner`, and whether an EIP can be bound to it. OTC's
 * reference: a floating IP's `port_id` "must be the ECS port ID"; the seed adds ELB VIP ports.
 */

/** The kinds of port an EIP can be bound to: an ECS NIC, or an ELB's virtual IP port. */
export type PortKind = "ecs" | "elb";

/** `device_owner` of an ELB (v2/v3 "dedicated" and shared) load balancer's VIP port. */
const ELB_OWNER = "neutron:LOADBALANCERV2";

/**
 * The kind of a port by its `device_owner`: `compute:<az>` is an ECS NIC, `neutron:LOADBALANCERV2`
 * an ELB VIP; anything else (`network:router_interface…`, `network:dhcp`, none at all) cannot hold
 * an EIP and gives `null`.
 */
export function portKindOf(deviceOwner: string | null): PortKind | null {
  if (deviceOwner === null) return null;
  if (/^compute:/i.test(deviceOwner)) return "ecs";
  if (deviceOwner.toUpperCase() === ELB_OWNER.toUpperCase()) return "elb";
  return null;
}

/** The port as a user knows it: `ECS NIC "<id>"` or `ELB VIP port "<id>"`. */
export function describePort(portId: string, kind: PortKind | null): string {
  if (kind === "ecs") return `ECS NIC "${portId}"`;
  if (kind === "elb") return `ELB VIP port "${portId}"`;
  return `NIC "${portId}"`;
}
