/**
 * What a look-up of an existing IPv6 EIP returns: the EIP's id and the same fields, computed the
 * same way, as an `Ipv6Eip` resource's outputs (without what only a managed resource has: the
 * recorded inputs, what it looked up for them, and the state version).
 */
import type { PortKind } from "./port-kind";
import type { EipFacts, EipLocation, Ipv6EipState } from "./state-schema";
import { buildState } from "./state-schema";

/** The outputs only a managed resource has. */
type ManagedOnly = "recordedInputs" | "lookedUp" | "stateSchemaVersion";

/**
 * One IPv6 EIP as `getIpv6Eip` returns it: its `id` (a UUID) and the fields of
 * {@link Ipv6EipState}, documented there; `null` where OTC showed nothing.
 */
export type Ipv6EipLookupResult = { id: string } & Omit<Ipv6EipState, ManagedOnly>;

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
  const {
    recordedInputs: _recordedInputs,
    lookedUp: _lookedUp,
    stateSchemaVersion: _stateSchemaVersion,
    ...outputs
  } = buildState(eip, NOTHING_RECORDED, location, portKind);
  return { id: eip.id, ...outputs };
}
