/**
 * The live one-EIP-per-NIC guard: asks OTC what is on the NIC (IPv4 and IPv6 lists, concurrently).
 */
import type { OtcClient } from "../client/types";
import { findNicConflict } from "../core/nic-guard";
import type { NicConflict } from "../core/nic-guard";

/**
 * Lists the IPv4 and the IPv6 EIPs on `portId` (two calls at once) and returns the first one that
 * is not among `ownIds`, or `undefined` when the NIC is free for this resource.
 */
export async function findLiveNicConflict(
  client: OtcClient,
  portId: string,
  ownIds: readonly (string | null | undefined)[],
  deadline?: number,
): Promise<NicConflict | undefined> {
  const options = deadline === undefined ? {} : { deadline };
  const [ipv4, ipv6] = await Promise.all([
    client.listIpv4FloatingIpsOnPort(portId, options),
    client.listIpv6FloatingIps({ portId }, options),
  ]);
  // The IPv6 list filter is the server's; keep only exact matches in case it is ignored.
  const onPort = ipv6.filter((eip) => eip.portId?.toLowerCase() === portId.toLowerCase());
  return findNicConflict(portId, ipv4, onPort, ownIds);
}
