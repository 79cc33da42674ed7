/** An in-memory OtcClient for the CLI's unit tests: EIPs in an array, paging, typed errors. */
import type {
  CallOptions,
  FloatingIp,
  Ipv6FloatingIpFilter,
  ListOptions,
  OtcClient,
  PortInfo,
} from "../../provider/client/types";
import { NotFoundError } from "../../provider/core/errors";

/** A fake client plus the knobs tests turn. */
export interface FakeClient extends OtcClient {
  /** The IPv6 EIPs (mutable). */
  ipv6: FloatingIp[];
  /** The IPv4 EIPs (mutable). */
  ipv4: FloatingIp[];
  /** Calls by name. */
  calls: string[];
  /** Whether close() was called. */
  closed: boolean;
  /** Runs before each get, e.g. to bind an EIP between listing and release. */
  beforeGet?: (id: string) => void;
  /** Ids whose delete fails with this error. */
  deleteFailures: Map<string, Error>;
  /**
   * Ports by id with their `device_owner`. A port not listed here exists (as an ECS NIC) only when
   * an EIP is bound to it; any other id is unknown (`getPort` answers `null`).
   */
  ports: Map<string, string | null>;
}

let counter = 0;

/** An EIP with sensible defaults; `n` picks a distinct address and id. */
export function eip(n: number, over: Partial<FloatingIp> = {}): FloatingIp {
  const hex = n.toString(16).padStart(4, "0");
  return {
    id: `00000000-0000-4000-8000-${hex.padStart(12, "0")}`,
    status: over.portId ? "ACTIVE" : "DOWN",
    floatingIpAddress: `2001:db8:0:0:0:0:c013:${hex}`,
    floatingNetworkId: "0a2228f2-7f8a-45f1-8e09-9039e1d09975",
    routerId: null,
    portId: null,
    fixedIpAddress: over.portId ? "192.168.0.10" : null,
    tenantId: "0123456789abcdef0123456789abcdef",
    projectId: "0123456789abcdef0123456789abcdef",
    createdAt: "2026-11-01T10:00:00",
    updatedAt: "2026-11-01T10:00:00",
    ...over,
  };
}

function notFound(id: string): NotFoundError {
  return new NotFoundError(
    { method: "GET", path: `/v2.0/eip/floatingips_v6/${id}`, status: 404, retryable: false },
    "The EIP does not exist.",
  );
}

function matches(e: FloatingIp, filter: Ipv6FloatingIpFilter): boolean {
  return (
    (filter.id === undefined || e.id === filter.id) &&
    (filter.portId === undefined || e.portId === filter.portId) &&
    (filter.floatingIpAddress === undefined || e.floatingIpAddress === filter.floatingIpAddress)
  );
}

/** Builds a fake client over the given EIPs. */
export function createFakeClient(ipv6: FloatingIp[] = [], ipv4: FloatingIp[] = []): FakeClient {
  counter += 1;
  const client: FakeClient = {
    region: "eu-de",
    vpcEndpoint: "https://vpc.eu-de.otc.t-systems.com",
    ipv6,
    ipv4,
    calls: [],
    closed: false,
    deleteFailures: new Map(),
    ports: new Map(),
    projectId: async () => "0123456789abcdef0123456789abcdef",
    listIpv6FloatingIps: async (filter: Ipv6FloatingIpFilter = {}, options: ListOptions = {}) => {
      client.calls.push(`list ${JSON.stringify(filter)}`);
      const all = client.ipv6.filter((e) => matches(e, filter));
      const size = options.pageSize ?? 3;
      const out: FloatingIp[] = [];
      for (let i = 0; i < all.length || i === 0; i += size) {
        out.push(...all.slice(i, i + size).map((e) => ({ ...e })));
        options.onPage?.(out.length);
        if (i + size >= all.length) break;
      }
      return out;
    },
    getIpv6FloatingIp: async (id: string, _o?: CallOptions) => {
      client.calls.push(`get ${id}`);
      client.beforeGet?.(id);
      const found = client.ipv6.find((e) => e.id === id);
      if (!found) throw notFound(id);
      return { ...found };
    },
    createIpv6FloatingIp: async () => {
      throw new Error("not used by the CLI");
    },
    updateIpv6FloatingIpPort: async () => {
      throw new Error("not used by the CLI");
    },
    getPort: async (id: string): Promise<PortInfo | null> => {
      client.calls.push(`port ${id}`);
      const bound = [...client.ipv6, ...client.ipv4].some((e) => e.portId === id);
      if (!client.ports.has(id) && !bound) return null;
      const deviceOwner = client.ports.has(id)
        ? (client.ports.get(id) ?? null)
        : "compute:eu-de-01";
      return {
        id,
        deviceOwner,
        networkId: "f0e1d2c3-b4a5-4697-8879-6a5b4c3d2e1f",
        projectId: null,
      };
    },
    getEipQuota: async () => {
      throw new Error("not used by these commands");
    },
    getNetwork: async () => {
      throw new Error("not used by the CLI");
    },
    deleteIpv6FloatingIp: async (id: string) => {
      client.calls.push(`delete ${id}`);
      const failure = client.deleteFailures.get(id);
      if (failure) throw failure;
      const index = client.ipv6.findIndex((e) => e.id === id);
      if (index < 0) throw notFound(id);
      client.ipv6.splice(index, 1);
    },
    listIpv4FloatingIpsOnPort: async (portId: string) => {
      client.calls.push(`list4 ${portId}`);
      return client.ipv4.filter((e) => e.portId === portId).map((e) => ({ ...e }));
    },
    findExternalNetworkId: async () => "0a2228f2-7f8a-45f1-8e09-9039e1d09975",
    requestCounts: () => ({ fake: counter }),
    close: async () => {
      client.closed = true;
    },
  };
  return client;
}
