/**
 * Every error this package raises, in one module.
 *
 * Each class has a stable `code` that scripts and tests can rely on, and a message that says what
 * failed, why, and what to do. `instanceof` works across two loaded copies of this module (a
 * serialized Pulumi provider loads the package a second time): every instance carries, under a
 * global symbol, the kinds of all the classes it was built from, and each class's
 * `Symbol.hasInstance` looks for its own kind there instead of comparing prototypes.
 *
 * No error here may carry a credential: messages and fields are built from ids, addresses,
 * codes and paths only.
 */

const KINDS = Symbol.for("pulumi-otc-ipv6-eip:error-kinds");

/** The shape every class in this module shares, used to walk the class chain. */
interface ErrorClass {
  readonly kind: string;
}

/** The base of every error this package raises. */
export class OtcEipError extends Error {
  /** The class's stable name, independent of which copy of the module built it. */
  static readonly kind: string = "OtcEipError";
  /** A stable, machine-readable code, e.g. `INVALID_INPUT` or `NIC_HAS_EIP`. */
  readonly code: string;

  /**
   * @param code a stable, machine-readable code
   * @param message what failed, why, and what to do
   * @param options `cause`: the underlying error, if any
   */
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = new.target.name;
    const kinds: string[] = [];
    for (
      let c: unknown = new.target;
      typeof c === "function" && typeof (c as unknown as ErrorClass).kind === "string";
      c = Object.getPrototypeOf(c)
    ) {
      const kind = (c as unknown as ErrorClass).kind;
      if (!kinds.includes(kind)) kinds.push(kind);
    }
    Object.defineProperty(this, KINDS, { value: kinds, enumerable: false });
  }

  /** True for an instance of this class built by any loaded copy of this module. */
  static override [Symbol.hasInstance](this: ErrorClass, value: unknown): boolean {
    if (typeof value !== "object" || value === null) return false;
    const kinds = (value as Record<symbol, unknown>)[KINDS];
    return Array.isArray(kinds) && kinds.includes(this.kind);
  }
}

/** One problem with one input, as `check` reports it to Pulumi. */
export interface InputFailure {
  /** The input property at fault, e.g. `portId` or `timeouts.create`. */
  property: string;
  /** What is wrong and what to do, quoting the value. */
  reason: string;
}

/** An input value that cannot be used; raised before any API call. */
export class InvalidInputError extends OtcEipError {
  static override readonly kind: string = "InvalidInputError";
  /** The input property at fault. */
  readonly property: string;
  /** What is wrong and what to do (without the property name). */
  readonly reason: string;

  /** @param failure the property and the reason, which quotes the value */
  constructor(failure: InputFailure, code = "INVALID_INPUT") {
    super(code, `Invalid ${failure.property}: ${failure.reason}`);
    this.property = failure.property;
    this.reason = failure.reason;
  }
}

/** A text that is not an address an IPv6 EIP can have. */
export class InvalidIpv6EipAddressError extends InvalidInputError {
  static override readonly kind: string = "InvalidIpv6EipAddressError";

  /** @param property the input that held the address; @param reason what is wrong, quoting it */
  constructor(property: string, reason: string) {
    super({ property, reason }, "INVALID_IPV6_EIP_ADDRESS");
  }
}

/** One missing or invalid setting, with where it could come from. */
export interface ConfigurationProblem {
  /** The stack config key, e.g. `otc:region`. */
  key: string;
  /** Environment variables that provide the same setting, first wins. */
  env?: readonly string[];
  /** What is missing or wrong, quoting the value when it is not a secret. */
  reason: string;
  /**
   * True when nothing at all was given for this setting (as opposed to a value that is invalid or
   * does not fit the others): a preview without secrets, e.g. of a pull request from a fork.
   */
  unset?: boolean;
}

/** The settings are incomplete or inconsistent; lists every problem at once. */
export class ConfigurationError extends OtcEipError {
  static override readonly kind: string = "ConfigurationError";
  /** Every problem found, not just the first. */
  readonly problems: readonly ConfigurationProblem[];

  /** @param problems every missing or invalid setting */
  constructor(problems: readonly ConfigurationProblem[]) {
    const lines = problems.map((p) => {
      const env = p.env && p.env.length > 0 ? ` (or env ${p.env.join(" / ")})` : "";
      return `  - ${p.key}${env}: ${p.reason}`;
    });
    super(
      "CONFIGURATION",
      `OTC settings are incomplete or invalid:\n${lines.join("\n")}\n` +
        "Set them with `pulumi config set <key> <value>` (add --secret for credentials) or export the environment variables.",
    );
    this.problems = problems;
  }
}

/** Where an API call went: method and path, never a query with secrets or a header. */
export interface RequestTarget {
  /** HTTP method, upper case. */
  method: string;
  /** The request path, without query string. */
  path: string;
}

/** What OTC answered to a failed call. */
export interface ApiErrorDetails extends RequestTarget {
  /** HTTP status. */
  status: number;
  /** OTC error code (`VPC.0511`, `APIG.0301`, …) when the body had one. */
  otcCode?: string;
  /** OTC's own message, as sent (it never contains credentials). */
  otcMessage?: string;
  /** The gateway's request id, for OTC support. */
  requestId?: string;
  /** Whether a retry may succeed. */
  retryable: boolean;
}

/** A call that OTC answered with an error. Subclasses name the cases a user can act on. */
export class OtcApiError extends OtcEipError {
  static override readonly kind: string = "OtcApiError";
  /** HTTP status. */
  readonly status: number;
  /** OTC error code, when present. */
  readonly otcCode: string | undefined;
  /** OTC's own message, when present. */
  readonly otcMessage: string | undefined;
  /** The gateway's request id, when present. */
  readonly requestId: string | undefined;
  /** HTTP method of the failed call. */
  readonly method: string;
  /** Path of the failed call. */
  readonly path: string;
  /** Whether a retry may succeed. */
  readonly retryable: boolean;

  /**
   * @param details what OTC answered
   * @param advice what the user should do, appended to the message
   * @param code the stable code of the subclass
   */
  constructor(details: ApiErrorDetails, advice: string, code = "API_ERROR") {
    const otc = details.otcCode ? ` ${details.otcCode}` : "";
    const said = details.otcMessage ? `: ${details.otcMessage}` : "";
    const rid = details.requestId ? ` (request id ${details.requestId})` : "";
    super(
      code,
      `OTC ${details.method} ${details.path} failed with HTTP ${details.status}${otc}${said}${rid}. ${advice}`,
    );
    this.status = details.status;
    this.otcCode = details.otcCode;
    this.otcMessage = details.otcMessage;
    this.requestId = details.requestId;
    this.method = details.method;
    this.path = details.path;
    this.retryable = details.retryable;
  }
}

/** OTC said the object the call named does not exist (its own not-found answer). */
export class NotFoundError extends OtcApiError {
  static override readonly kind: string = "NotFoundError";
  constructor(details: ApiErrorDetails, advice: string, code = "NOT_FOUND") {
    super(details, advice, code);
  }
}

/**
 * OTC's own not-found for the floating IP the call named: `404 VPC.0504`, or Neutron's
 * `FloatingIPNotFound`. The only answer from which "the EIP is gone" may be concluded.
 */
export class FloatingIpNotFoundError extends NotFoundError {
  static override readonly kind: string = "FloatingIpNotFoundError";
  constructor(details: ApiErrorDetails, advice: string) {
    super(details, advice, "FLOATING_IP_NOT_FOUND");
  }
}

/**
 * A 404 that is not OTC's not-found for an object: a gateway's `APIG.0101` ("The API does not
 * exist or has not been published"), a proxy's HTML page, an empty body. It says nothing about the
 * EIP: the endpoint, the region or the API itself is wrong or missing.
 */
export class ApiNotFoundError extends OtcApiError {
  static override readonly kind: string = "ApiNotFoundError";
  /** The endpoint (base URL) the call went to. */
  readonly endpoint: string | undefined;
  constructor(details: ApiErrorDetails, advice: string, endpoint?: string) {
    super(details, advice, "API_NOT_FOUND");
    this.endpoint = endpoint;
  }
}

/**
 * OTC answered "not found" for an EIP, but a second look does not confirm it (the list by id
 * still holds it): nothing is concluded, and the EIP stays in the stack.
 */
export class GoneUnprovenError extends OtcEipError {
  static override readonly kind: string = "GoneUnprovenError";
  /** The EIP's id. */
  readonly eipId: string;
  /** @param eipId the EIP; @param message what OTC said, what it still shows, and what to do */
  constructor(eipId: string, message: string, options?: { cause?: unknown }) {
    super("GONE_UNPROVEN", message, options);
    this.eipId = eipId;
  }
}

/** The NIC already holds an EIP (`VPC.0511`, `VPC.0509`): one EIP per NIC, IPv4 or IPv6. */
export class NicAlreadyHasEipError extends OtcApiError {
  static override readonly kind: string = "NicAlreadyHasEipError";
  /** The NIC's port id, when known. */
  readonly portId: string | undefined;
  constructor(details: ApiErrorDetails, advice: string, portId?: string) {
    super(details, advice, "NIC_HAS_EIP");
    this.portId = portId;
  }
}

/** The EIP is bound to another port (`VPC.0510`): unbind it first. */
export class EipBoundElsewhereError extends OtcApiError {
  static override readonly kind: string = "EipBoundElsewhereError";
  constructor(details: ApiErrorDetails, advice: string) {
    super(details, advice, "EIP_BOUND_ELSEWHERE");
  }
}

/** The EIP is bound and must be unbound before this call (`VPC.0517`). */
export class UnbindFirstError extends OtcApiError {
  static override readonly kind: string = "UnbindFirstError";
  constructor(details: ApiErrorDetails, advice: string) {
    super(details, advice, "UNBIND_FIRST");
  }
}

/** The port id is not a usable NIC port (`VPC.0508`). */
export class InvalidPortError extends OtcApiError {
  static override readonly kind: string = "InvalidPortError";
  /** The port id, when known. */
  readonly portId: string | undefined;
  constructor(details: ApiErrorDetails, advice: string, portId?: string) {
    super(details, advice, "INVALID_PORT");
    this.portId = portId;
  }
}

/** The EIP or its address is in use by another service (`VPC.0518` firewall, `VPC.0522`). */
export class EipInUseError extends OtcApiError {
  static override readonly kind: string = "EipInUseError";
  constructor(details: ApiErrorDetails, advice: string, code = "EIP_IN_USE") {
    super(details, advice, code);
  }
}

/** The EIP is used by a load balancer (`VPC.0516`). */
export class UsedByLoadBalancerError extends EipInUseError {
  static override readonly kind: string = "UsedByLoadBalancerError";
  constructor(details: ApiErrorDetails, advice: string) {
    super(details, advice, "USED_BY_LOAD_BALANCER");
  }
}

/** The EIP quota is used up (`VPC.0521`). */
export class QuotaExceededError extends OtcApiError {
  static override readonly kind: string = "QuotaExceededError";
  constructor(details: ApiErrorDetails, advice: string) {
    super(details, advice, "QUOTA_EXCEEDED");
  }
}

/** The external network has no free address (`VPC.0532`). */
export class NoFreeAddressesError extends OtcApiError {
  static override readonly kind: string = "NoFreeAddressesError";
  constructor(details: ApiErrorDetails, advice: string) {
    super(details, advice, "NO_FREE_ADDRESSES");
  }
}

/** The gateway or IAM throttled the call (429 `APIG.0308`, `IAM.0012`). */
export class ThrottledError extends OtcApiError {
  static override readonly kind: string = "ThrottledError";
  constructor(details: ApiErrorDetails, advice: string) {
    super(details, advice, "THROTTLED");
  }
}

/** Authentication or authorisation failed (IAM 401, `APIG.0301`, expired token, 403). */
export class AuthError extends OtcApiError {
  static override readonly kind: string = "AuthError";
  constructor(details: ApiErrorDetails, advice: string) {
    super(details, advice, "AUTH");
  }
}

/** The request did not get an HTTP answer (connection refused, reset, TLS, timeout). */
export class TransportError extends OtcEipError {
  static override readonly kind: string = "TransportError";
  /** HTTP method of the failed call. */
  readonly method: string;
  /** Path of the failed call. */
  readonly path: string;

  /** @param target the call; @param message what happened; @param cause the socket error */
  constructor(target: RequestTarget, message: string, cause?: unknown) {
    super("TRANSPORT", `OTC ${target.method} ${target.path}: ${message}`, { cause });
    this.method = target.method;
    this.path = target.path;
  }
}

/**
 * A request that may or may not have taken effect (a POST that timed out, was reset after it was
 * sent, or got a 5xx). It is never resent blindly: the caller must look for what it may have made.
 */
export class OutcomeUnknownError extends OtcEipError {
  static override readonly kind: string = "OutcomeUnknownError";
  /** HTTP method of the call. */
  readonly method: string;
  /** Path of the call. */
  readonly path: string;

  /** @param target the call; @param message what happened and what to check; @param cause the underlying error */
  constructor(target: RequestTarget, message: string, cause?: unknown) {
    super("OUTCOME_UNKNOWN", message, { cause });
    this.method = target.method;
    this.path = target.path;
  }
}

/** Retries ran out: how many attempts over how long, with the last error as `cause`. */
export class RetryBudgetExhaustedError extends OtcEipError {
  static override readonly kind: string = "RetryBudgetExhaustedError";
  /** Attempts made. */
  readonly attempts: number;
  /** Milliseconds from the first attempt to giving up. */
  readonly elapsedMs: number;

  /** @param target the call; @param attempts how many; @param elapsedMs over how long; @param last the last error */
  constructor(target: RequestTarget, attempts: number, elapsedMs: number, last: unknown) {
    const lastMessage = last instanceof Error ? last.message : String(last);
    super(
      "RETRY_BUDGET_EXHAUSTED",
      `OTC ${target.method} ${target.path} still failing after ${attempts} attempts over ` +
        `${(elapsedMs / 1000).toFixed(1)} s; last error: ${lastMessage}`,
      { cause: last },
    );
    this.attempts = attempts;
    this.elapsedMs = elapsedMs;
  }
}

/**
 * The retry quota of an endpoint and project is spent (a long throttling or outage): the call
 * failed without retrying. `throttled` says whether its last answer was a throttle (429).
 */
export class RetryQuotaExhaustedError extends OtcEipError {
  static override readonly kind: string = "RetryQuotaExhaustedError";
  /** HTTP method of the call. */
  readonly method: string;
  /** Path of the call. */
  readonly path: string;
  /** The last answer was OTC's throttling (429 `APIG.0308` / `IAM.0012`). */
  readonly throttled: boolean;

  /** @param target the call; @param throttled whether OTC throttled it; @param last the last error */
  constructor(target: RequestTarget, throttled: boolean, last: unknown) {
    const lastMessage = last instanceof Error ? last.message : String(last);
    super(
      "RETRY_QUOTA_EXHAUSTED",
      throttled
        ? `OTC ${target.method} ${target.path}: OTC is throttling this project's requests (HTTP 429) ` +
            `and the client's retry quota for it is spent, so the call failed without another retry. ` +
            `Lower the load: run with fewer operations at once (pulumi up --parallel 4, or lower), ` +
            `or spread the work over several runs; then try again. Last error: ${lastMessage}`
        : `OTC ${target.method} ${target.path}: so many calls to this endpoint are failing that the ` +
            `client's retry quota is spent, so the call failed without another retry. Check the ` +
            `service and the network, then try again. Last error: ${lastMessage}`,
      { cause: last },
    );
    this.method = target.method;
    this.path = target.path;
    this.throttled = throttled;
  }
}

/** An operation did not finish within its deadline (e.g. waiting for `ACTIVE`). */
export class DeadlineExceededError extends OtcEipError {
  static override readonly kind: string = "DeadlineExceededError";
  /**
   * @param message what was being waited for, for how long, and what to do
   * @param options `cause`: the last failure of the call that used the time, if any
   */
  constructor(message: string, options?: { cause?: unknown }) {
    super("DEADLINE_EXCEEDED", message, options);
  }
}

/** The EIP is in OTC's `ERROR` status. */
export class EipErrorStatusError extends OtcEipError {
  static override readonly kind: string = "EipErrorStatusError";
  /** The EIP's id. */
  readonly eipId: string;
  /** @param eipId the EIP; @param message what was happening and what to do */
  constructor(eipId: string, message: string) {
    super("EIP_ERROR_STATUS", message);
    this.eipId = eipId;
  }
}

/**
 * A plan would put a second EIP on a NIC: caught before any API call changes anything, by the
 * in-program guard or by the live guard in `check`.
 */
export class SecondEipOnNicError extends OtcEipError {
  static override readonly kind: string = "SecondEipOnNicError";
  /** The NIC's port id. */
  readonly portId: string;
  /** @param portId the NIC; @param message who holds it, the rule, and what to do */
  constructor(portId: string, message: string) {
    super("SECOND_EIP_ON_NIC", message);
    this.portId = portId;
  }
}

/**
 * A look-up of an existing IPv6 EIP (`getIpv6Eip`) that OTC answered, but not with exactly one
 * EIP: none matched (`EIP_LOOKUP_NONE`) or several did (`EIP_LOOKUP_SEVERAL`).
 */
export class EipLookupError extends OtcEipError {
  static override readonly kind: string = "EipLookupError";
  /** The ids of the EIPs that matched (empty when none did). */
  readonly matches: readonly string[];

  /**
   * @param code `EIP_LOOKUP_NONE` or `EIP_LOOKUP_SEVERAL`
   * @param message what was looked for, where, what matched, and what to do
   * @param matches the ids of the EIPs that matched
   */
  constructor(
    code: "EIP_LOOKUP_NONE" | "EIP_LOOKUP_SEVERAL",
    message: string,
    matches: readonly string[],
  ) {
    super(code, message);
    this.matches = [...matches];
  }
}

/** A command line the `otc-ipv6-eip` tool cannot run: unknown command or option, bad value. */
export class UsageError extends OtcEipError {
  static override readonly kind: string = "UsageError";
  /** @param message what is wrong with the command line, quoting the value, and what to type instead */
  constructor(message: string) {
    super("USAGE", message);
  }
}

/**
 * The EIP exists but the operation on it did not finish (it turned `ERROR`, a bind timed out, a
 * rebind failed half-way). Pulumi's dynamic-provider helper turns an error that carries `id` into
 * `ErrorResourceInitFailed`: the engine records the EIP in state with `properties` as its outputs,
 * so it is never leaked, and the next `up` tries again.
 */
export class ResourceInitError extends OtcEipError {
  static override readonly kind: string = "ResourceInitError";
  /** The EIP's id. */
  readonly id: string;
  /** The outputs to record (plain JSON, including `__provider`). */
  readonly properties: Record<string, unknown>;
  /** Why initialisation failed, one line each. */
  readonly reasons: string[];

  /**
   * @param id the EIP's id
   * @param properties the outputs to record
   * @param reasons why it failed
   * @param cause the underlying error
   */
  constructor(id: string, properties: Record<string, unknown>, reasons: string[], cause?: unknown) {
    super("RESOURCE_INIT_FAILED", reasons.join(" "), { cause });
    this.id = id;
    this.properties = properties;
    this.reasons = reasons;
  }
}
