/** The two floating IP APIs of the VPC endpoint, by EIP family. */

/** An EIP's family: IPv6 (`/v2.0/eip/floatingips_v6`) or IPv4 (Neutron's `/v2.0/floatingips`). */
export type EipFamily = "ipv6" | "ipv4";

/** The collection path of a family. */
export function collectionPath(family: EipFamily): string {
  return family === "ipv6" ? "/v2.0/eip/floatingips_v6" : "/v2.0/floatingips";
}

/** The path of one EIP of a family. */
export function itemPath(family: EipFamily, id: string): string {
  return `${collectionPath(family)}/${encodeURIComponent(id)}`;
}
