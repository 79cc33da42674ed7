/**
 * What `check` must ask OTC about a plan, decided from the old and new inputs alone (pure): the
 * port (new, changed, or needed by a replacement), the network (given new or changed), and the
 * one plan refused without asking anything — a region change that keeps the NIC.
 */
import type { InputFailure } from "./errors";
import { describeRegionChangeOnSameNic } from "./plan-checks";
import { isUnknown } from "./unknown-value";

/** The live checks a plan needs; `null` fields need none. */
export interface LiveCheckPlan {
  /** The port to look up and whose EIPs to list (lower case). */
  portId: string | null;
  /**
   * The NIC is the one the resource holds and a replacement will re-bind: its old IPv6 EIP is the
   * one being replaced, so only IPv4 EIPs there block the plan.
   */
  replacingOnSameNic: boolean;
  /** The network to confirm as external (lower case). */
  networkId: string | null;
  /** The resource is new to the stack (the engine sent no old inputs). */
  newResource: boolean;
}

function knownId(value: unknown): string | null {
  return typeof value === "string" && value !== "" && !isUnknown(value)
    ? value.toLowerCase()
    : null;
}

function knownText(value: unknown): string | null {
  return typeof value === "string" && value !== "" && !isUnknown(value) ? value : null;
}

/**
 * Plans the live part of `check`, or refuses the plan outright.
 *
 * @param olds the old inputs (empty or absent for a new resource)
 * @param news the new inputs, already valid
 * @param providerRegion the region the provider uses when `region` is not given, if known
 */
export function planLiveCheck(
  olds: Record<string, unknown> | undefined,
  news: Record<string, unknown>,
  providerRegion: string | undefined,
): LiveCheckPlan | InputFailure {
  const old = olds ?? {};
  const newResource = Object.keys(old).length === 0;
  const portId = knownId(news["portId"]);
  const oldPort = knownId(old["portId"]);
  const samePort = !newResource && portId !== null && portId === oldPort;

  const newRegion = knownText(news["region"]);
  const heldRegion = knownText(old["region"]) ?? providerRegion ?? null;
  const regionChanges =
    !newResource && newRegion !== null && heldRegion !== null && newRegion !== heldRegion;
  if (regionChanges && samePort) {
    return describeRegionChangeOnSameNic(heldRegion, newRegion, portId);
  }

  const network = knownId(news["floatingNetworkId"]);
  const oldNetwork = knownId(old["floatingNetworkId"]);
  const networkId = network !== null && (newResource || network !== oldNetwork) ? network : null;
  // A network given before and changed now replaces the EIP; given for the first time it is most
  // likely the looked-up one (diff compares it with the EIP's), and it is confirmed either way.
  const replacing = regionChanges || (oldNetwork !== null && networkId !== null);
  return {
    portId: portId !== null && (!samePort || replacing) ? portId : null,
    replacingOnSameNic: samePort && replacing,
    networkId,
    newResource,
  };
}
