/**
 * The OTC client: one function per API call, typed domain results, on top of the executor
 * (auth, retries, concurrency cap, timeouts) and undici. `getSharedClient` gives every resource in
 * a process the same client per endpoints, identity and project: one token, one pool, one cap.
 */
import { createHmac, randomBytes } from "node:crypto";
import type { Dispatcher } from "undici";
import { ConfigurationError, NotFoundError, OtcApiError } from "../core/errors";
import type { ApiCall } from "./api/api-call";
import { OtcAuthenticator } from "./auth/authenticator";
import { SharedFlight } from "./auth/shared-flight";
import { systemClock, type Clock } from "./transport/clock";
import { ConcurrencyLimiter } from "./transport/concurrency-limiter";
import { createDispatchers } from "./transport/create-dispatcher";
import {
  createRedactor,
  DebugLog,
  stderrLogger,
  type Logger,
  type Redactor,
} from "./transport/debug-log";
import { toFloatingIp } from "./api/map-floating-ip";
import { toNetworkInfo, toPortInfo } from "./api/map-port-and-network";
import { percentEncode } from "./auth/percent-encode";
import { describeProxyFor } from "./settings/proxy-settings";
import { endpointsForRegion } from "./settings/region-endpoints";
import { waitExpiredError } from "./transport/executor-errors";
import { RequestCounter } from "./transport/request-counter";
import { RequestExecutor } from "./transport/request-executor";
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from "./transport/retry-policy";
import type { HttpAnswer } from "./transport/send-once";
import { ThrottleRegistry, type ThrottleOptions } from "./transport/throttle-registry";
import type { Credentials, ResolvedSettings } from "./settings/settings";
import { headerValue } from "./transport/answer-headers";
import type {
  CallOptions,
  EipQuota,
  CreateOptions,
  FloatingIp,
  Ipv6FloatingIpFilter,
  ListOptions,
  NetworkInfo,
  OtcClient,
  PortInfo,
} from "./types";
import type { WireFloatingIpList, WireLink, WireNetworkList } from "./api/wire-types";

/** Options of {@link createOtcClient}; every one has a default. */
export interface OtcClientOptions {
  /**
   * The undici dispatcher for every call (default: a keep-alive pool for reads and one whose
   * connections never idle long for mutations, with the configured CA and proxy).
   */
  dispatcher?: Dispatcher;
  /** The time source (default: the system clock). */
  clock?: Clock;
  /** Random numbers in [0, 1) for the backoff jitter (default `Math.random`). */
  random?: () => number;
  /** Retry bounds; unset fields keep {@link DEFAULT_RETRY_POLICY}. */
  retry?: Partial<RetryPolicy>;
  /** Requests in flight at once, client-wide (default 32). */
  maxConcurrentRequests?: number;
  /**
   * OTC's throttling: the adaptive send rate after the first 429 and the retry quota, both on by
   * default and shared per endpoint and project (see {@link ThrottleOptions}).
   */
  throttle?: ThrottleOptions;
  /** Timeout of one HTTP exchange, connect to last body byte (default 30 000 ms). */
  requestTimeoutMs?: number;
  /** Renew a password token this long before it expires (default 10 minutes). */
  tokenRefreshAheadMs?: number;
  /** Where debug lines go (default: standard error). */
  logger?: Logger;
  /** Write debug lines (default: `settings.debug`, i.e. `OTC_DEBUG=1` or `OS_DEBUG=1`). */
  debug?: boolean;
  /** Scope to this project instead of the configured one (an existing resource's project). */
  projectId?: string;
  /** Told the project id once a client scoped by project name learns it. */
  onProjectKnown?: (projectId: string) => void;
}

/**
 * Default client-wide cap on requests in flight. Pulumi runs 4 × CPUs resource operations at once
 * by default, and a new resource's check makes two concurrent lists, so 32 covers a 4-core
 * machine without queueing while still bounding a larger `--parallel`.
 */
export const DEFAULT_MAX_CONCURRENT_REQUESTS = 32;
/** Default timeout of one HTTP exchange. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;
/** Default renewal margin of a password token. */
export const DEFAULT_TOKEN_REFRESH_AHEAD_MS = 10 * 60_000;
/** Most pages a listing follows before it stops (a safety bound against a looping marker). */
const MAX_PAGES = 1000;

const IPV6_PATH = "/v2.0/eip/floatingips_v6";
const IPV4_PATH = "/v2.0/floatingips";

/** External network ids found, per VPC endpoint and project, for the life of the process. */
const externalNetworks = new Map<string, string>();
/** The external network look-ups under way, per the same key (one for every caller at a time). */
const networkLookUps = new Map<string, SharedFlight<string>>();

/**
 * The debug log of `settings`: on with `OTC_DEBUG`/`OS_DEBUG` (or `enabled`), its lines scrubbed
 * of the settings' credentials and proxy URLs. Shared by the client and the CLI's own probes.
 */
export function debugLogFor(
  settings: ResolvedSettings,
  enabled: boolean = settings.debug,
  logger: Logger = stderrLogger,
): DebugLog {
  return new DebugLog(enabled, logger, redactorFor(settings));
}

function redactorFor(settings: ResolvedSettings): Redactor {
  return createRedactor([
    ...secretsOf(settings.credentials),
    ...[settings.proxy.httpProxy, settings.proxy.httpsProxy].flatMap((p) =>
      p ? [p.reveal()] : [],
    ),
  ]);
}

function secretsOf(credentials: Credentials): string[] {
  switch (credentials.kind) {
    case "token":
      return [credentials.token.reveal()];
    case "aksk":
      return [
        credentials.accessKey.reveal(),
        credentials.secretKey.reveal(),
        ...(credentials.securityToken ? [credentials.securityToken.reveal()] : []),
      ];
    case "password":
      return [credentials.password.reveal()];
  }
}

function parseAnswer(answer: HttpAnswer, method: string, path: string): Record<string, unknown> {
  try {
    const v = JSON.parse(answer.body) as unknown;
    if (typeof v === "object" && v !== null && !Array.isArray(v))
      return v as Record<string, unknown>;
  } catch {
    // reported below
  }
  throw new OtcApiError(
    { method, path, status: answer.status, retryable: false },
    "OTC answered with a body that is not the expected JSON object: check that otc:vpcEndpoint is the VPC endpoint of the region.",
  );
}

function one(answer: HttpAnswer, method: string, path: string): FloatingIp {
  return mapItem(parseAnswer(answer, method, path).floatingip, answer, path, method);
}

function mapItem(wire: unknown, answer: HttpAnswer, path: string, method = "GET"): FloatingIp {
  try {
    return toFloatingIp(wire);
  } catch (e) {
    throw new OtcApiError(
      { method, path, status: answer.status, retryable: false },
      `OTC's answer is unusable (${(e as Error).message}): check that otc:vpcEndpoint is the VPC endpoint.`,
    );
  }
}

/**
 * True when an error is Neutron's own "this object does not exist" answer: a 404 whose body names
 * the Neutron type (`PortNotFound`, `NetworkNotFound`). A gateway's 404 for an API it does not
 * publish, or a proxy's page, proves nothing about the object.
 */
function isNeutronNotFound(error: unknown, type: string): boolean {
  if (!(error instanceof OtcApiError) || error.status !== 404) return false;
  return error.otcCode === type || (error.otcMessage ?? "").includes(type);
}

/** One Neutron object of a GET answer (`port`, `network`), mapped, or an error naming the call. */
function mapObject<T>(answer: HttpAnswer, path: string, key: string, map: (wire: unknown) => T): T {
  try {
    return map(parseAnswer(answer, "GET", path)[key]);
  } catch (e) {
    if (e instanceof OtcApiError) throw e;
    throw new OtcApiError(
      { method: "GET", path, status: answer.status, retryable: false },
      `OTC's answer is unusable (${(e as Error).message}): check that otc:vpcEndpoint is the VPC endpoint.`,
    );
  }
}

/** The `floatingIp` entry of a quota answer `{"quotas": {"resources": [...]}}`, or `null`. */
function toEipQuota(body: Record<string, unknown>, status: number, path: string): EipQuota | null {
  const quotas = body["quotas"];
  const resources =
    typeof quotas === "object" && quotas !== null
      ? (quotas as Record<string, unknown>)["resources"]
      : undefined;
  if (!Array.isArray(resources)) {
    throw new OtcApiError(
      { method: "GET", path, status, retryable: false },
      "OTC's quota answer has no quotas.resources list: check that the VPC endpoint is right.",
    );
  }
  for (const item of resources as unknown[]) {
    if (typeof item !== "object" || item === null) continue;
    const r = item as Record<string, unknown>;
    if (
      r["type"] === "floatingIp" &&
      typeof r["used"] === "number" &&
      typeof r["quota"] === "number"
    ) {
      return { used: r["used"], quota: r["quota"] };
    }
  }
  return null;
}

/**
 * The marker of the next page: the `next` link's, or — since the IPv6 pages document no paging
 * links beyond a `previous` one — the last item's id when a page asked for with `limit` came back
 * exactly full. Without a `limit` (or when the server ignored it), the answer is the whole list.
 */
function nextMarker(
  links: WireLink[] | undefined,
  page: readonly { id?: unknown }[],
  pageSize: number | undefined,
): string | undefined {
  const next = links?.find((l) => l.rel === "next" && typeof l.href === "string");
  if (next?.href) {
    // The documented link may point at another path: only its marker is used.
    try {
      const marker = new URL(next.href, "http://placeholder").searchParams.get("marker");
      if (marker) return marker;
    } catch {
      // fall through to the page's own last id
    }
  }
  if (pageSize === undefined || page.length !== pageSize) return undefined;
  const last = page[page.length - 1]?.id;
  return typeof last === "string" && last !== "" ? last : undefined;
}

const FILTER_KEYS: readonly (readonly [keyof Ipv6FloatingIpFilter, string])[] = [
  ["id", "id"],
  ["floatingIpAddress", "floating_ip_address"],
  ["floatingNetworkId", "floating_network_id"],
  ["routerId", "router_id"],
  ["portId", "port_id"],
  ["fixedIpAddress", "fixed_ip_address"],
  ["tenantId", "tenant_id"],
  ["projectId", "project_id"],
];

class DefaultOtcClient implements OtcClient {
  readonly region: string;
  readonly vpcEndpoint: string;
  private readonly executor: RequestExecutor;
  private readonly auth: OtcAuthenticator;
  private readonly counter = new RequestCounter();
  private readonly dispatcher: Dispatcher;
  private readonly mutationDispatcher: Dispatcher;
  private readonly ownsDispatcher: boolean;
  private readonly vpc: string;
  private readonly networkKey: string;
  private readonly clock: Clock;
  /** Set by the shared cache so that `close` also drops the client from it. */
  onClose: (() => void) | undefined;

  /**
   * @param throttles where the endpoints' send rates and retry quotas live (the process-wide
   *   registry for shared clients; one of the client's own otherwise)
   */
  constructor(
    settings: ResolvedSettings,
    options: OtcClientOptions,
    throttles: (clock: Clock) => ThrottleRegistry = (clock) => new ThrottleRegistry(clock),
  ) {
    this.region = settings.region;
    this.vpc = settings.vpcEndpoint;
    this.vpcEndpoint = settings.vpcEndpoint;
    this.ownsDispatcher = options.dispatcher === undefined;
    const own = options.dispatcher === undefined ? createDispatchers(settings) : undefined;
    this.dispatcher = options.dispatcher ?? own!.reads;
    this.mutationDispatcher = options.dispatcher ?? own!.mutations;
    const clock = options.clock ?? systemClock;
    this.clock = clock;
    const redact = redactorFor(settings);
    this.executor = new RequestExecutor({
      dispatcher: this.dispatcher,
      mutationDispatcher: this.mutationDispatcher,
      clock,
      random: options.random ?? Math.random,
      policy: { ...DEFAULT_RETRY_POLICY, ...options.retry },
      limiter: new ConcurrencyLimiter(
        options.maxConcurrentRequests ?? DEFAULT_MAX_CONCURRENT_REQUESTS,
      ),
      counter: this.counter,
      log: new DebugLog(options.debug ?? settings.debug, options.logger ?? stderrLogger, redact),
      redact,
      requestTimeoutMs: options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
      describeProxy: (url) => describeProxyFor(settings.proxy, url),
    });
    const projectId = options.projectId ?? settings.projectId;
    const registry = throttles(clock);
    // OTC throttles per project: the scope is the project, by id when known, else by name.
    const scope = projectId ?? settings.projectName ?? "";
    this.executor.options.throttleFor = (baseUrl) =>
      registry.get(baseUrl, scope, options.throttle ?? {});
    this.auth = new OtcAuthenticator({
      settings,
      projectId,
      projectName: settings.projectName,
      executor: this.executor,
      clock,
      refreshAheadMs: options.tokenRefreshAheadMs ?? DEFAULT_TOKEN_REFRESH_AHEAD_MS,
      redact,
      ...(options.onProjectKnown ? { onProjectKnown: options.onProjectKnown } : {}),
    });
    this.executor.options.authenticator = this.auth;
    this.networkKey = `${settings.vpcEndpoint} ${projectId ?? settings.projectName ?? ""}`;
  }

  projectId(options?: CallOptions): Promise<string> {
    return this.auth.projectId(options?.deadline);
  }

  private call(
    partial: Omit<ApiCall, "baseUrl" | "auth" | "idempotent"> & { idempotent?: boolean },
    options: CallOptions | undefined,
  ): Promise<HttpAnswer> {
    return this.executor.execute({
      baseUrl: this.vpc,
      auth: "project",
      idempotent: partial.method !== "POST",
      ...partial,
      ...(options?.deadline !== undefined ? { deadline: options.deadline } : {}),
      ...(options?.signal ? { signal: options.signal } : {}),
    });
  }

  private async listAll(
    path: string,
    query: [string, string][],
    options: ListOptions | undefined,
    portId?: string,
  ): Promise<FloatingIp[]> {
    const items: FloatingIp[] = [];
    const seen = new Set<string>();
    const ids = new Set<string>();
    let marker: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const q: [string, string][] = [...query];
      if (options?.pageSize !== undefined) q.push(["limit", String(options.pageSize)]);
      if (marker !== undefined) q.push(["marker", marker]);
      const answer = await this.call(
        { method: "GET", path, query: q, okStatuses: [200], ...(portId ? { portId } : {}) },
        options,
      );
      const body = parseAnswer(answer, "GET", path) as Partial<WireFloatingIpList>;
      if (!Array.isArray(body.floatingips)) {
        throw new OtcApiError(
          { method: "GET", path, status: answer.status, retryable: false },
          "OTC's answer has no floatingips list: check that otc:vpcEndpoint is the VPC endpoint.",
        );
      }
      const before = items.length;
      for (const w of body.floatingips) {
        const item = mapItem(w, answer, path);
        // A server that ignores `limit` and `marker` answers the whole list again: keep one of each.
        if (!ids.has(item.id)) items.push(item);
        ids.add(item.id);
      }
      options?.onPage?.(items.length);
      const date = Date.parse(headerValue(answer.headers, "date") ?? "");
      if (!Number.isNaN(date)) options?.onServerDate?.(date);
      marker = nextMarker(body.floatingips_links, body.floatingips, options?.pageSize);
      if (marker === undefined || items.length === before || seen.has(marker)) return items;
      seen.add(marker);
    }
    return items;
  }

  listIpv6FloatingIps(filter?: Ipv6FloatingIpFilter, options?: ListOptions): Promise<FloatingIp[]> {
    const query: [string, string][] = [];
    for (const [key, wire] of FILTER_KEYS) {
      const v = filter?.[key];
      if (v !== undefined) query.push([wire, v]);
    }
    return this.listAll(IPV6_PATH, query, options, filter?.portId);
  }

  async getIpv6FloatingIp(id: string, options?: CallOptions): Promise<FloatingIp> {
    const path = `${IPV6_PATH}/${percentEncode(id)}`;
    return one(await this.call({ method: "GET", path, okStatuses: [200] }, options), "GET", path);
  }

  async createIpv6FloatingIp(
    request: { floatingNetworkId: string; portId?: string | null },
    options?: CreateOptions,
  ): Promise<FloatingIp> {
    const portId = request.portId ?? undefined;
    const answer = await this.call(
      {
        method: "POST",
        path: IPV6_PATH,
        body: {
          floatingip: {
            floating_network_id: request.floatingNetworkId,
            ...(portId !== undefined ? { port_id: portId } : {}),
          },
        },
        okStatuses: [200, 201],
        ...(portId !== undefined ? { portId } : {}),
        unknownOutcomeAdvice:
          `The IPv6 EIP may have been created: look for it (GET ${IPV6_PATH}` +
          `${portId !== undefined ? `?port_id=${portId}` : ""}) before creating another.`,
        ...(options?.lookBeforeResend ? { lookBeforeResend: options.lookBeforeResend } : {}),
      },
      options,
    );
    return one(answer, "POST", IPV6_PATH);
  }

  async updateIpv6FloatingIpPort(
    id: string,
    portId: string | null,
    options?: CallOptions,
  ): Promise<FloatingIp> {
    const path = `${IPV6_PATH}/${percentEncode(id)}`;
    const answer = await this.call(
      {
        method: "PUT",
        path,
        body: { floatingip: { port_id: portId } },
        okStatuses: [200, 201, 202],
        ...(portId !== null ? { portId } : {}),
      },
      options,
    );
    return one(answer, "PUT", path);
  }

  async deleteIpv6FloatingIp(id: string, options?: CallOptions): Promise<void> {
    const path = `${IPV6_PATH}/${percentEncode(id)}`;
    await this.call({ method: "DELETE", path, okStatuses: [200, 202, 204] }, options);
  }

  listIpv4FloatingIpsOnPort(portId: string, options?: CallOptions): Promise<FloatingIp[]> {
    return this.listAll(IPV4_PATH, [["port_id", portId]], options, portId);
  }

  async getPort(id: string, options?: CallOptions): Promise<PortInfo | null> {
    const path = `/v2.0/ports/${percentEncode(id)}`;
    try {
      const answer = await this.call(
        { method: "GET", path, okStatuses: [200], portId: id },
        options,
      );
      return mapObject(answer, path, "port", toPortInfo);
    } catch (error) {
      if (isNeutronNotFound(error, "PortNotFound")) return null;
      throw error;
    }
  }

  async getEipQuota(options?: CallOptions): Promise<EipQuota | null> {
    const project = await this.projectId(options);
    const path = `/v1/${percentEncode(project)}/quotas`;
    const answer = await this.call(
      { method: "GET", path, query: [["type", "floatingIp"]], okStatuses: [200] },
      options,
    );
    return toEipQuota(parseAnswer(answer, "GET", path), answer.status, path);
  }

  async getNetwork(id: string, options?: CallOptions): Promise<NetworkInfo | null> {
    const path = `/v2.0/networks/${percentEncode(id)}`;
    try {
      const answer = await this.call({ method: "GET", path, okStatuses: [200] }, options);
      return mapObject(answer, path, "network", toNetworkInfo);
    } catch (error) {
      if (isNeutronNotFound(error, "NetworkNotFound")) return null;
      throw error;
    }
  }

  async findExternalNetworkId(options?: CallOptions): Promise<string> {
    const key = this.networkKey;
    const known = externalNetworks.get(key);
    if (known !== undefined) return known;
    let flight = networkLookUps.get(key);
    if (!flight) {
      flight = new SharedFlight<string>(this.clock);
      networkLookUps.set(key, flight);
    }
    // A caller that joins another's look-up waits no longer than its own deadline.
    const since = this.clock.now();
    const id = await flight.run(
      options?.deadline,
      (deadline) => this.lookUpExternalNetwork(deadline === undefined ? {} : { deadline }),
      () =>
        waitExpiredError(
          "GET /v2.0/networks (the external network look-up)",
          undefined,
          this.clock.now() - since,
        ),
    );
    externalNetworks.set(key, id);
    return id;
  }

  private async lookUpExternalNetwork(options?: CallOptions): Promise<string> {
    const path = "/v2.0/networks";
    for (const query of [[["name", "admin_external_net"]], [["router:external", "True"]]] as [
      string,
      string,
    ][][]) {
      const answer = await this.call({ method: "GET", path, query, okStatuses: [200] }, options);
      const body = parseAnswer(answer, "GET", path) as Partial<WireNetworkList>;
      const id = body.networks?.find((n) => typeof n.id === "string" && n.id !== "")?.id;
      if (id) return id;
    }
    throw new NotFoundError(
      { method: "GET", path, status: 200, retryable: false },
      "No external network is visible in this project (neither admin_external_net nor router:external=True): check the region and project, or give the floating network id explicitly.",
    );
  }

  requestCounts(): Record<string, number> {
    return this.counter.snapshot();
  }

  /** See {@link sendVpcCall}. */
  sendVpc(call: VpcCall, options?: CallOptions): Promise<HttpAnswer> {
    return this.call(
      {
        method: call.method,
        path: call.path,
        okStatuses: call.acceptStatuses,
        ...(call.query ? { query: call.query } : {}),
        ...(call.body !== undefined ? { body: call.body } : {}),
        ...(call.portId !== undefined ? { portId: call.portId } : {}),
      },
      options,
    );
  }

  async close(): Promise<void> {
    this.onClose?.();
    if (this.ownsDispatcher) {
      await Promise.all([this.dispatcher.close(), this.mutationDispatcher.close()]);
    }
  }
}

/** Creates a client for `settings`. Prefer {@link getSharedClient} in the provider. */
export function createOtcClient(
  settings: ResolvedSettings,
  options: OtcClientOptions = {},
): OtcClient {
  return new DefaultOtcClient(settings, options);
}

/** Fingerprints already computed, per credentials object (computed once, not on every call). */
const fingerprints = new WeakMap<Credentials, string>();

function fingerprint(credentials: Credentials): string {
  let known = fingerprints.get(credentials);
  if (known === undefined) {
    known = computeFingerprint(credentials);
    fingerprints.set(credentials, known);
  }
  return known;
}

function computeFingerprint(credentials: Credentials): string {
  const parts: string[] = [credentials.kind];
  switch (credentials.kind) {
    case "token":
      parts.push(credentials.token.reveal());
      break;
    case "aksk":
      parts.push(
        credentials.accessKey.reveal(),
        credentials.secretKey.reveal(),
        credentials.securityToken?.reveal() ?? "",
      );
      break;
    case "password":
      parts.push(credentials.userName, credentials.domainName, credentials.password.reveal());
      break;
  }
  return createHmac("sha256", sharedState().fingerprintKey).update(parts.join("\0")).digest("hex");
}

/**
 * The settings with a region and/or project override applied: a region override brings that
 * region's endpoints unless endpoints were configured explicitly.
 * @throws ConfigurationError for an unknown region without explicit endpoints
 */
export function applyOverrides(
  settings: ResolvedSettings,
  overrides: { region?: string; projectId?: string },
): ResolvedSettings {
  const region = overrides.region;
  if (region === undefined || region === settings.region) return settings;
  const known = endpointsForRegion(region);
  if (!known && (!settings.vpcEndpointExplicit || !settings.authUrlExplicit)) {
    throw new ConfigurationError([
      {
        key: settings.vpcEndpointExplicit ? "otc:authUrl" : "otc:vpcEndpoint",
        reason: `region ${JSON.stringify(region)} has no known endpoints (known: eu-de, eu-nl, eu-ch2); set otc:vpcEndpoint and otc:authUrl explicitly.`,
      },
    ]);
  }
  const copy = {
    ...settings,
    region,
    vpcEndpoint: settings.vpcEndpointExplicit || !known ? settings.vpcEndpoint : known.vpc,
    authUrl: settings.authUrlExplicit || !known ? settings.authUrl : known.iam,
    warnings: known?.warning ? [...settings.warnings, known.warning] : [...settings.warnings],
  };
  Object.defineProperty(copy, "credentials", { value: settings.credentials, enumerable: false });
  Object.defineProperty(copy, "proxy", { value: settings.proxy, enumerable: false });
  return Object.freeze(copy);
}

/** The process-wide cache, kept on `globalThis` so that two loaded copies of this module share it. */
interface SharedState {
  clients: Map<string, OtcClient>;
  options: Omit<OtcClientOptions, "projectId">;
  /** A per-process key for identity fingerprints that reveal nothing about the identity. */
  fingerprintKey: Buffer;
  /** The endpoints' send rates and retry quotas, per clock (one in production: the system's). */
  throttles: WeakMap<Clock, ThrottleRegistry>;
}

const SHARED_KEY = Symbol.for("pulumi-otc-ipv6-eip:shared-clients");

function sharedState(): SharedState {
  const holder = globalThis as unknown as Record<symbol, SharedState | undefined>;
  holder[SHARED_KEY] ??= {
    clients: new Map(),
    options: {},
    fingerprintKey: randomBytes(32),
    throttles: new WeakMap(),
  };
  return holder[SHARED_KEY];
}

/** The process-wide registry of send rates and retry quotas for `clock`. */
function sharedThrottles(clock: Clock): ThrottleRegistry {
  const state = sharedState();
  // A copy of this module from before the throttling state existed may have made the holder.
  const throttles = (state.throttles ??= new WeakMap());
  let registry = throttles.get(clock);
  if (!registry) {
    registry = new ThrottleRegistry(clock);
    throttles.set(clock, registry);
  }
  return registry;
}

/**
 * Sets the options of shared clients created from now on (retry bounds, concurrency cap,
 * timeouts, throttling, logger, dispatcher). Clients already created keep theirs.
 */
export function setSharedClientOptions(options: Omit<OtcClientOptions, "projectId">): void {
  sharedState().options = { ...options };
}

/**
 * The process-wide client for these settings: all callers with the same endpoints, identity and
 * project share one client (one token, one connection pool, one request cap).
 *
 * @param overrides `region`: use that region (and its endpoints unless configured explicitly);
 *   `projectId`: scope to that project (an existing resource's recorded project)
 */
export function getSharedClient(
  settings: ResolvedSettings,
  overrides: { region?: string; projectId?: string } = {},
): OtcClient {
  const effective = applyOverrides(settings, overrides);
  const projectId = overrides.projectId ?? effective.projectId;
  const keyFor = (project: string | undefined) =>
    JSON.stringify([
      effective.region,
      effective.vpcEndpoint,
      effective.authUrl ?? "",
      fingerprint(effective.credentials),
      project ?? "",
      project === undefined ? (effective.projectName ?? "") : "",
      effective.signingFormat,
      effective.caCert ?? "",
      effective.debug,
    ]);
  const key = keyFor(projectId);
  const { clients: shared, options: sharedOptions } = sharedState();
  const existing = shared.get(key);
  if (existing) return existing;
  const aliases: string[] = [];
  // A client scoped by project name also serves calls scoped by that project's id (an existing
  // resource's recorded project), so that one run needs one token, not one per scope.
  const onProjectKnown =
    projectId === undefined
      ? (id: string) => {
          const alias = keyFor(id);
          if (!shared.has(alias)) {
            shared.set(alias, client);
            aliases.push(alias);
          }
        }
      : undefined;
  const client = new DefaultOtcClient(
    effective,
    {
      ...sharedOptions,
      ...(projectId !== undefined ? { projectId } : {}),
      ...(onProjectKnown ? { onProjectKnown } : {}),
    },
    sharedThrottles,
  );
  client.onClose = () => {
    for (const k of [key, ...aliases]) if (shared.get(k) === client) shared.delete(k);
  };
  shared.set(key, client);
  return client;
}

/** Closes and forgets every shared client and the endpoints' throttling state (tests, shutdown). */
export async function closeSharedClients(): Promise<void> {
  sharedState().throttles = new WeakMap();
  const shared = sharedState().clients;
  const all = [...new Set(shared.values())];
  shared.clear();
  await Promise.all(all.map((c) => c.close()));
}

/** One call to the VPC endpoint as {@link sendVpcCall} sends it. */
export interface VpcCall {
  method: "GET" | "POST" | "PUT" | "DELETE";
  /** Path below the VPC endpoint, already percent-encoded, starting with `/`. */
  path: string;
  /** Query pairs, unencoded. */
  query?: readonly (readonly [string, string])[];
  /** JSON body. */
  body?: unknown;
  /** The statuses returned as answers; any other status throws the client's usual error. */
  acceptStatuses: readonly number[];
  /** The port the call concerns (for error messages). */
  portId?: string;
}

/**
 * Sends one call to the VPC endpoint through a client made by {@link createOtcClient} — its
 * authentication, retries (a POST is never resent blindly), request cap and debug log — and
 * returns OTC's answer as it came (status, headers, body text) when its status is one of
 * `acceptStatuses`. For tools that must see the wire itself, such as the acceptance run, which
 * compares OTC's answers with what the emulator assumes.
 *
 * @throws Error when `client` was not made by this module
 */
export function sendVpcCall(
  client: OtcClient,
  call: VpcCall,
  options?: CallOptions,
): Promise<HttpAnswer> {
  if (!(client instanceof DefaultOtcClient)) {
    throw new Error("sendVpcCall needs a client made by createOtcClient or getSharedClient.");
  }
  return client.sendVpc(call, options);
}
