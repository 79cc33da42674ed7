/**
 * The "one EIP per NIC" rules, as pure functions over a stack's resource list.
 *
 * Open Telekom Cloud binds at most one EIP to a NIC, and that EIP is either IPv4 or IPv6. A stack
 * can bind EIPs to ports through several providers; these functions find every binding they can
 * read, group them by port and report the ports that would get more than one. A port id names a
 * NIC within one project and region, so bindings the plan shows in different projects or regions
 * do not clash (see `scopes.ts`). They do no I/O and know nothing of the policy SDK's runtime, so
 * tests call them with plain resource lists.
 */
import type { BindingScope, ScopeValue } from "./scopes";
import { compareScopes, describeScope, projectValue, regionValue } from "./scopes";

/** The type token of this package's dynamic resource, `Ipv6Eip`. */
export const IPV6_EIP_TYPE = "pulumi-nodejs:dynamic/otc:Ipv6Eip";

/**
 * The sentinels Pulumi uses for values not known until apply (string, boolean, number, array,
 * asset, archive, object). The policy SDK hides them behind a proxy that throws on access; plain
 * resource lists (tests, other callers) carry them as strings.
 */
const UNKNOWN_SENTINELS: ReadonlySet<string> = new Set([
  "04da6b54-80e4-46f7-96ec-b56ff0331ba9",
  "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7",
  "3eeb2bf0-c639-47a8-9e75-3b44932eb421",
  "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2",
  "030794c1-ac77-496b-92df-f27374a8bd58",
  "e48ece36-62e2-4504-bad9-02848725956a",
  "dd056dcd-154b-4c76-9bd3-c8f88648b5ff",
]);

/** A resource as a stack policy sees it; `@pulumi/policy`'s `PolicyResource` fits this shape. */
export interface StackResource {
  /** The resource's type token, e.g. `openstack:networking/floatingIp:FloatingIp`. */
  readonly type: string;
  /** The resource's logical name. */
  readonly name: string;
  /** The resource's URN, used to attach a violation to it. */
  readonly urn: string;
  /** Its properties (inputs during preview); unknown values may throw on access. */
  readonly props: Record<string, unknown>;
  /** Its provider, when the policy SDK shows it (an explicit provider gives its own defaults). */
  readonly provider?: { readonly urn: string } | undefined;
}

/** A kind of resource that binds an EIP to a port it names. */
export interface PortBinder {
  /** The type token. */
  readonly type: string;
  /** How a user writes it in a program, for messages. */
  readonly label: string;
  /** The property path of the port id, e.g. `["publicip", "portId"]`. */
  readonly portPath: readonly string[];
}

/** A kind of resource that binds an EIP to an instance, leaving the NIC to the cloud. */
export interface InstanceBinder {
  /** The type token. */
  readonly type: string;
  /** How a user writes it in a program, for messages. */
  readonly label: string;
  /** The property path of the instance id. */
  readonly instancePath: readonly string[];
}

/**
 * Every resource type known to bind an EIP to a port. The OpenTelekomCloud tokens follow the
 * bridged package's `opentelekomcloud:index/<camelName>:<Name>` scheme.
 */
export const PORT_BINDERS: readonly PortBinder[] = [
  { type: IPV6_EIP_TYPE, label: "Ipv6Eip", portPath: ["portId"] },
  {
    type: "openstack:networking/floatingIp:FloatingIp",
    label: "openstack.networking.FloatingIp",
    portPath: ["portId"],
  },
  {
    type: "openstack:networking/floatingIpAssociate:FloatingIpAssociate",
    label: "openstack.networking.FloatingIpAssociate",
    portPath: ["portId"],
  },
  {
    type: "opentelekomcloud:index/networkingFloatingipV2:NetworkingFloatingipV2",
    label: "opentelekomcloud.NetworkingFloatingipV2",
    portPath: ["portId"],
  },
  {
    type: "opentelekomcloud:index/networkingFloatingipAssociateV2:NetworkingFloatingipAssociateV2",
    label: "opentelekomcloud.NetworkingFloatingipAssociateV2",
    portPath: ["portId"],
  },
  {
    type: "opentelekomcloud:index/vpcEipV1:VpcEipV1",
    label: "opentelekomcloud.VpcEipV1",
    portPath: ["publicip", "portId"],
  },
];

/** Resource types that bind an EIP by instance: the NIC it lands on is not in the plan. */
export const INSTANCE_BINDERS: readonly InstanceBinder[] = [
  {
    type: "opentelekomcloud:index/computeFloatingipAssociateV2:ComputeFloatingipAssociateV2",
    label: "opentelekomcloud.ComputeFloatingipAssociateV2",
    instancePath: ["instanceId"],
  },
  {
    type: "openstack:compute/floatingIpAssociate:FloatingIpAssociate",
    label: "openstack.compute.FloatingIpAssociate",
    instancePath: ["instanceId"],
  },
];

/** What a property read found: nothing, a value not known until apply, or known strings. */
export type PropertyRead =
  | { readonly state: "absent" }
  | { readonly state: "unknown" }
  | { readonly state: "known"; readonly values: readonly string[] };

/** A violation to report, attached to a resource when `urn` is set. */
export interface Finding {
  /** What is wrong, naming the resources, the NIC and what to do. */
  readonly message: string;
  /** The resource the finding belongs to. */
  readonly urn: string;
}

/** One resource's binding of an EIP to a known port. */
interface Binding {
  readonly resource: StackResource;
  readonly binder: PortBinder;
  readonly portId: string;
  readonly scope: BindingScope;
}

function isUnknownValue(value: unknown): boolean {
  return typeof value === "string" && UNKNOWN_SENTINELS.has(value);
}

/**
 * True for the error the policy SDK's proxy throws when a value is not known yet. The SDK does not
 * export its type, so it is recognised by the sentinel it carries.
 */
function isUnknownValueError(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  return isUnknownValue((error as { unknownTypeSentinel?: unknown }).unknownTypeSentinel);
}

/** Reads one property, noting whether its value is not known until apply. */
function readProperty(container: unknown, key: string): { unknown: boolean; value: unknown } {
  if (typeof container !== "object" || container === null) return { unknown: false, value: null };
  try {
    const value = (container as Record<string, unknown>)[key];
    return { unknown: isUnknownValue(value), value };
  } catch (error) {
    // The policy SDK's proxy throws instead of returning a value that is not known yet.
    if (isUnknownValueError(error)) return { unknown: true, value: null };
    throw error;
  }
}

/**
 * Reads the string(s) at `path` in `props`. An array on the way (a block the bridge did not
 * flatten, such as `publicip` in older OpenTelekomCloud versions) is read element by element.
 * Empty strings and non-strings count as absent; any unknown part makes the whole read unknown.
 */
export function readStrings(props: unknown, path: readonly string[]): PropertyRead {
  let current: unknown[] = [props];
  for (const key of path) {
    const next: unknown[] = [];
    for (const container of current) {
      const elements = Array.isArray(container) ? container : [container];
      for (const element of elements) {
        const read = readProperty(element, key);
        if (read.unknown) return { state: "unknown" };
        if (read.value !== undefined && read.value !== null) next.push(read.value);
      }
    }
    current = next;
  }
  const values: string[] = [];
  for (const value of current) {
    if (typeof value === "string" && value.trim() !== "") values.push(value);
  }
  return values.length === 0 ? { state: "absent" } : { state: "known", values };
}

/** Port ids are UUIDs: compare them without case or surrounding blanks. */
export function normalizePortId(portId: string): string {
  return portId.trim().toLowerCase();
}

function describe(resource: StackResource, label: string): string {
  return `${label} '${resource.name}'`;
}

/** The connection an `Ipv6Eip` uses when it names none: the stack's `otc:*` config. */
const DEFAULT_CONNECTION = "otc";

/** What the resource gives under `keys`: every known value, and whether any is unknown. */
function givenValues(
  props: unknown,
  keys: readonly string[],
): { values: string[]; unknown: boolean } {
  const values: string[] = [];
  let unknown = false;
  for (const key of keys) {
    const found = readStrings(props, [key]);
    if (found.state === "known") values.push(...found.values);
    if (found.state === "unknown") unknown = true;
  }
  return { values, unknown };
}

/** A value from what was given: known when anything is, else unknown, else the default. */
function scopeValue(
  given: { values: string[]; unknown: boolean },
  read: (values: string[]) => ScopeValue,
  fallback: ScopeValue,
): ScopeValue {
  if (given.values.length > 0) return read(given.values);
  return given.unknown ? { kind: "unknown" } : fallback;
}

/**
 * Where a binding's NIC lives. `Ipv6Eip`: its `projectId` and `projectName` outputs and its
 * `project` input, else the project of its `connection` (default `otc`); its `region`, else the
 * connection's. Other providers' resources: `tenantId` and `region`, else their provider's.
 */
export function readScope(resource: StackResource): BindingScope {
  let fallback: ScopeValue;
  let project: { values: string[]; unknown: boolean };
  if (resource.type === IPV6_EIP_TYPE) {
    const connection = readStrings(resource.props, ["connection"]);
    fallback =
      connection.state === "unknown"
        ? { kind: "unknown" }
        : {
            kind: "default",
            source: `connection ${connection.state === "known" ? connection.values[0]! : DEFAULT_CONNECTION}`,
          };
    // An output not known yet (a resource being created) is no news: the input decides.
    const outputs = givenValues(resource.props, ["projectId", "projectName"]);
    const input = givenValues(resource.props, ["project"]);
    project = { values: [...outputs.values, ...input.values], unknown: input.unknown };
  } else {
    const pkg = resource.type.split(":")[0] ?? resource.type;
    fallback = {
      kind: "default",
      source: resource.provider?.urn
        ? `provider ${resource.provider.urn}`
        : `the default ${pkg} provider`,
    };
    project = givenValues(resource.props, ["tenantId"]);
  }
  const region = givenValues(resource.props, ["region"]);
  return {
    project: scopeValue(project, projectValue, fallback),
    region: scopeValue(region, (values) => regionValue(values[0]!), fallback),
  };
}

function collectBindings(resources: readonly StackResource[]): Binding[] {
  const bindings: Binding[] = [];
  for (const resource of resources) {
    const binder = PORT_BINDERS.find((b) => b.type === resource.type);
    if (binder === undefined) continue;
    const read = readStrings(resource.props, binder.portPath);
    if (read.state !== "known") continue;
    const scope = readScope(resource);
    for (const portId of read.values) bindings.push({ resource, binder, portId, scope });
  }
  return bindings;
}

/** Why two bindings whose scopes the plan cannot tell apart are still held to one NIC. */
function undecidedNote(binding: Binding, undecided: readonly Binding[]): string {
  if (undecided.length === 0) return "";
  const theirs = undecided
    .map((b) => `${describe(b.resource, b.binder.label)}: ${describeScope(b.scope)}`)
    .join("; ");
  return (
    ` Whether they are in one project and region cannot be told from the plan ` +
    `(${describe(binding.resource, binding.binder.label)}: ${describeScope(binding.scope)}; ` +
    `${theirs}), so they are held to one NIC; if they are in different projects or regions, ` +
    `give each its project and region (Ipv6Eip: project and region; openstack and ` +
    `opentelekomcloud resources: tenantId and region) so the policy can tell them apart.`
  );
}

/**
 * The mandatory rule: every NIC (port) named by more than one EIP binding in the same project and
 * region. Returns one finding per binding involved, each naming the port and the other bindings,
 * so every offending resource is flagged. Bindings the plan shows in different projects or regions
 * do not clash; bindings it cannot tell apart (a project given on one, the connection's on the
 * other) are held to one NIC, saying so. Bindings whose port is not known are left to
 * {@link findUnjudgeableBindings}.
 */
export function findEipPerNicViolations(resources: readonly StackResource[]): Finding[] {
  const byPort = new Map<string, Binding[]>();
  for (const binding of collectBindings(resources)) {
    const key = normalizePortId(binding.portId);
    const list = byPort.get(key) ?? [];
    list.push(binding);
    byPort.set(key, list);
  }
  const findings: Finding[] = [];
  for (const [portId, bindings] of byPort) {
    for (const binding of bindings) {
      const clashing = bindings.filter(
        (b) => b !== binding && compareScopes(binding.scope, b.scope) !== "different",
      );
      if (clashing.length === 0) continue;
      const others = clashing.map((b) => describe(b.resource, b.binder.label)).join(", ");
      const undecided = clashing.filter((b) => compareScopes(binding.scope, b.scope) !== "same");
      findings.push({
        urn: binding.resource.urn,
        message:
          `${describe(binding.resource, binding.binder.label)} binds an EIP to NIC (port) ` +
          `${portId}, and so does ${others}. Open Telekom Cloud allows one EIP per NIC, IPv4 or ` +
          `IPv6. Keep one of them on this port; give the other a second NIC (an IPv6 EIP for ` +
          `IPv6 clients on one NIC, an IPv4 EIP for outbound traffic on another) or a NAT gateway.` +
          undecidedNote(binding, undecided),
      });
    }
  }
  return findings;
}

/**
 * The advisory rule: bindings this policy cannot judge from the plan. A port id that is not known
 * until apply (a port created in the same update), and bindings by instance, where the cloud
 * picks the NIC.
 */
export function findUnjudgeableBindings(resources: readonly StackResource[]): Finding[] {
  const findings: Finding[] = [];
  for (const resource of resources) {
    const binder = PORT_BINDERS.find((b) => b.type === resource.type);
    if (binder !== undefined) {
      if (readStrings(resource.props, binder.portPath).state === "unknown") {
        const guard =
          binder.type === IPV6_EIP_TYPE
            ? "Ipv6Eip checks the NIC again at `up`, before it binds"
            : `${binder.label} does not check the NIC before it binds`;
        findings.push({
          urn: resource.urn,
          message:
            `${describe(resource, binder.label)} binds an EIP to a port whose id ` +
            `(${binder.portPath.join(".")}) is not known until apply, so "one EIP per NIC" ` +
            `cannot be judged at preview; ${guard}. Make sure no other EIP is bound to that NIC.`,
        });
      }
      continue;
    }
    const byInstance = INSTANCE_BINDERS.find((b) => b.type === resource.type);
    if (byInstance === undefined) continue;
    const instance = readStrings(resource.props, byInstance.instancePath);
    const which =
      instance.state === "known"
        ? `instance ${instance.values.join(", ")}`
        : "an instance not known until apply";
    findings.push({
      urn: resource.urn,
      message:
        `${describe(resource, byInstance.label)} binds an EIP to ${which}, not to a port: the ` +
        `cloud picks the NIC, so "one EIP per NIC" cannot be judged from the plan. Bind by port ` +
        `instead (opentelekomcloud.NetworkingFloatingipAssociateV2 or ` +
        `openstack.networking.FloatingIpAssociate with portId).`,
    });
  }
  return findings;
}
