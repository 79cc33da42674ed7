/**
 * Finds the IPv6 EIPs a selector names, in one project and region: by id (`show`), by address or
 * port (the list's filter, checked again here, since a server filter compares text or may be
 * ignored), or by the NAT64 IPv4 twin (no API filter exists: the whole listing is read).
 */
import { FloatingIpNotFoundError } from "../core/errors";
import type { EipSelector } from "../core/lookup-query";
import { parseIpv6Eip } from "../core/nat64";
import type { CallOptions, FloatingIp, OtcClient } from "../client/types";

function parsedOf(eip: FloatingIp): { canonical: string; ipv4: string } | undefined {
  try {
    return parseIpv6Eip(eip.floatingIpAddress);
  } catch {
    return undefined;
  }
}

/**
 * The EIPs that match `selector` (none, one, or several).
 *
 * @throws whatever the client throws other than OTC's own not-found for the id
 */
export async function findIpv6Eips(
  client: OtcClient,
  selector: EipSelector,
  options: CallOptions,
): Promise<FloatingIp[]> {
  switch (selector.by) {
    case "id":
      try {
        return [await client.getIpv6FloatingIp(selector.id, options)];
      } catch (error) {
        if (error instanceof FloatingIpNotFoundError) return [];
        throw error;
      }
    case "portId": {
      const listed = await client.listIpv6FloatingIps({ portId: selector.portId }, options);
      return listed.filter((e) => e.portId?.toLowerCase() === selector.portId);
    }
    case "address": {
      const matches = (list: FloatingIp[]) =>
        list.filter((e) => parsedOf(e)?.canonical === selector.canonical);
      // OTC may spell the address differently from the canonical form sent: a miss falls back to
      // comparing canonical forms over the whole listing.
      const filtered = matches(
        await client.listIpv6FloatingIps({ floatingIpAddress: selector.canonical }, options),
      );
      if (filtered.length > 0) return filtered;
      return matches(await client.listIpv6FloatingIps({}, options));
    }
    case "ipv4Address": {
      const all = await client.listIpv6FloatingIps({}, options);
      return all.filter((e) => parsedOf(e)?.ipv4 === selector.ipv4);
    }
  }
}
