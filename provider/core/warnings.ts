/**
 * What every user of an IPv6 EIP must know, from OTC's FAQ "How does an IPv6 client on the
 * Internet access the ECS that has an EIP bound in a VPC?". The resource prints these once per
 * program unless `suppressWarnings` is set.
 */
export const IPV6_EIP_WARNINGS: readonly string[] = Object.freeze([
  "Security groups do not apply to IPv6 clients: traffic through an IPv6 EIP bypasses them, so filter on the ECS itself (host firewall).",
  "Anti-DDoS does not protect IPv6 addresses: an IPv6 EIP has no DDoS scrubbing.",
  "There is no IP anti-spoofing for IPv6 traffic from the Internet.",
  "The ECS cannot use the IPv6 EIP (or its NAT64 IPv4 twin) for outbound traffic; for Internet access it needs an IPv4 EIP on another NIC (one EIP per NIC), or a NAT gateway.",
  "NAT64 rewrites the client's source address and port: the ECS never sees the real IPv6 client address.",
  "Changing floatingNetworkId or region replaces the EIP: the replacement has a new IPv6 address and a new IPv4 twin, so DNS records and allow-lists holding the old ones must be updated.",
]);

/** What a replacement of an EIP does to its addresses, for the line printed when a plan has one. */
export interface ReplacedEip {
  /** The EIP's id. */
  id: string;
  /** Its IPv6 address, when recorded. */
  floatingIpAddress: string | null;
  /** Its IPv4 twin, when recorded. */
  ipv4Address: string | null;
  /** The inputs whose change replaces it. */
  replaces: readonly string[];
}

/** The warning line for a planned replacement: the addresses that go, and what to update. */
export function formatReplacementWarning(eip: ReplacedEip): string {
  const address = eip.floatingIpAddress ?? "(address not recorded)";
  const twin = eip.ipv4Address ? ` and its IPv4 twin ${eip.ipv4Address}` : "";
  return (
    `Ipv6Eip: warning: the plan replaces IPv6 EIP ${eip.id} (${eip.replaces.join(", ")} changed): ` +
    `it is deleted first, and ${address}${twin} are released for good; the new EIP gets a NEW ` +
    "IPv6 address and IPv4 twin. Update DNS records and allow-lists that hold the old ones."
  );
}

/** The warnings as one message, with how to silence them. */
export function formatIpv6EipWarnings(): string {
  return (
    "IPv6 EIPs on Open Telekom Cloud have restrictions:\n" +
    IPV6_EIP_WARNINGS.map((w) => `  - ${w}`).join("\n") +
    "\nSet suppressWarnings: true on the Ipv6Eip resources to hide this message."
  );
}
