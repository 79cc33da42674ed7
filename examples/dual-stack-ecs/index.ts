import * as openstack from "@pulumi/openstack";
import * as pulumi from "@pulumi/pulumi";
import { Ipv6Eip } from "pulumi-otc-ipv6-eip";

const config = new pulumi.Config();
const otc = new pulumi.Config("otc");

// OTC serves the OpenStack networking and compute APIs, so @pulumi/openstack manages the IPv4
// side. It reads the same otc:* settings (password authentication; it has no AK/SK support), and
// falls back to the OS_* environment for any left unset.
const cloud = new openstack.Provider("otc", {
  authUrl: otc.get("authUrl"),
  region: otc.get("region"),
  tenantId: otc.get("projectId"),
  tenantName: otc.get("projectName"),
  userName: otc.get("userName"),
  password: otc.getSecret("password"),
  userDomainName: otc.get("domainName"),
  projectDomainName: otc.get("projectId") === undefined ? otc.get("domainName") : undefined,
});

// A NIC holds one EIP, IPv4 or IPv6, and the ECS cannot send outbound traffic through an IPv6
// EIP (NAT64 works inbound only). So IPv6 clients come in on the first NIC, and outbound
// traffic leaves through an IPv4 EIP on a second NIC.
const inbound = new Ipv6Eip("inbound-v6", { portId: config.require("ipv6PortId") });

const outboundNic = new openstack.networking.Port(
  "outbound-nic",
  { networkId: config.require("outboundNetworkId") },
  { provider: cloud },
);
const attachment = new openstack.compute.InterfaceAttach(
  "outbound-nic",
  { instanceId: config.require("instanceId"), portId: outboundNic.id },
  { provider: cloud },
);
const outbound = new openstack.networking.FloatingIp(
  "outbound-v4",
  { pool: config.get("externalNetwork") ?? "admin_external_net", portId: outboundNic.id },
  { provider: cloud, dependsOn: [attachment] },
);

/** The IPv6 EIP that IPv6 clients connect to (first NIC). */
export const ipv6Address = inbound.floatingIpAddress;
/** The NAT64 IPv4 twin of the IPv6 EIP: inbound only, not usable for outbound traffic. */
export const ipv6Ipv4Twin = inbound.ipv4Address;
/** The IPv4 EIP the ECS uses for outbound traffic (second NIC). */
export const outboundIpv4Address = outbound.address;
/** The second NIC, whose EIP carries outbound traffic. */
export const outboundPortId = outboundNic.id;
