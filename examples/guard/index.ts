import * as pulumi from "@pulumi/pulumi";
import { Ipv6Eip } from "pulumi-otc-ipv6-eip";

const config = new pulumi.Config();
const portId = config.require("portId");

// OTC binds one EIP per NIC. The second resource names the same NIC, so the program stops with
// an error naming both resources and the NIC: `pulumi preview` fails and nothing is created.
const first = new Ipv6Eip("first", { portId });
const second = new Ipv6Eip("second", { portId });

/** Never reached: the preview fails. */
export const addresses = [first.floatingIpAddress, second.floatingIpAddress];
