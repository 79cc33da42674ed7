/**
 * The OTC client's domain types (camelCase) and its public interface. Wire types (snake_case) live
 * in `wire-types.ts`; nothing here imports `@pulumi/pulumi`.
 */
import type { OutcomeUnknownError } from "../core/errors";

/** An EIP's status as OTC reports it: `DOWN` = not bound, `ACTIVE` = bound, `ERROR` = abnormal. */
export type FloatingIpStatus = "ACTIVE" | "DOWN" | "ERROR" | (string & {});

/** An IPv6 or IPv4 floating IP (EIP), as the VPC API describes it. */
export interface FloatingIp {
  /** The EIP's id (a UUID). */
  id: string;
  /** `ACTIVE`, `DOWN` or `ERROR` (or another value OTC may add). */
  status: FloatingIpStatus;
  /** The public address: IPv6 for `floatingips_v6`, IPv4 for `floatingips`. As OTC sent it. */
  floatingIpAddress: string;
  /** The external network the EIP comes from. */
  floatingNetworkId: string;
  /** The router, or `null`. */
  routerId: string | null;
  /** The NIC port it is bound to, or `null` when unbound. */
  portId: string | null;
  /** The port's private IPv4, or `null`. */
  fixedIpAddress: string | null;
  /** The owning project (`tenant_id`). */
  tenantId: string | null;
  /** The owning project (`project_id`). */
  projectId: string | null;
  /** Creation time, `yyyy-MM-ddTHH:mm:ss` without a zone (UTC), or `null`. */
  createdAt: string | null;
  /** Last update time, same format, or `null`. */
  updatedAt: string | null;
}

/** Filters of `GET /v2.0/eip/floatingips_v6` (all optional, combined with AND). */
export interface Ipv6FloatingIpFilter {
  id?: string;
  floatingIpAddress?: string;
  floatingNetworkId?: string;
  routerId?: string;
  portId?: string;
  fixedIpAddress?: string;
  tenantId?: string;
  projectId?: string;
}

/** A Neutron port, as far as the provider needs it (`GET /v2.0/ports/{id}`). */
export interface PortInfo {
  /** The port id. */
  id: string;
  /**
   * What the port belongs to: `compute:<az>` for an ECS NIC, `neutron:LOADBALANCERV2` for an ELB
   * VIP, `network:…` for the VPC's own ports (router interface, DHCP); `null` when not shown.
   */
  deviceOwner: string | null;
  /** The network the port is on, or `null`. */
  networkId: string | null;
  /** The project that owns the port, or `null`. */
  projectId: string | null;
}

/** A Neutron network, as far as the provider needs it (`GET /v2.0/networks/{id}`). */
export interface NetworkInfo {
  /** The network id. */
  id: string;
  /** Its name, or `null`. */
  name: string | null;
  /** `router:external`: true for the region's external network, the only one EIPs come from. */
  external: boolean;
}

/** The project's EIP quota (`GET /v1/{project_id}/quotas?type=floatingIp`); both families count. */
export interface EipQuota {
  /** EIPs the project holds now. */
  used: number;
  /** EIPs it may hold. */
  quota: number;
}

/** Per-call options. */
export interface CallOptions {
  /** Absolute deadline (epoch milliseconds) for the whole call including retries. */
  deadline?: number;
  /** Aborts the call. */
  signal?: AbortSignal;
}

/** Options of a create. */
export interface CreateOptions extends CallOptions {
  /**
   * For a bound create: after an unknown outcome (a reset, a timeout, a 5xx), the create is resent
   * within the same attempts and time budget as any call — each time only when this look (at the
   * NIC) answers `true`. Without it, an unknown outcome ends the create (`OutcomeUnknownError`).
   */
  lookBeforeResend?: (unknown: OutcomeUnknownError) => Promise<boolean>;
}

/** Options of a listing call. */
export interface ListOptions extends CallOptions {
  /** Page size sent as `limit`; every page is fetched and concatenated. */
  pageSize?: number;
  /** Called after each page with the number of items so far (for progress output). */
  onPage?: (itemsSoFar: number) => void;
  /** Called with the server's clock (epoch ms) from each page's `Date` header, when it has one. */
  onServerDate?: (serverMs: number) => void;
}

/**
 * One authenticated connection to one OTC project in one region. Safe to share between any number
 * of concurrent callers: one token (single-flight), one connection pool, one request cap.
 */
export interface OtcClient {
  /** The region this client talks to. */
  readonly region: string;
  /** The VPC endpoint this client talks to (base URL, no trailing slash). */
  readonly vpcEndpoint: string;
  /** The project id (resolved through IAM when only a name was configured). */
  projectId(options?: CallOptions): Promise<string>;

  /** Lists IPv6 EIPs, following `floatingips_links` markers across every page. */
  listIpv6FloatingIps(filter?: Ipv6FloatingIpFilter, options?: ListOptions): Promise<FloatingIp[]>;
  /** Gets one IPv6 EIP; throws `NotFoundError` when it does not exist. */
  getIpv6FloatingIp(id: string, options?: CallOptions): Promise<FloatingIp>;
  /**
   * Creates an IPv6 EIP, bound to `portId` when given. Never resent blindly: an unknown outcome
   * throws `OutcomeUnknownError` unless `options.lookBeforeResend` allows a resend.
   */
  createIpv6FloatingIp(
    request: { floatingNetworkId: string; portId?: string | null },
    options?: CreateOptions,
  ): Promise<FloatingIp>;
  /** Binds (`portId`) or unbinds (`null`) an IPv6 EIP. Returns OTC's answer (binding is asynchronous). */
  updateIpv6FloatingIpPort(
    id: string,
    portId: string | null,
    options?: CallOptions,
  ): Promise<FloatingIp>;
  /** Deletes an IPv6 EIP; throws `NotFoundError` when it does not exist. */
  deleteIpv6FloatingIp(id: string, options?: CallOptions): Promise<void>;

  /** Lists the IPv4 EIPs bound to a NIC (`GET /v2.0/floatingips?port_id=`). */
  listIpv4FloatingIpsOnPort(portId: string, options?: CallOptions): Promise<FloatingIp[]>;

  /**
   * Gets one port; `null` only when OTC answered Neutron's `404 PortNotFound` (any other failure,
   * e.g. a gateway's 404 for a hidden API, throws).
   */
  getPort(id: string, options?: CallOptions): Promise<PortInfo | null>;
  /**
   * The project's EIP quota and its use; `null` when the answer lists no `floatingIp` resource.
   */
  getEipQuota(options?: CallOptions): Promise<EipQuota | null>;
  /** Gets one network; `null` only when OTC answered Neutron's `404 NetworkNotFound`. */
  getNetwork(id: string, options?: CallOptions): Promise<NetworkInfo | null>;

  /** The external network's id (`admin_external_net`, else `router:external=True`), cached per endpoint. */
  findExternalNetworkId(options?: CallOptions): Promise<string>;

  /** Requests made so far, keyed `METHOD /path-template` (ids replaced by `{id}`), plus `"token"` for IAM token requests. */
  requestCounts(): Record<string, number>;
  /** Closes the connection pool. */
  close(): Promise<void>;
}
