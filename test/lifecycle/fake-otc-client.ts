/**
 * An in-memory OtcClient for lifecycle unit tests: EIPs in a map, scripted statuses and failures.
 */
import type {
  CreateOptions,
  FloatingIp,
  NetworkInfo,
  OtcClient,
  PortInfo,
} from "../../provider/client/types";
import {
  FloatingIpNotFoundError,
  NicAlreadyHasEipError,
  OutcomeUnknownError,
  UnbindFirstError,
} from "../../provider/core/errors";

const target = (method: string, path: string) => ({ method, path, status: 404, retryable: false });

/** A fake client with hooks that tests set. */
export class FakeOtcClient implements OtcClient {
  readonly region = "eu-de";
  readonly vpcEndpoint = "https://vpc.eu-de.otc.t-systems.com";
  readonly eips = new Map<string, FloatingIp>();
  readonly calls: string[] = [];
  /** What a bind settles to (default ACTIVE); `"stay"` leaves it DOWN forever. */
  bindOutcome: "ACTIVE" | "ERROR" | "stay" = "ACTIVE";
  /** How many DELETEs answer "unbind first" before succeeding. */
  unbindFirstOnDelete = 0;
  /**
   * Outcomes of the next POSTs, consumed one per POST: `"lost"` = outcome unknown, nothing made;
   * `"made"` = outcome unknown, the EIP was made. Empty = the POST answers normally.
   */
  unknownCreates: ("lost" | "made")[] = [];
  /** Binds to these ports are refused with VPC.0511 (another actor took the NIC). */
  readonly takenPorts = new Set<string>();
  /** POSTs a create may make in all, as the real client's retry budget allows (default 8). */
  maxCreateAttempts = 8;
  /** Changes an EIP as it is made (e.g. to drop its `created_at`). */
  onCreated: ((eip: FloatingIp) => void) | undefined;
  /** The cloud's clock (epoch ms), for `created_at`. */
  now: () => number = () => Date.now();
  /** `device_owner` per port id; a port not listed is an ECS NIC, `null` = no such port. */
  readonly portOwners = new Map<string, string | null>();
  private next = 1;

  projectId(): Promise<string> {
    return Promise.resolve("6fd9b5fdb997425f97bc5ba1f0846084");
  }
  listIpv6FloatingIps(filter: { portId?: string; id?: string } = {}): Promise<FloatingIp[]> {
    this.calls.push("list6");
    return Promise.resolve(
      [...this.eips.values()].filter(
        (e) => (!filter.portId || e.portId === filter.portId) && (!filter.id || e.id === filter.id),
      ),
    );
  }
  getIpv6FloatingIp(id: string): Promise<FloatingIp> {
    this.calls.push("get");
    const eip = this.eips.get(id);
    if (!eip) return Promise.reject(new FloatingIpNotFoundError(target("GET", "/x"), "gone"));
    return Promise.resolve({ ...eip });
  }
  /**
   * Like the real client: an unknown outcome is resent, up to {@link maxCreateAttempts} POSTs,
   * only when the caller's look allows it.
   */
  async createIpv6FloatingIp(
    request: { floatingNetworkId: string; portId?: string | null },
    options?: CreateOptions,
  ): Promise<FloatingIp> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.createOnce(request);
      } catch (error) {
        const look = options?.lookBeforeResend;
        if (!(error instanceof OutcomeUnknownError) || !look || attempt >= this.maxCreateAttempts) {
          throw error;
        }
        if (!(await look(error))) throw error;
      }
    }
  }
  private createOnce(request: {
    floatingNetworkId: string;
    portId?: string | null;
  }): Promise<FloatingIp> {
    this.calls.push("create");
    const outcome = this.unknownCreates.shift();
    if (outcome === "lost") {
      return Promise.reject(new OutcomeUnknownError({ method: "POST", path: "/x" }, "reset"));
    }
    const id = `00000000-0000-4000-8000-${String(this.next++).padStart(12, "0")}`;
    const eip: FloatingIp = {
      id,
      status: "DOWN",
      floatingIpAddress: "cdcd:910a:2222:5498:8475:1111:c013:8096",
      floatingNetworkId: request.floatingNetworkId,
      routerId: null,
      portId: request.portId ?? null,
      fixedIpAddress: null,
      tenantId: null,
      projectId: null,
      createdAt: new Date(this.now()).toISOString().slice(0, 19),
      updatedAt: null,
    };
    this.onCreated?.(eip);
    this.eips.set(id, eip);
    if (outcome === "made") {
      if (eip.portId && this.bindOutcome !== "stay") eip.status = this.bindOutcome;
      return Promise.reject(new OutcomeUnknownError({ method: "POST", path: "/x" }, "reset"));
    }
    const answer = { ...eip };
    if (eip.portId && this.bindOutcome !== "stay") eip.status = this.bindOutcome;
    return Promise.resolve(answer);
  }
  updateIpv6FloatingIpPort(id: string, portId: string | null): Promise<FloatingIp> {
    this.calls.push(portId ? "bind" : "unbind");
    const eip = this.eips.get(id);
    if (!eip) return Promise.reject(new FloatingIpNotFoundError(target("PUT", "/x"), "gone"));
    if (portId !== null && this.takenPorts.has(portId)) {
      return Promise.reject(
        new NicAlreadyHasEipError(
          { method: "PUT", path: "/x", status: 409, retryable: false, otcCode: "VPC.0511" },
          `The NIC (port ${portId}) already holds an EIP.`,
          portId,
        ),
      );
    }
    const shownStatus = eip.status;
    eip.portId = portId;
    eip.status = portId && this.bindOutcome !== "stay" ? this.bindOutcome : "DOWN";
    // As OTC does: the answer shows the new port with the status from before the change.
    return Promise.resolve({ ...eip, status: shownStatus });
  }
  deleteIpv6FloatingIp(id: string): Promise<void> {
    this.calls.push("delete");
    if (this.unbindFirstOnDelete > 0) {
      this.unbindFirstOnDelete--;
      return Promise.reject(new UnbindFirstError(target("DELETE", "/x"), "unbind first"));
    }
    if (this.eips.get(id)?.portId) {
      return Promise.reject(new UnbindFirstError(target("DELETE", "/x"), "bound: unbind first"));
    }
    if (!this.eips.delete(id))
      return Promise.reject(new FloatingIpNotFoundError(target("DELETE", "/x"), "gone"));
    return Promise.resolve();
  }
  listIpv4FloatingIpsOnPort(): Promise<FloatingIp[]> {
    this.calls.push("list4");
    return Promise.resolve([]);
  }
  getPort(id: string): Promise<PortInfo | null> {
    this.calls.push("port");
    const owner = this.portOwners.has(id) ? this.portOwners.get(id) : "compute:eu-de-01";
    if (owner === null || owner === undefined) return Promise.resolve(null);
    return Promise.resolve({ id, deviceOwner: owner, networkId: null, projectId: null });
  }
  getEipQuota(): Promise<null> {
    return Promise.reject(new Error("not used by the lifecycle"));
  }

  getNetwork(id: string): Promise<NetworkInfo | null> {
    this.calls.push("network");
    const external = id === "5ce655fa-c911-4d2c-99f7-445bc1162ef8";
    return Promise.resolve({ id, name: external ? "admin_external_net" : "vpc", external });
  }
  findExternalNetworkId(): Promise<string> {
    return Promise.resolve("5ce655fa-c911-4d2c-99f7-445bc1162ef8");
  }
  requestCounts(): Record<string, number> {
    return {};
  }
  close(): Promise<void> {
    return Promise.resolve();
  }
}
