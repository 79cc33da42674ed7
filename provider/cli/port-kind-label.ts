/**
 * What a Neutron port is, in words, from its `device_owner`: an ECS NIC (`compute:<az>`), an ELB
 * VIP (`neutron:LOADBALANCER…`), one of the VPC's own ports (`network:…`), or nothing yet.
 */

/** A port's kind as the tool prints it and as `--json` carries it. */
export type PortKindLabel =
  | "ECS NIC"
  | "ELB VIP"
  | "router interface"
  | "DHCP port"
  | "VPC port"
  | "unattached port"
  | "other";

/** The kind of a port with this `device_owner` (`null` or empty: attached to nothing). */
export function portKindLabel(deviceOwner: string | null): PortKindLabel {
  const owner = (deviceOwner ?? "").trim();
  if (owner === "") return "unattached port";
  if (owner.startsWith("compute:")) return "ECS NIC";
  if (/^neutron:LOADBALANCER/i.test(owner)) return "ELB VIP";
  if (owner.startsWith("network:router_interface")) return "router interface";
  if (owner === "network:dhcp") return "DHCP port";
  if (owner.startsWith("network:")) return "VPC port";
  return "other";
}
