/**
 * The "one EIP per NIC" rules, as pure functions over a stack's resource list.
 *
 * Open Telekom Cloud binds at most one EIP to a NIC, and that EIP is either IPv4 or IPv6. A stack
 * can bind EIPs to ports through several providers; these functions find every binding they can
 * read, group them by port and report the ports that would get more than one. They do no I/O and
 * know nothing of the policy SDK's runtime, so tests call them with plain resource lists.
 */
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

function collectBindings(resources: readonly StackResource[]): Binding[] {
  const bindings: Binding[] = [];
  for (const resource of resources) {
    const binder = PORT_BINDERS.find((b) => b.type === resource.type);
    if (binder === undefined) continue;
    const read = readStrings(resource.props, binder.portPath);
    if (read.state !== "known") continue;
    for (const portId of read.values) bindings.push({ resource, binder, portId });
  }
  return bindings;
}

/**
 * The mandatory rule: every NIC (port) named by more than one EIP binding in the stack. Returns
 * one finding per binding involved, each naming the port and the other bindings, so every
 * offending resource is flagged. Bindings whose port is not known are left to
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
    if (bindings.length < 2) continue;
    for (const binding of bindings) {
      const others = bindings
        .filter((b) => b !== binding)
        .map((b) => describe(b.resource, b.binder.label))
        .join(", ");
      findings.push({
        urn: binding.resource.urn,
        message:
          `${describe(binding.resource, binding.binder.label)} binds an EIP to NIC (port) ` +
          `${portId}, and so does ${others}. Open Telekom Cloud allows one EIP per NIC, IPv4 or ` +
          `IPv6. Keep one of them on this port; give the other a second NIC (an IPv6 EIP for ` +
          `IPv6 clients on one NIC, an IPv4 EIP for outbound traffic on another) or a NAT gateway.`,
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
