import * as pulumi from "@pulumi/pulumi";
import { Ipv6Eip } from "pulumi-otc-ipv6-eip";

const config = new pulumi.Config();

// An ELB's VIP is a port like an ECS NIC, so the EIP binds to it the same way. OTC's FAQ says
// IPv6 clients can reach the EIP and the ELB service; the API reference says nothing more about
// IPv6 EIPs on load balancers (which ELB types, which listeners): try it in a test project first.
const eip = new Ipv6Eip("lb", { portId: config.require("vipPortId") });

/** The IPv6 EIP that IPv6 clients use to reach the load balancer. */
export const ipv6Address = eip.floatingIpAddress;
/** The NAT64 IPv4 address behind it. */
export const ipv4Address = eip.ipv4Address;
/** The VIP port the EIP is bound to. */
export const boundPortId = eip.portId;
