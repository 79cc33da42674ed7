/**
 * The live one-EIP-per-NIC guard: asks OTC what is on the NIC (IPv4 and IPv6 lists, concurrently).
 */
import type { OtcClient } from "../client/types";
import { findNicConflict } from "../core/nic-guard";
import type { NicConflict } from "../core/nic-guard";

/** What the live guard found on a NIC. */
export interface LiveNicVerdict {
  /** The first EIP that blocks the NIC for this resource, or `undefined` when it is free for it. */
  conflict: NicConflict | undefined;
  /** True when the NIC held no EIP at all (free for any resource, not just this one). */
  empty: boolean;
}

/** Options of {@link inspectNicLive}. */
export interface InspectNicOptions {
  /**
   * Count only IPv4 EIPs as conflicts: the NIC holds this resource's old IPv6 EIP, which a
   * replacement deletes first (its id is not known to `check`).
   */
  ipv4Only?: boolean;
}

/**
 * Lists the IPv4 and the IPv6 EIPs on `portId` (two calls at once) and returns the first one that
 * is not among `ownIds` (`conflict`), and whether the NIC held none at all (`empty`).
 */
export async function inspectNicLive(
  client: OtcClient,
  portId: string,
  ownIds: readonly (string | null | undefined)[],
  deadline?: number,
  inspect: InspectNicOptions = {},
): Promise<LiveNicVerdict> {
  const options = deadline === undefined ? {} : { deadline };
  const [ipv4, ipv6] = await Promise.all([
    client.listIpv4FloatingIpsOnPort(portId, options),
    client.listIpv6FloatingIps({ portId }, options),
  ]);
  // The IPv6 list filter is the server's; keep only exact matches in case it is ignored.
  const onPort = ipv6.filter((eip) => eip.portId?.toLowerCase() === portId.toLowerCase());
  return {
    conflict: findNicConflict(portId, ipv4, inspect.ipv4Only ? [] : onPort, ownIds),
    empty: ipv4.length === 0 && onPort.length === 0,
  };
}
