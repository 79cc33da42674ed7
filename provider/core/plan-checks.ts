/**
 * The check failures of plans that `up` could not carry out, or only by doing damage: a port that
 * is missing or cannot hold an EIP, a network that is not the external one, a region change that
 * keeps a regional NIC. Pure: the lifecycle asks OTC, these say what the answers mean.
 */
import type { InputFailure } from "./errors";
import { isUnknown } from "./unknown-value";

/** Where the provider looked: the region and project of the calls. */
export interface LookedIn {
  region: string;
  projectId: string | null;
}

/** What a port of `GET /v2.0/ports/{id}` showed (the client's `PortInfo` fits). */
export interface PortFacts {
  id: string;
  deviceOwner: string | null;
}

const FIND_THE_NIC =
  "Use the NIC ID of an ECS in this project and region (ECS console → the server → NICs → NIC ID; " +
  "or `openstack port list --server <ecs>`), or the VIP port id of an ELB (ELB console → the load " +
  "balancer → VIP port; `vip_port_id`).";

/** A replacement gives a new address: what a user must know before a plan deletes the old one. */
export const NEW_ADDRESS_NOTE =
  "A replacement releases the EIP for good and creates one with a new IPv6 address and a new " +
  "IPv4 twin (update DNS records and allow-lists that hold the old ones).";

/** `portId` names no port in this project and region (Neutron's `PortNotFound`). */
export function describeMissingPort(portId: string, where: LookedIn): InputFailure {
  return {
    property: "portId",
    reason:
      `Port "${portId}" does not exist in project ${where.projectId ?? "?"}, region ${where.region} ` +
      "(OTC answered PortNotFound): a typo, a port of another project or region, or a port " +
      `deleted meanwhile. ${FIND_THE_NIC}`,
  };
}

/** `portId` is a port that cannot hold an EIP (a router interface, DHCP, or no device at all). */
export function describeUnusablePort(port: PortFacts, where: LookedIn): InputFailure {
  const owner = port.deviceOwner === null ? "no device" : `device_owner ${port.deviceOwner}`;
  return {
    property: "portId",
    reason:
      `Port "${port.id}" in project ${where.projectId ?? "?"}, region ${where.region} is not an ` +
      `ECS NIC or ELB VIP port (${owner}): OTC binds EIPs only to ECS NICs (compute:*) and ELB ` +
      `VIPs (neutron:LOADBALANCERV2), so up would fail with VPC.0508. ${FIND_THE_NIC}`,
  };
}

/**
 * `floatingNetworkId` is not the region's external network: missing (`found` false) or internal.
 *
 * @param externalId the external network's id, when the look-up found it (the fix to offer)
 */
export function describeNotExternalNetwork(
  networkId: string,
  found: boolean,
  externalId: string | null,
  where: LookedIn,
): InputFailure {
  const what = found
    ? "is not an external network (router:external is false)"
    : "does not exist (OTC answered NetworkNotFound)";
  const fix = externalId
    ? `Use the external network's id "${externalId}"`
    : "Use the external network's id (GET /v2.0/networks?router:external=True)";
  return {
    property: "floatingNetworkId",
    reason:
      `Network "${networkId}" in project ${where.projectId ?? "?"}, region ${where.region} ${what}; ` +
      `OTC takes EIPs only from the region's fixed external network. ${fix}, or leave ` +
      "floatingNetworkId out to look it up.",
  };
}

/** A change of `region` that keeps `portId`: ports are regional, the new EIP could not bind. */
export function describeRegionChangeOnSameNic(
  oldRegion: string,
  newRegion: string,
  portId: string,
): InputFailure {
  return {
    property: "region",
    reason:
      `region changes from ${oldRegion} to ${newRegion} while portId stays "${portId}": ports are ` +
      `regional, so a NIC of ${oldRegion} cannot hold an EIP of ${newRegion}, and the replacement ` +
      `would delete the old EIP before failing. ${NEW_ADDRESS_NOTE} Change region and portId ` +
      `together (portId: a NIC in ${newRegion}), or keep region ${oldRegion}.`,
  };
}

/** `project` changes while `portId` stays: ports belong to a project. */
export function describeProjectChangeOnSameNic(
  oldProject: string,
  newProject: string,
  portId: string,
): InputFailure {
  return {
    property: "project",
    reason:
      `project changes from "${oldProject}" to "${newProject}" while portId stays "${portId}": ` +
      `ports belong to a project, so a NIC of "${oldProject}" cannot hold an EIP of ` +
      `"${newProject}", and the replacement would delete the old EIP before failing. ` +
      `${NEW_ADDRESS_NOTE} Change project and portId together (portId: a NIC in ` +
      `"${newProject}"), or keep project "${oldProject}".`,
  };
}

/**
 * The refusal of a `project` change that keeps the NIC, from the old and new inputs alone, or
 * `undefined`. Only two given projects are compared: a project given for the first time may be the
 * one the EIP is in (`update` checks that).
 */
export function projectChangeOnSameNic(
  olds: Record<string, unknown> | undefined,
  news: Record<string, unknown>,
): InputFailure | undefined {
  const norm = (value: unknown): string | null =>
    typeof value === "string" && value !== "" && !isUnknown(value)
      ? /^[0-9a-f]{32}$/i.test(value)
        ? value.toLowerCase()
        : value
      : null;
  const before = norm(olds?.["project"]);
  const after = norm(news["project"]);
  const port = norm(news["portId"])?.toLowerCase() ?? null;
  const oldPort = norm(olds?.["portId"])?.toLowerCase() ?? null;
  if (before === null || after === null || before === after) return undefined;
  if (port === null || port !== oldPort) return undefined;
  return describeProjectChangeOnSameNic(before, after, port);
}
