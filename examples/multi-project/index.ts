import * as pulumi from "@pulumi/pulumi";
import { Ipv6Eip, getIpv6EipOutput } from "pulumi-otc-ipv6-eip";

const config = new pulumi.Config();
const portOrNone = (key: string): string | undefined => config.get(key) || undefined;

// Another project of the account the stack's otc:* config signs in to: the same credentials,
// the calls scoped to that project. A port belongs to a project, so portId must be one of its NICs.
const teamB = new Ipv6Eip("team-b", {
  project: config.require("teamBProject"),
  portId: portOrNone("teamBPortId"),
});

// Another account: the stack-config namespace otc-prod:* holds a whole connection (region,
// endpoints, project, and its own credentials as secrets), read when the provider runs.
const prod = new Ipv6Eip("prod", {
  connection: "otc-prod",
  portId: portOrNone("prodPortId"),
});

// An EIP this stack does not manage (made by hand, or by another stack), read by its NAT64 IPv4
// in the stack's own project. `project` and `connection` pick another place, as above.
const shared = getIpv6EipOutput({ ipv4Address: config.require("sharedIpv4") });

/** The IPv6 EIP in the other project of the account. */
export const teamBAddress = teamB.floatingIpAddress;
/** The project it lives in (its id). */
export const teamBProjectId = teamB.projectId;
/** The IPv6 EIP in the otc-prod account. */
export const prodAddress = prod.floatingIpAddress;
/** The existing EIP that was looked up: its IPv6 address, id and the NIC it is bound to. */
export const sharedAddress = shared.floatingIpAddress;
export const sharedId = shared.id;
export const sharedPortId = shared.portId;
