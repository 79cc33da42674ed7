/**
 * What the tool shows of one IPv6 EIP: the API's fields plus its NAT64 IPv4 twin and its age.
 * The same value feeds the tables and `--json`, so both always agree.
 */
import type { FloatingIp } from "../client/types";
import { parseIpv6Eip } from "../core/nat64";
import { parseOtcTime } from "./parse-otc-time";

/** One EIP as the tool prints it. Field names are part of the `--json` output: keep them stable. */
export interface EipView {
  /** The EIP's id. */
  id: string;
  /** The IPv6 address, RFC 5952 canonical when it parses, else as OTC sent it. */
  ipv6: string;
  /** The IPv4 EIP that NAT64 pairs with it (the last 32 bits), or `null` when the address does not parse. */
  ipv4: string | null;
  /** `ACTIVE`, `DOWN`, `ERROR`, … */
  status: string;
  /** The NIC port it is bound to, or `null`. */
  portId: string | null;
  /** The port's private IPv4, or `null`. */
  fixedIp: string | null;
  /** The external network. */
  floatingNetworkId: string;
  /** The owning project. */
  projectId: string | null;
  /** Creation time in ISO 8601 UTC (`…Z`), as sent when it does not parse, or `null`. */
  createdAt: string | null;
  /** Last update, same format. */
  updatedAt: string | null;
}

function isoOrRaw(text: string | null): string | null {
  const ms = parseOtcTime(text);
  return ms === undefined ? text : new Date(ms).toISOString().replace(".000Z", "Z");
}

/** Builds the view of one IPv6 EIP; never throws, even on an address OTC should not have sent. */
export function toEipView(eip: FloatingIp): EipView {
  let ipv6 = eip.floatingIpAddress;
  let ipv4: string | null = null;
  try {
    const parsed = parseIpv6Eip(eip.floatingIpAddress, "floatingIpAddress");
    ipv6 = parsed.canonical;
    ipv4 = parsed.ipv4;
  } catch {
    // A listing must not fail on one odd address: it is shown as sent, without an IPv4.
  }
  return {
    id: eip.id,
    ipv6,
    ipv4,
    status: eip.status,
    portId: eip.portId,
    fixedIp: eip.fixedIpAddress,
    floatingNetworkId: eip.floatingNetworkId,
    projectId: eip.projectId ?? eip.tenantId,
    createdAt: isoOrRaw(eip.createdAt),
    updatedAt: isoOrRaw(eip.updatedAt),
  };
}
