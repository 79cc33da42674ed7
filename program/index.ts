/**
 * The root Pulumi program (Pulumi.yaml `main: program/`): one IPv6 EIP on an ECS NIC, with its
 * NAT64 IPv4 twin exported. `npm run demo` plays it against the embedded emulator; with the Pulumi
 * CLI it runs against `npm run emulator` or a real OTC project. Settings come from stack config:
 * the OTC connection from `otc:*`, the NIC from `portId`.
 */
import * as pulumi from "@pulumi/pulumi";
import { Ipv6Eip } from "pulumi-otc-ipv6-eip";

const config = new pulumi.Config();
const portId = config.require("portId");
const floatingNetworkId = config.get("floatingNetworkId") || undefined;

const web = new Ipv6Eip("web-ipv6", { portId, floatingNetworkId });

if (config.getBoolean("addSecondEipOnSameNic")) {
  // One NIC holds one EIP: this second resource makes the program fail at preview.
  new Ipv6Eip("web-ipv6-second", { portId, floatingNetworkId, suppressWarnings: true });
}

/** The IPv6 EIP that IPv6 clients connect to. */
export const ipv6Address = web.floatingIpAddress;
/** The IPv4 EIP that OTC's NAT64 gateway pairs with it (the IPv6 address's last 32 bits). */
export const ipv4Address = web.ipv4Address;
/** The NIC the EIP is bound to. */
export const boundPort = web.portId;
