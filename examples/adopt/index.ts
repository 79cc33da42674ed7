import * as pulumi from "@pulumi/pulumi";
import { Ipv6Eip } from "pulumi-otc-ipv6-eip";

const config = new pulumi.Config();

// `pulumi import` does not work for dynamic resources, so the resource adopts the EIP when it is
// created instead. adoptId counts only at create: changing it later changes nothing.
const eip = new Ipv6Eip(
  "existing",
  {
    adoptId: config.require("eipId"),
    // Where the EIP is bound (or should be). Left out, the desired state would be an unbound EIP.
    portId: config.require("portId"),
  },
  {
    // Without retainOnDelete, `pulumi destroy` deletes the adopted EIP like one Pulumi created.
    retainOnDelete: config.getBoolean("retain") ?? true,
  },
);

/** The adopted IPv6 EIP. */
export const ipv6Address = eip.floatingIpAddress;
/** Its NAT64 IPv4 address. */
export const ipv4Address = eip.ipv4Address;
/** The NIC it is bound to. */
export const boundPortId = eip.portId;
/** `ACTIVE` once bound. */
export const status = eip.status;
