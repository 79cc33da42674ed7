/**
 * What a look-up of an existing IPv6 EIP returns: the EIP's id and the same fields, computed the
 * same way, as an `Ipv6Eip` resource's outputs (without what only a managed resource has: the
 * recorded inputs and the state version).
 */
import type { PortKind } from "./port-kind";
import type { EipFacts, EipLocation } from "./state-schema";
import { buildState } from "./state-schema";

/** One IPv6 EIP as `getIpv6Eip` returns it; `null` where OTC showed nothing. */
export interface Ipv6EipLookupResult {
  /** The EIP's id (a UUID). */
  id: string;
  /** The IPv6 EIP, in canonical (RFC 5952) form. */
  floatingIpAddress: string;
  /** Its NAT64 IPv4 twin (the last 32 bits); `null` only if OTC sent an address that cannot be an EIP. */
  ipv4Address: string | null;
  /** The NIC port it is bound to, or `null` when unbound. */
  portId: string | null;
  /** What that port is (`ecs` or `elb`); `null` when unbound or when the port could not be read. */
  portKind: PortKind | null;
  /** OTC's status: `ACTIVE` (bound), `DOWN` (unbound) or `ERROR`. */
  status: string;
  /** The NIC's private IPv4 address, or `null`. */
  fixedIpAddress: string | null;
  /** The external network of the EIP. */
  floatingNetworkId: string;
  /** The router, or `null`. */
  routerId: string | null;
  /** The project that owns the EIP. */
  projectId: string | null;
  /** That project's name, when the look-up named it (`project` or the connection's `projectName`). */
  projectName: string | null;
  /** The region the EIP was found in. */
  region: string;
  /** The VPC endpoint the look-up went to. */
  vpcEndpoint: string | null;
  /** Creation time as OTC reports it (`yyyy-MM-ddTHH:mm:ss`, UTC), or `null`. */
  createdAt: string | null;
  /** Last update time as OTC reports it, or `null`. */
  updatedAt: string | null;
}

const NOTHING_RECORDED = {
  portId: null,
  floatingNetworkId: null,
  region: null,
  project: null,
  connection: null,
  adoptId: null,
  timeouts: null,
  suppressWarnings: null,
  secretInputs: [],
};

/**
 * The look-up result for an EIP as OTC showed it.
 *
 * @param location the region, project and endpoint the EIP was found in
 * @param portKind what its port is, when known
 */
export function toLookupResult(
  eip: EipFacts,
  location: EipLocation,
  portKind: PortKind | null,
): Ipv6EipLookupResult {
  const state = buildState(eip, NOTHING_RECORDED, location, portKind);
  return {
    id: eip.id,
    floatingIpAddress: state.floatingIpAddress,
    ipv4Address: state.ipv4Address,
    portId: state.portId,
    portKind: state.portKind,
    status: state.status,
    fixedIpAddress: state.fixedIpAddress,
    floatingNetworkId: state.floatingNetworkId,
    routerId: state.routerId,
    projectId: state.projectId,
    projectName: state.projectName,
    region: state.region,
    vpcEndpoint: state.vpcEndpoint,
    createdAt: state.createdAt,
    updatedAt: state.updatedAt,
  };
}
