/**
 * The in-program guard: within one Pulumi program, each NIC may be claimed by one `Ipv6Eip`.
 *
 * Why a throw and not `pulumi.log.error`: an error log does not fail a preview (pulumi #5085);
 * an exception in the program does. The registry lives on `globalThis` under a global symbol so
 * that two loaded copies of this package (a program that bundles one and imports another) share it.
 */
import * as pulumi from "@pulumi/pulumi";
import { SecondEipOnNicError } from "../core/errors";

const REGISTRY = Symbol.for("pulumi-otc-ipv6-eip:nic-claims");

function claims(): Map<string, string> {
  const holder = globalThis as unknown as Record<symbol, Map<string, string> | undefined>;
  let map = holder[REGISTRY];
  if (!map) {
    map = new Map();
    holder[REGISTRY] = map;
  }
  return map;
}

/** Where a NIC is: the `project` and `region` inputs as given (absent: the connection's). */
export interface NicPlace {
  project?: string | null;
  region?: string | null;
}

/** A NIC's key: its project and region as given, then its port id (ids are per project). */
function nicKey(portId: string, place: NicPlace): string {
  const project = place.project ?? "";
  return JSON.stringify([
    /^[0-9a-f]{32}$/i.test(project) ? project.toLowerCase() : project,
    place.region ?? "",
    portId.toLowerCase(),
  ]);
}

/**
 * Records that `resourceName` binds `portId` (in `place`: the same port id in another project or
 * region is another NIC).
 *
 * @throws SecondEipOnNicError when another `Ipv6Eip` of this program already claimed that NIC
 */
export function claimNic(resourceName: string, portId: string, place: NicPlace = {}): void {
  const key = nicKey(portId, place);
  const map = claims();
  const holder = map.get(key);
  if (holder !== undefined && holder !== resourceName) {
    throw new SecondEipOnNicError(
      portId,
      `Ipv6Eip "${resourceName}" and Ipv6Eip "${holder}" both bind NIC "${portId}". OTC binds one ` +
        "EIP per NIC (IPv4 or IPv6), so the second bind would fail. Give each Ipv6Eip its own NIC " +
        "(e.g. a second NIC on the ECS), or remove one of them.",
    );
  }
  map.set(key, resourceName);
}

/** Forgets every claim (for tests that run several programs in one process). */
export function resetNicClaims(): void {
  claims().clear();
}

/**
 * Claims the NIC behind a `portId` input: at once for a plain string, or when an output resolves
 * while the program runs. The returned input carries the claim's failure, so a conflict fails the
 * resource's registration and thereby the program (also during preview).
 */
export function claimPortInput(
  resourceName: string,
  portId: pulumi.Input<string> | undefined,
  place: { project?: pulumi.Input<string>; region?: pulumi.Input<string> } = {},
): pulumi.Input<string> | undefined {
  if (portId === undefined || portId === null) return portId;
  const { project, region } = place;
  if (
    typeof portId === "string" &&
    (project === undefined || typeof project === "string") &&
    (region === undefined || typeof region === "string")
  ) {
    claimNic(resourceName, portId, { project, region });
    return portId;
  }
  return pulumi.all([portId, project, region]).apply(([value, p, r]) => {
    if (typeof value === "string" && value.length > 0) {
      claimNic(resourceName, value, { project: p ?? null, region: r ?? null });
    }
    return value;
  });
}
