/**
 * The emulated project: NIC ports, the external network, IPv4 and IPv6 EIPs, and OTC's rules on
 * them. No HTTP here: operations return either the EIP as the response must show it or an OTC error
 * code, and the routes give those codes their wire shape.
 */
import { createAddressPool, ipv6EipFor } from "./address-pool";
import type { AddressPool } from "./address-pool";
import type { Clock } from "./clock";
import { formatWireTime } from "./format-time";
import type { Random } from "./random";
import type { FloatingIpWire, Port, PortKind } from "./types";

/** The address family of an EIP: the IPv6 API (`floatingips_v6`) or the Neutron IPv4 API. */
export type Family = "ipv4" | "ipv6";

/** OTC error codes the EIP rules produce. */
export type EipErrorCode =
  | "VPC.0501"
  | "VPC.0504"
  | "VPC.0508"
  | "VPC.0509"
  | "VPC.0510"
  | "VPC.0511"
  | "VPC.0512"
  | "VPC.0517"
  | "VPC.0521"
  | "VPC.0532";

/** A refused operation. */
export interface EipFailure {
  error: EipErrorCode;
  message: string;
}

/** Result of an operation: the EIP as the response shows it, or a failure. */
export type EipResult = { eip: FloatingIpWire } | EipFailure;

interface StoredEip {
  family: Family;
  id: string;
  address: string;
  ipv4: string;
  status: FloatingIpWire["status"];
  portId: string | null;
  createdAt: number;
  updatedAt: number;
  /** A bind/unbind in progress: the status it reaches and when. */
  pending?: { status: FloatingIpWire["status"]; at: number };
}

/** Settings of the emulated project. */
export interface CloudStateOptions {
  random: Random;
  clock: Clock;
  projectId: string;
  /** Overrides the generated external network id. */
  externalNetworkId?: string;
  quota: number;
  bindDelayMs: number;
  addressPoolSize: number;
}

/** Neutron's `device_owner` of each port kind. */
const DEVICE_OWNERS: Record<PortKind, string> = {
  ecs: "compute:eu-de-01",
  elb: "neutron:LOADBALANCERV2",
  "router-interface": "network:router_interface_distributed",
  dhcp: "network:dhcp",
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True for a UUID in the 8-4-4-4-12 hex form. */
export function isUuid(value: unknown): value is string {
  return typeof value === "string" && UUID.test(value);
}

/** The emulated project's resources and OTC's rules on them. */
export class CloudState {
  /** The external network (`admin_external_net`). */
  readonly externalNetworkId: string;
  /** The router a bound EIP reports as `router_id`. */
  readonly routerId: string;
  /** The project's private network (not external), so that network filters matter. */
  readonly privateNetworkId: string;
  private readonly ports = new Map<string, Port>();
  private readonly eips = new Map<string, StoredEip>();
  private readonly pool: AddressPool;
  // Host numbers per kind, so that the kinds' private addresses never overlap.
  private readonly fixedIpCounters: Record<PortKind, number> = {
    ecs: 10,
    elb: 200,
    "router-interface": 0,
    dhcp: 5,
  };

  constructor(private readonly options: CloudStateOptions) {
    const generatedNetworkId = options.random.uuid();
    this.externalNetworkId = options.externalNetworkId ?? generatedNetworkId;
    this.routerId = options.random.uuid();
    this.privateNetworkId = options.random.uuid();
    this.pool = createAddressPool(options.random, options.addressPoolSize);
  }

  /** Adds a port with the next free private IPv4 of its kind. */
  addPort(kind: PortKind = "ecs"): Port {
    const host = this.fixedIpCounters[kind]++;
    const port: Port = {
      id: this.options.random.uuid(),
      fixedIp: `192.168.${kind === "elb" ? 100 + Math.floor(host / 250) : Math.floor(host / 250)}.${(host % 250) + 1}`,
      kind,
      deviceOwner: DEVICE_OWNERS[kind],
      networkId: this.privateNetworkId,
    };
    this.ports.set(port.id, port);
    return { ...port };
  }

  /** Every port, in creation order. */
  listPorts(): Port[] {
    return [...this.ports.values()].map((p) => ({ ...p }));
  }

  /** One port, or `undefined`. */
  getPort(id: string): Port | undefined {
    const port = this.ports.get(id);
    return port && { ...port };
  }

  /** Every EIP of a family as a GET shows it now, sorted by id (Neutron's default order). */
  list(family: Family): FloatingIpWire[] {
    return [...this.eips.values()]
      .filter((e) => e.family === family)
      .map((e) => this.render(this.settle(e)))
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  /** One EIP as a GET shows it now. */
  get(family: Family, id: string): EipResult {
    const found = this.find(family, id);
    return "error" in found ? found : { eip: this.render(this.settle(found)) };
  }

  /**
   * Creates an EIP, bound to `portId` when given. The response shows `DOWN` even with a port, as the
   * documented example does; the bind completes after the bind delay (`ERROR` when `failBind`).
   */
  create(family: Family, portId: string | null, failBind = false): EipResult {
    if (this.eips.size >= this.options.quota) {
      return fail(
        "VPC.0521",
        `EIP quota exceeded: the project may hold ${this.options.quota} EIPs (IPv4 and IPv6 together) and holds ${this.eips.size}. Release an EIP or ask for a higher quota.`,
      );
    }
    if (portId !== null) {
      const refused = this.checkPortFree(portId, undefined);
      if (refused) return refused;
    }
    const ipv4 = this.pool.allocate();
    if (ipv4 === undefined) {
      return fail("VPC.0532", "No more public IP addresses are available on the external network.");
    }
    const now = this.options.clock.now();
    const eip: StoredEip = {
      family,
      id: this.options.random.uuid(),
      address: family === "ipv6" ? ipv6EipFor(ipv4) : ipv4,
      ipv4,
      status: "DOWN",
      portId,
      createdAt: now,
      updatedAt: now,
    };
    if (portId !== null)
      eip.pending = { status: failBind ? "ERROR" : "ACTIVE", at: this.completion() };
    this.eips.set(eip.id, eip);
    return { eip: this.render(eip) };
  }

  /**
   * Binds (`portId`) or unbinds (`null`) an EIP. Rebinding to the port it holds succeeds unchanged;
   * binding an EIP held elsewhere is refused (unbind first), as is binding an EIP in `ERROR`.
   */
  update(family: Family, id: string, portId: string | null, failBind = false): EipResult {
    const found = this.find(family, id);
    if ("error" in found) return found;
    const eip = this.settle(found);
    if (eip.pending) return busy(id);
    if (portId === null) {
      if (eip.portId === null) return { eip: this.render(eip) };
      const shown = this.render(eip);
      eip.portId = null;
      eip.updatedAt = this.options.clock.now();
      eip.pending = { status: "DOWN", at: this.completion() };
      return {
        eip: {
          ...shown,
          port_id: null,
          fixed_ip_address: null,
          router_id: null,
          updated_at: formatWireTime(eip.updatedAt),
        },
      };
    }
    if (eip.status === "ERROR") {
      return fail(
        "VPC.0510",
        `EIP ${id} is in ERROR; unbind it (port_id null) before binding it again.`,
      );
    }
    if (eip.portId === portId) return { eip: this.render(eip) };
    if (eip.portId !== null) {
      return fail(
        "VPC.0510",
        `EIP ${id} is already bound to port ${eip.portId}; unbind it (port_id null) before binding it to port ${portId}.`,
      );
    }
    const refused = this.checkPortFree(portId, id);
    if (refused) return refused;
    const shownStatus = eip.status;
    eip.portId = portId;
    eip.updatedAt = this.options.clock.now();
    eip.pending = { status: failBind ? "ERROR" : "ACTIVE", at: this.completion() };
    return { eip: { ...this.render(eip), status: shownStatus } };
  }

  /** Deletes an unbound EIP; a bound one is refused with `VPC.0517`. */
  delete(family: Family, id: string): EipFailure | undefined {
    const found = this.find(family, id);
    if ("error" in found) return found;
    const eip = this.settle(found);
    if (eip.pending) return busy(id);
    if (eip.portId !== null) {
      return fail(
        "VPC.0517",
        `EIP ${id} is bound to port ${eip.portId}; unbind it (port_id null) before deleting it.`,
      );
    }
    this.eips.delete(id);
    this.pool.release(eip.ipv4);
    return undefined;
  }

  /** Sets an EIP's status out of band (an EIP that turns `ERROR` on its own); false when unknown. */
  forceStatus(id: string, status: FloatingIpWire["status"]): boolean {
    const eip = this.eips.get(id.toLowerCase());
    if (!eip) return false;
    eip.status = status;
    eip.pending = undefined;
    eip.updatedAt = this.options.clock.now();
    return true;
  }

  /** The EIP quota and how much of it is used (both families count, as on OTC). */
  quotaUsage(): { used: number; quota: number } {
    return { used: this.eips.size, quota: this.options.quota };
  }

  /** Moves an EIP's creation (and update) time `seconds` into the past; false for an unknown id. */
  backdate(id: string, seconds: number): boolean {
    const eip = this.eips.get(id.toLowerCase());
    if (!eip) return false;
    eip.createdAt -= seconds * 1000;
    eip.updatedAt = Math.min(eip.updatedAt, eip.createdAt);
    return true;
  }

  private completion(): number {
    return this.options.clock.now() + this.options.bindDelayMs;
  }

  private find(family: Family, id: string): StoredEip | EipFailure {
    if (!isUuid(id))
      return fail("VPC.0501", `Invalid floating IP id ${JSON.stringify(id)}: expected a UUID.`);
    const eip = this.eips.get(id.toLowerCase());
    if (!eip || eip.family !== family) {
      return fail("VPC.0504", `Floating IP ${id} could not be found.`);
    }
    return eip;
  }

  /** Whether the port exists and holds no EIP of either family (decided by `port_id`, not status). */
  private checkPortFree(portId: string, exceptEipId: string | undefined): EipFailure | undefined {
    if (!isUuid(portId))
      return fail("VPC.0501", `Invalid port_id ${JSON.stringify(portId)}: expected a UUID.`);
    const port = this.ports.get(portId);
    if (!port) {
      return fail("VPC.0508", `Port ${portId} is invalid: no such NIC port in this project.`);
    }
    if (port.kind !== "ecs" && port.kind !== "elb") {
      return fail(
        "VPC.0508",
        `Port ${portId} is invalid: it is a ${port.deviceOwner} port, not an ECS NIC or ELB VIP.`,
      );
    }
    for (const other of this.eips.values()) {
      if (other.portId === portId && other.id !== exceptEipId) {
        return fail(
          "VPC.0511",
          `Port ${portId} already has an EIP bound (${other.family === "ipv6" ? "IPv6" : "IPv4"} EIP ${other.id}, ${other.address}); a NIC holds one EIP.`,
        );
      }
    }
    return undefined;
  }

  private settle(eip: StoredEip): StoredEip {
    if (eip.pending && this.options.clock.now() >= eip.pending.at) {
      eip.status = eip.pending.status;
      eip.pending = undefined;
    }
    return eip;
  }

  private render(eip: StoredEip): FloatingIpWire {
    const port = eip.portId === null ? undefined : this.ports.get(eip.portId);
    return {
      id: eip.id,
      status: eip.status,
      floating_ip_address: eip.address,
      floating_network_id: this.externalNetworkId,
      router_id: eip.portId === null ? null : this.routerId,
      port_id: eip.portId,
      fixed_ip_address: port ? port.fixedIp : null,
      tenant_id: this.options.projectId,
      project_id: this.options.projectId,
      created_at: formatWireTime(eip.createdAt),
      updated_at: formatWireTime(eip.updatedAt),
    };
  }
}

function fail(error: EipErrorCode, message: string): EipFailure {
  return { error, message };
}

function busy(id: string): EipFailure {
  return fail("VPC.0512", `EIP ${id} is busy (a bind or unbind is in progress); try again later.`);
}
