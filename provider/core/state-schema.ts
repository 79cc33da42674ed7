/**
 * The resource's state (its outputs), versioned.
 *
 * `diff` receives only the old outputs, so the outputs record every input as the user gave it,
 * plus what was looked up, plus a schema version: later versions of this package read state
 * written by earlier ones through {@link readState}, which accepts every version so far and
 * tolerates missing keys.
 */
import type { InputKey } from "./input-keys";
import { parseIpv6Eip } from "./nat64";
import type { PortKind } from "./port-kind";
import type { Ipv6EipSpec } from "./input-spec";
import { readSecretInputs, unwrapSecret } from "./secret-inputs";
import type { Ipv6EipTimeouts } from "./timeouts";
import { resolveTimeouts } from "./timeouts";

/** The version of the state layout this package writes. Increase it when the layout changes. */
export const STATE_SCHEMA_VERSION = 4;

/** The facts about an EIP that the state keeps (the OTC client's `FloatingIp` has them all). */
export interface EipFacts {
  id: string;
  status: string;
  floatingIpAddress: string;
  floatingNetworkId: string;
  routerId: string | null;
  portId: string | null;
  fixedIpAddress: string | null;
  projectId: string | null;
  tenantId: string | null;
  createdAt: string | null;
  updatedAt: string | null;
}

/** Every input exactly as the user gave it; `null` = not given. */
export interface RecordedInputs {
  portId: string | null;
  floatingNetworkId: string | null;
  region: string | null;
  /** The project input (an id, lower case, or a name). Since schema version 4. */
  project: string | null;
  /** The connection input (a stack-config namespace). Since schema version 4. */
  connection: string | null;
  adoptId: string | null;
  timeouts: Partial<Ipv6EipTimeouts> | null;
  suppressWarnings: boolean | null;
  /**
   * The names of the inputs that were Pulumi secrets (empty when none, or when older state has no
   * list): their recorded values, and the outputs of the same name, are stored as secrets.
   */
  secretInputs: InputKey[];
}

/** The outputs of an `Ipv6Eip`: plain JSON, `null` where unknown, never `undefined`. */
export interface Ipv6EipState {
  /** The IPv6 EIP in canonical (RFC 5952) form. */
  floatingIpAddress: string;
  /** The NAT64 IPv4 twin (the last 32 bits), or `null` if OTC sent an address that cannot be one. */
  ipv4Address: string | null;
  /** The NIC the EIP is bound to now, or `null`. */
  portId: string | null;
  /**
   * What that port is: `ecs` (an ECS NIC) or `elb` (an ELB VIP); `null` when unbound, or when the
   * port could not be read. Since schema version 2.
   */
  portKind: PortKind | null;
  /** `ACTIVE`, `DOWN` or `ERROR`. */
  status: string;
  /** The NIC's private IPv4, or `null`. */
  fixedIpAddress: string | null;
  /** The external network the EIP belongs to. */
  floatingNetworkId: string;
  /** The router, or `null`. */
  routerId: string | null;
  /** The project that owns the EIP; every later call uses it. */
  projectId: string | null;
  /** That project's name, when the calls named it (`project` or `otc:projectName`). Since schema 4. */
  projectName: string | null;
  /** The region of the EIP; every later call uses it, whatever `otc:region` says then. */
  region: string;
  /**
   * The VPC endpoint the EIP was reached through; later calls refuse to go anywhere else. `null`
   * only when unknown. Since schema version 3.
   */
  vpcEndpoint: string | null;
  /** Creation time as OTC reports it, or `null`. */
  createdAt: string | null;
  /** Last update time as OTC reports it, or `null`. */
  updatedAt: string | null;
  /** The inputs as given (so `diff`, which sees only outputs, can compare). */
  recordedInputs: RecordedInputs;
  /** What the provider looked up because the input was left out. */
  lookedUp: { floatingNetworkId: boolean; region: boolean };
  /** {@link STATE_SCHEMA_VERSION} at the time of writing. */
  stateSchemaVersion: number;
}

/** Where the EIP lives: the region and project the calls went to, and through which endpoint. */
export interface EipLocation {
  region: string;
  projectId: string | null;
  /** The VPC endpoint of the calls, when known. */
  vpcEndpoint?: string | null;
  /** The project's name, when the calls named it. */
  projectName?: string | null;
}

/** The inputs as recorded from a spec. */
export function recordInputs(spec: Ipv6EipSpec): RecordedInputs {
  return {
    portId: spec.portId,
    floatingNetworkId: spec.floatingNetworkId,
    region: spec.region,
    project: spec.projectInput,
    connection: spec.connection,
    adoptId: spec.adoptId,
    timeouts: spec.givenTimeouts,
    suppressWarnings: spec.suppressWarnings,
    secretInputs: [...spec.secretInputs],
  };
}

/**
 * Builds the outputs from what OTC reported and what the user asked for.
 *
 * @param eip the EIP as last read
 * @param recorded the inputs as given
 * @param location the region and project the EIP was created or found in
 * @param portKind what the EIP's port is, when known (ignored for an unbound EIP)
 */
export function buildState(
  eip: EipFacts,
  recorded: RecordedInputs,
  location: EipLocation,
  portKind: PortKind | null = null,
): Ipv6EipState {
  let floatingIpAddress = eip.floatingIpAddress;
  let ipv4Address: string | null = null;
  try {
    const parsed = parseIpv6Eip(eip.floatingIpAddress, "floatingIpAddress");
    floatingIpAddress = parsed.canonical;
    ipv4Address = parsed.ipv4;
  } catch {
    // An address OTC sent that is not a usable IPv6 EIP must not fail a create after the EIP
    // exists: keep it as sent and leave the twin unknown.
  }
  return {
    floatingIpAddress,
    ipv4Address,
    portId: eip.portId ?? null,
    portKind: eip.portId ? portKind : null,
    status: eip.status,
    fixedIpAddress: eip.fixedIpAddress ?? null,
    floatingNetworkId: eip.floatingNetworkId,
    routerId: eip.routerId ?? null,
    projectId: eip.projectId ?? eip.tenantId ?? location.projectId ?? null,
    projectName: location.projectName ?? null,
    region: location.region,
    vpcEndpoint: location.vpcEndpoint ?? null,
    createdAt: eip.createdAt ?? null,
    updatedAt: eip.updatedAt ?? null,
    recordedInputs: {
      portId: recorded.portId,
      floatingNetworkId: recorded.floatingNetworkId,
      region: recorded.region,
      project: recorded.project,
      connection: recorded.connection,
      adoptId: recorded.adoptId,
      timeouts: recorded.timeouts ? { ...recorded.timeouts } : null,
      suppressWarnings: recorded.suppressWarnings,
      secretInputs: [...recorded.secretInputs],
    },
    lookedUp: {
      floatingNetworkId: recorded.floatingNetworkId === null,
      region: recorded.region === null,
    },
    stateSchemaVersion: STATE_SCHEMA_VERSION,
  };
}

/** What the lifecycle needs from stored state, read tolerantly from any schema version. */
export interface StoredState {
  /** The region recorded, or `null` when the state has none (then the provider's region is used). */
  region: string | null;
  /** The project recorded, or `null`. */
  projectId: string | null;
  /** The project's name recorded, or `null` (schema 3 and earlier, or a project named by id). */
  projectName: string | null;
  /**
   * The VPC endpoint recorded, or `null` when the state has none (schema 2 and earlier: later calls
   * then go where the configuration points, as they did when it was written).
   */
  vpcEndpoint: string | null;
  /** The NIC the EIP was bound to at the last read, or `null`. */
  portId: string | null;
  /** What that port is, when recorded (schema 2 and later), else `null`. */
  portKind: PortKind | null;
  /** The EIP's status at the last read (`ACTIVE`, `DOWN`, `ERROR`), or `null`. */
  status: string | null;
  /** The IPv6 address recorded, or `null`. */
  floatingIpAddress: string | null;
  /** Its IPv4 twin recorded, or `null`. */
  ipv4Address: string | null;
  /** The EIP's external network, or `null`. */
  floatingNetworkId: string | null;
  /** The inputs as given then. */
  recordedInputs: RecordedInputs;
  /** The timeouts then in force (defaults filled in). */
  timeouts: Ipv6EipTimeouts;
  /** The schema version found (0 when the state has none). */
  stateSchemaVersion: number;
}

function str(raw: unknown): string | null {
  const value = unwrapSecret(raw);
  return typeof value === "string" && value.length > 0 ? value : null;
}

/**
 * Reads old outputs of any schema version. Unknown or missing keys become `null`; it never throws,
 * because `delete` and `refresh` of old resources must keep working after an upgrade.
 */
export function readState(outputs: Record<string, unknown> | undefined | null): StoredState {
  const o = outputs ?? {};
  const rawRecorded = o["recordedInputs"];
  const r =
    typeof rawRecorded === "object" && rawRecorded !== null
      ? (rawRecorded as Record<string, unknown>)
      : {};
  const rawTimeouts = unwrapSecret(r["timeouts"]);
  const timeouts =
    typeof rawTimeouts === "object" && rawTimeouts !== null
      ? (Object.fromEntries(
          Object.entries(rawTimeouts).filter(([, v]) => typeof v === "number"),
        ) as Partial<Ipv6EipTimeouts>)
      : null;
  const suppress = unwrapSecret(r["suppressWarnings"]);
  const version = o["stateSchemaVersion"];
  return {
    region: str(o["region"]),
    projectId: str(o["projectId"]),
    projectName: str(o["projectName"]),
    vpcEndpoint: str(o["vpcEndpoint"]),
    portId: str(o["portId"])?.toLowerCase() ?? null,
    portKind: o["portKind"] === "ecs" || o["portKind"] === "elb" ? o["portKind"] : null,
    status: str(o["status"]),
    floatingIpAddress: str(o["floatingIpAddress"]),
    ipv4Address: str(o["ipv4Address"]),
    floatingNetworkId: str(o["floatingNetworkId"])?.toLowerCase() ?? null,
    recordedInputs: {
      portId: str(r["portId"]),
      floatingNetworkId: str(r["floatingNetworkId"]),
      region: str(r["region"]),
      project: str(r["project"]),
      connection: str(r["connection"]),
      adoptId: str(r["adoptId"]),
      timeouts,
      suppressWarnings: typeof suppress === "boolean" ? suppress : null,
      secretInputs: readSecretInputs(r["secretInputs"]) ?? [],
    },
    timeouts: resolveTimeouts(timeouts),
    stateSchemaVersion: typeof version === "number" ? version : 0,
  };
}
