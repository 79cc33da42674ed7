/**
 * pulumi-otc-ipv6-eip: IPv6 EIPs on Open Telekom Cloud, as a Pulumi dynamic resource.
 *
 * The package entry. It exports the resource, its provider object, the look-ups of existing EIPs,
 * the NAT64 helper and the error classes. The provider lifecycle is a separate entry,
 * `pulumi-otc-ipv6-eip/lifecycle`.
 */
export { Ipv6Eip } from "./resource/ipv6-eip";
export type { Ipv6EipArgs, Ipv6EipGetOptions, Ipv6EipTimeoutsArgs } from "./resource/ipv6-eip";
export { ipv6EipProvider } from "./resource/provider-shim";
export { getIpv6Eip, getIpv6EipOutput } from "./resource/get-ipv6-eip";
export type {
  GetIpv6EipArgs,
  GetIpv6EipOutputArgs,
  GetIpv6EipResult,
} from "./resource/get-ipv6-eip";
export { IPV6_EIP_WARNINGS } from "./core/warnings";
export { UNKNOWN_VALUE } from "./core/unknown-value";
export { ipv4FromIpv6Eip, parseIpv6Eip } from "./core/nat64";
export type { ParsedIpv6Eip } from "./core/nat64";
export * from "./core/errors";
