/**
 * Public types of the OTC API emulator: its options, its handle, its faults and its introspection
 * records. The emulator is a second, independent implementation of the documented OTC contract; it
 * imports nothing from `provider/`.
 */
import type { AnswerStyle, AnswerStyleChoice } from "./answer-style";

export type { AnswerStyle, AnswerStyleChoice, AnswerStyleName } from "./answer-style";

/**
 * The kind of a port: an ECS network interface or an ELB's virtual IP port (both can hold an EIP),
 * or a router interface or DHCP port of the VPC (neither can: binding answers `VPC.0508`).
 */
export type PortKind = "ecs" | "elb" | "router-interface" | "dhcp";

/** Every {@link PortKind}, in the order they are documented. */
export const PORT_KINDS: readonly PortKind[] = ["ecs", "elb", "router-interface", "dhcp"];

/** A port the emulator knows (Neutron's `GET /v2.0/ports/{id}` shows it). */
export interface Port {
  /** The port id (a UUID). */
  id: string;
  /** The port's private IPv4 address (what OTC reports as `fixed_ip_address`). */
  fixedIp: string;
  /** `ecs` for an ECS NIC, `elb` for a load balancer's VIP port, or a VPC-internal port. */
  kind: PortKind;
  /**
   * Neutron's `device_owner`: `compute:eu-de-01` (ECS NIC), `neutron:LOADBALANCERV2` (ELB VIP),
   * `network:router_interface_distributed` or `network:dhcp`.
   */
  deviceOwner: string;
  /** The (private) network the port is on. */
  networkId: string;
}

/** A floating IP exactly as the wire carries it (snake_case, nulls, `yyyy-MM-ddTHH:mm:ss`). */
export interface FloatingIpWire {
  id: string;
  status: "ACTIVE" | "DOWN" | "ERROR";
  floating_ip_address: string;
  floating_network_id: string;
  router_id: string | null;
  port_id: string | null;
  fixed_ip_address: string | null;
  tenant_id: string;
  project_id: string;
  created_at: string;
  updated_at: string;
}

/** A path the emulator hides behind a 404 that is not OTC's own not-found for an object. */
export interface HiddenPath {
  /** The exact path, its template (`/v2.0/eip/floatingips_v6/{id}`), or a prefix ending in `*`. */
  path: string;
  /** HTTP method to hide (every method when absent). */
  method?: string;
  /**
   * `gateway`: the API gateway's `404 APIG.0101` "The API does not exist or has not been
   * published"; `proxy`: a forward proxy's HTML "404 Not Found" page.
   */
  as: "gateway" | "proxy";
}

/** Faults that a request can be given. */
export type FaultKind =
  /** 429 `APIG.0308` (IAM paths: 429 `IAM.0012`), with `Retry-After` when `retryAfterSeconds` is set. */
  | "throttle"
  /** A 5xx answer: `status` (500, 502, 503 or 504; default 503). */
  | "server-error"
  /** 409 `VPC.0512` "resource busy" (NeutronError shape on the Neutron API). */
  | "busy"
  /** 403 `VPC.0502`: the account may not assign EIPs (balance, frozen account). */
  | "forbidden"
  /** The connection is destroyed before the request is handled: nothing changes. */
  | "reset-before"
  /** The request is handled (a mutation is applied), then the connection is destroyed. */
  | "reset-after"
  /** The bind or create-with-port this request starts completes in `ERROR` instead of `ACTIVE`. */
  | "eip-error"
  /** The token this request carries is revoked before it is checked (401, as an early expiry). */
  | "expire-token"
  /** Extra delay of `delayMs` before the request is handled. */
  | "delay"
  /**
   * A create answers 500 with `code` (`VPC.0503` "failed to assign", default, or `VPC.0504`
   * "FloatIp is null"), as the appendix lists for assign; nothing is created.
   */
  | "assign-failed";

/** A fault aimed at the next `count` requests that match `method` and `path`. */
export interface TargetedFault {
  /** What to do to the matching request. */
  kind: FaultKind;
  /** HTTP method to match (any when absent). */
  method?: string;
  /**
   * Path to match (any when absent): the exact path, the path template used by `counts()`
   * (`/v2.0/eip/floatingips_v6/{id}`), or a prefix ending in `*`.
   */
  path?: string;
  /** How many matching requests get the fault (default 1). */
  count?: number;
  /** For `server-error`: 500, 502, 503 or 504 (default 503). */
  status?: 500 | 502 | 503 | 504;
  /** For `throttle`: the `Retry-After` value in seconds (no header when absent). */
  retryAfterSeconds?: number;
  /** For `delay`: milliseconds. */
  delayMs?: number;
  /** For `assign-failed`: the code (default `VPC.0503`). */
  code?: "VPC.0503" | "VPC.0504";
}

/**
 * Per-request probabilities (0..1) of random faults, drawn from the seeded generator. Their sum
 * should stay at or below 1. `busy`, `resetAfter` and `eipError` apply only where they make sense
 * (mutations; binds); the others apply to every emulated API request.
 */
export interface FaultRates {
  /** 429 `APIG.0308` without `Retry-After`. */
  throttle?: number;
  /** 429 `APIG.0308` with `Retry-After` (see {@link FaultOptions.retryAfterSeconds}). */
  throttleRetryAfter?: number;
  /** A 5xx answer, status drawn from {@link FaultOptions.serverErrorStatuses}. */
  serverError?: number;
  /** 409 `VPC.0512` on mutations. */
  busy?: number;
  /** Connection reset before handling. */
  resetBefore?: number;
  /** Connection reset after a mutation was applied (mutations only). */
  resetAfter?: number;
  /** A bind completes in `ERROR` (binding requests only). */
  eipError?: number;
  /** The request's token is revoked early (token requests only). */
  tokenExpireEarly?: number;
  /** A latency spike of {@link FaultOptions.spikeMs}. */
  latencySpike?: number;
}

/** The emulator's fault configuration. `setFaults` replaces it as a whole. */
export interface FaultOptions {
  /** Fixed latency added to every emulated request (ms). */
  latencyMs?: number;
  /** Uniform random extra latency in [0, latencyJitterMs) (ms), seeded. */
  latencyJitterMs?: number;
  /** Random faults by rate. */
  rates?: FaultRates;
  /** `Retry-After` seconds for `throttleRetryAfter` (default 1). */
  retryAfterSeconds?: number;
  /** Statuses a random `serverError` draws from (default 500, 502, 503, 504). */
  serverErrorStatuses?: Array<500 | 502 | 503 | 504>;
  /** Duration of a random latency spike (default 200 ms). */
  spikeMs?: number;
  /** Faults aimed at the next matching requests; consumed in order, before any random fault. */
  next?: TargetedFault[];
}

/** A token bucket of the API gateway: `requestsPerSecond` refill, at most `burst` tokens. */
export interface RateLimit {
  /** Tokens gained per second (> 0). */
  requestsPerSecond: number;
  /** Bucket size: requests that may come at once after a quiet spell (whole number ≥ 1). */
  burst: number;
  /**
   * `Retry-After` on the 429s: absent or `false` for none (OTC documents none), `true` for the whole
   * seconds until the next token (at least 1), a number for that many seconds.
   */
  retryAfter?: boolean | number;
}

/** The gateway's throttling: VPC calls per project (429 `APIG.0308`) and IAM (429 `IAM.0012`). */
export interface RateLimitOptions {
  /** Limit of VPC-endpoint calls (IPv6 EIPs, Neutron floating IPs and networks), per project. */
  vpc?: RateLimit;
  /** Limit of IAM calls (token requests and project look-ups). */
  iam?: RateLimit;
}

/** Options of {@link startEmulator}. Every field is optional. */
export interface EmulatorOptions {
  /** TCP port on 127.0.0.1 (default 0: an ephemeral port). */
  port?: number;
  /** Serve HTTPS with a certificate made at start; its CA comes back as `caPem` (default false). */
  https?: boolean;
  /** Fixed latency per emulated request in ms (default 0). */
  latencyMs?: number;
  /** Random extra latency in ms (default 0). */
  latencyJitterMs?: number;
  /** Seed of every random choice: ids, addresses, tokens, random faults (default 1). */
  seed?: number;
  /** Lifetime of IAM tokens in seconds (default 86400, as OTC). */
  tokenLifetimeSeconds?: number;
  /** Delay before an asynchronous bind/unbind completes (ms, default 0: visible on the next GET). */
  bindDelayMs?: number;
  /** EIP quota of the project, IPv4 and IPv6 together (default 50). */
  quota?: number;
  /** Number of seeded ECS NIC ports (default 4; one ELB VIP port is always added). */
  ecsPorts?: number;
  /** Initial faults. */
  faults?: FaultOptions;
  /** Throttling (default: none). */
  rateLimit?: RateLimitOptions;
  /** How the IPv6 API's answers look (default `classic`); see `answer-style.ts`. */
  answerStyle?: AnswerStyleChoice;
  /** Paths answered with a gateway's or a proxy's 404 instead of the API (default none). */
  hiddenPaths?: HiddenPath[];
  /** Accepted clock difference of `X-Sdk-Date` in seconds (default 900). */
  skewWindowSeconds?: number;
  /** Consecutive AK/SK failures that lock a key (default 5). */
  lockoutThreshold?: number;
  /** How long a locked key stays locked, in seconds (default 300). */
  lockoutSeconds?: number;
  /** Size of the public IPv4 address pool (default 65536); exhausting it answers `VPC.0532`. */
  addressPoolSize?: number;
  /** The project id (default: 32 hex digits drawn from the seed). */
  projectId?: string;
  /** The external network's id (default: a UUID drawn from the seed). */
  externalNetworkId?: string;
  /** Replaces the fixed fake temporary AK/SK and security token. */
  temporaryCredentials?: Partial<TemporaryCredentials>;
  /**
   * More projects of the emulator's account, by name (e.g. `eu-de_team-b`): each has its own ports
   * (`ecsPorts` ECS NICs and one ELB VIP), EIPs and quota, seen only by calls scoped to it.
   */
  projects?: readonly string[];
  /** Other accounts (domains), each with its own user, password, key pair and projects. */
  accounts?: readonly EmulatorAccountOptions[];
  /** Replaces the fixed fake credentials (e.g. with distinctive strings for leak tests). */
  credentials?: Partial<
    Pick<EmulatorInfo, "domainName" | "userName" | "password" | "accessKey" | "secretKey">
  >;
}

/** Another account of the emulated cloud. */
export interface EmulatorAccountOptions {
  domainName: string;
  userName: string;
  password: string;
  accessKey: string;
  secretKey: string;
  /** Its projects by name (`eu-de_other`); at least one. */
  projects: readonly string[];
}

/** One emulated project, of any account. */
export interface EmulatorProject {
  id: string;
  name: string;
  /** The account's domain name. */
  domainName: string;
  /** Its NIC ports. */
  readonly ports: Port[];
  /** Its EIPs and ports. */
  state(): EmulatorState;
  /** Creates an IPv4 EIP there, bound to `portId` when given, bypassing auth and faults. */
  createIpv4Eip(portId?: string): { id: string; address: string };
}

/** A temporary AK/SK: requests must also send and sign `X-Security-Token`. */
export interface TemporaryCredentials {
  accessKey: string;
  secretKey: string;
  securityToken: string;
}

/** How a request authenticated itself. */
export type AuthKind = "token" | "aksk" | "password" | "none";

/** One entry of the request log. Auth headers are redacted. */
export interface RequestLogEntry {
  /** HTTP method. */
  method: string;
  /** Request path without the query. */
  path: string;
  /** Raw query string without `?` (`""` when none). */
  query: string;
  /** The counts key (`METHOD /path-template`). */
  key: string;
  /** HTTP status sent, or 0 when the connection was reset. */
  status: number;
  /** Time from request arrival to response end (ms). */
  durationMs: number;
  /** How the request authenticated (`password` for IAM password token requests). */
  authKind: AuthKind;
  /** Request headers, with `authorization`, `x-auth-token` and `x-security-token` redacted. */
  headers: Record<string, string>;
  /** The fault injected into this request, if any. */
  fault?: FaultKind;
  /** The project the request was scoped to (token scope or `X-Project-Id`), when authenticated. */
  projectId?: string;
  /** The account (domain id) it authenticated as, when authenticated. */
  domainId?: string;
  /** When the request arrived (epoch ms, emulator clock). */
  startedAt: number;
}

/** A snapshot of the emulated cloud. */
export interface EmulatorState {
  /** IPv6 EIPs as `GET` would show them now. */
  ipv6: FloatingIpWire[];
  /** IPv4 EIPs as `GET` would show them now. */
  ipv4: FloatingIpWire[];
  /** NIC ports. */
  ports: Port[];
}

/** The connection details a client needs (also the CLI's `--json` line). */
export interface EmulatorInfo {
  url: string;
  authUrl: string;
  vpcEndpoint: string;
  region: string;
  projectId: string;
  projectName: string;
  domainName: string;
  userName: string;
  password: string;
  accessKey: string;
  secretKey: string;
  ports: Port[];
}

/** A running emulator. */
export interface Emulator extends EmulatorInfo {
  /** The external network's id (`admin_external_net`, `router:external` true). */
  externalNetworkId: string;
  /** The project's private network (`router:external` false): not a network an EIP can come from. */
  privateNetworkId: string;
  /** A temporary AK/SK pair with its security token, also accepted. */
  temporaryCredentials: TemporaryCredentials;
  /** The CA certificate (PEM) in HTTPS mode. */
  caPem?: string;
  /** A file holding `caPem` (HTTPS mode), removed by `close()`; for `otc:caCert` / `OS_CACERT`. */
  caCertFile?: string;
  /** Adds a port (default kind `ecs`). */
  addPort(kind?: PortKind): Port;
  /** Every project (the emulator's own first), of every account. */
  readonly projects: EmulatorProject[];
  /** The project of that name or id; throws for an unknown one. */
  project(nameOrId: string): EmulatorProject;
  /** Creates an IPv4 EIP, bound to `portId` when given, bypassing auth and faults. */
  createIpv4Eip(portId?: string): { id: string; address: string };
  /**
   * Creates an IPv6 EIP, bound to `portId` when given (settled at once), created `ageSeconds` ago
   * (default 0), bypassing auth and faults.
   */
  createIpv6Eip(portId?: string, ageSeconds?: number): { id: string; address: string };
  /** Sets an EIP's status out of band (e.g. `ERROR`); throws for an unknown id. */
  setEipStatus(id: string, status: FloatingIpWire["status"]): void;
  /** Replaces the fault configuration. */
  setFaults(faults: FaultOptions): void;
  /** Replaces the throttling (every bucket starts full); throws for an unusable limit. */
  setRateLimit(limits: RateLimitOptions): void;
  /** Changes how the IPv6 API's answers look (the cloud itself stays as it is). */
  setAnswerStyle(style: AnswerStyleChoice): void;
  /** The answer style in force. */
  answerStyle(): AnswerStyle;
  /** Replaces the hidden paths (`[]` shows every API again). */
  hidePaths(paths: HiddenPath[]): void;
  /** The request log so far (a copy). */
  requestLog(): RequestLogEntry[];
  /** Requests per `METHOD /path-template` so far. */
  counts(): Record<string, number>;
  /** Clears the request log and the counts. */
  resetLog(): void;
  /** A snapshot of EIPs and ports. */
  state(): EmulatorState;
  /** Moves the emulator's clock forward (token expiry, date skew, lockouts, bind delays). */
  advanceClock(seconds: number): void;
  /** Stops the server, closes open connections and removes temporary files. */
  close(): Promise<void>;
}
