/**
 * pulumi-otc-ipv6-eip: IPv6 EIPs on Open Telekom Cloud, as a Pulumi dynamic resource.
 *
 * The package entry. It exports the resource, the NAT64 helper and the error classes.
 */
export { ipv4FromIpv6Eip, parseIpv6Eip } from "./core/nat64";
export type { ParsedIpv6Eip } from "./core/nat64";
export * from "./core/errors";
