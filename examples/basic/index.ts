import * as pulumi from "@pulumi/pulumi";
import { Ipv6Eip } from "pulumi-otc-ipv6-eip";

const config = new pulumi.Config();

// The NIC of an existing ECS. OTC binds one EIP per NIC: if this NIC already holds an EIP, the
// preview says so and stops.
const eip = new Ipv6Eip("web", { portId: config.require("portId") });

/** The IPv6 EIP, in canonical form: what IPv6 clients connect to. */
export const ipv6Address = eip.floatingIpAddress;
/** Its last 32 bits: the IPv4 address the NAT64 gateway maps it to. */
export const ipv4Address = eip.ipv4Address;
/** The EIP's id, for the OTC API and `adoptId`. */
export const eipId = eip.id;
/** `ACTIVE` once bound. */
export const status = eip.status;
