/**
 * Turns an OTC error answer into the typed error a user can act on. The message alone (all that
 * survives Pulumi's gRPC) names the call, the HTTP status, the OTC code, OTC's message, the request
 * id and what to do.
 */
import {
  ApiNotFoundError,
  AuthError,
  EipBoundElsewhereError,
  EipInUseError,
  FloatingIpNotFoundError,
  InvalidPortError,
  NicAlreadyHasEipError,
  NoFreeAddressesError,
  NotFoundError,
  OtcApiError,
  QuotaExceededError,
  ThrottledError,
  UnbindFirstError,
  UsedByLoadBalancerError,
  type ApiErrorDetails,
} from "../../core/errors";
import { answerMeaning } from "./answer-meaning";
import type { ParsedErrorBody } from "./parse-error-body";

/** An OTC error answer, already parsed. */
export interface ErrorAnswer {
  method: string;
  /** Path without the query. */
  path: string;
  status: number;
  body: ParsedErrorBody;
  /** The request id from the response headers, when the body had none. */
  headerRequestId?: string;
}

/** What the client knows about the call, for the advice. */
export interface ErrorContext {
  /** The auth mode, for 401 advice. */
  authKind: "token" | "aksk" | "password";
  /** The call was IAM's token request itself (password authentication). */
  tokenRequest?: boolean;
  /** The call already retried with a fresh token. */
  afterRefresh?: boolean;
  /** The port the call was about. */
  portId?: string;
  /** Whether a retry may succeed (decided by the retry policy). */
  retryable: boolean;
  /**
   * A temporary fault (502/503/504, a 500 without code) that a later run may clear, even where
   * this call is not retried (a POST whose outcome is unknown).
   */
  transient?: boolean;
  /** The endpoint (base URL) the call went to, for a 404 that names no object. */
  endpoint?: string;
}

function authAdvice(answer: ErrorAnswer, ctx: ErrorContext): string {
  if (answer.status === 403) {
    return (
      "The identity is authenticated but not allowed to make this call: grant it VPC permissions " +
      "(e.g. the VPC Administrator role) in the project, or use another identity."
    );
  }
  if (ctx.tokenRequest) {
    return (
      "IAM rejected the password credentials: check otc:userName, otc:password and otc:domainName " +
      "(or OS_USERNAME / OS_PASSWORD / OS_USER_DOMAIN_NAME) and that the project exists. Not " +
      "retried automatically: repeated failures can lock the user."
    );
  }
  switch (ctx.authKind) {
    case "aksk":
      return (
        "The AK/SK signature was rejected: check otc:accessKey and otc:secretKey (and " +
        "otc:securityToken for temporary keys, which expire), and this machine's clock — a clock " +
        "skew of more than 15 minutes invalidates every signature. Not retried automatically: five " +
        "failures in a row lock the key for five minutes."
      );
    case "token":
      return (
        "The IAM token (otc:token / OS_TOKEN) was rejected: it has expired or was revoked. Issue a " +
        "new token, or configure a user name and password or AK/SK instead."
      );
    case "password":
      return ctx.afterRefresh
        ? "A freshly issued IAM token was rejected too: check that the user may use this project " +
            "and that the endpoints belong to the same region."
        : "The IAM token was rejected.";
  }
}

function notFoundAdvice(answer: ErrorAnswer, ctx: ErrorContext): string {
  const where = ctx.endpoint ?? "the endpoint";
  const setting =
    answer.path.startsWith("/v3") || ctx.tokenRequest ? "otc:authUrl" : "otc:vpcEndpoint";
  return (
    `This is not OTC's own "not found" for an object (such as 404 VPC.0504 for a floating IP), so ` +
    `nothing is concluded from it and nothing is dropped: ${where} does not serve ` +
    `${answer.method} ${answer.path}. Check ${setting} (now ${where}), the region, any proxy ` +
    "(HTTPS_PROXY/NO_PROXY), and whether this API exists in the region (the IPv6 EIP API pages " +
    "were withdrawn and restored in 2025-2026)."
  );
}

/** Builds the typed error for an OTC error answer, from what its status, method and code mean. */
export function toApiError(answer: ErrorAnswer, ctx: ErrorContext): OtcApiError {
  const code = answer.body.code;
  const details: ApiErrorDetails = {
    method: answer.method,
    path: answer.path,
    status: answer.status,
    otcMessage: answer.body.message,
    retryable: ctx.retryable,
    ...(code !== undefined ? { otcCode: code } : {}),
    ...((answer.body.requestId ?? answer.headerRequestId) !== undefined
      ? { requestId: answer.body.requestId ?? answer.headerRequestId }
      : {}),
  };
  const port = ctx.portId !== undefined ? `port ${ctx.portId}` : "the NIC's port";
  const meaning = answerMeaning({
    status: answer.status,
    method: answer.method,
    code,
    neutronType: answer.body.neutronType,
  });
  switch (meaning) {
    case "nic-has-eip":
      return new NicAlreadyHasEipError(
        details,
        `The NIC (${port}) already holds an EIP: a NIC holds one EIP, IPv4 or IPv6. Find it with ` +
          `GET /v2.0/floatingips?port_id=… and /v2.0/eip/floatingips_v6?port_id=…, then unbind or ` +
          `release it, or bind this EIP to another NIC.`,
        ctx.portId,
      );
    case "bound-elsewhere":
      return new EipBoundElsewhereError(
        details,
        "The EIP is bound to another port: unbind it (portId null) first, then bind it again.",
      );
    case "unbind-first":
      return new UnbindFirstError(
        details,
        "The EIP is bound to a port: unbind it first, then retry.",
      );
    case "invalid-port":
      return new InvalidPortError(
        details,
        `${port[0]?.toUpperCase()}${port.slice(1)} is not a usable NIC port: use the NIC ID from the ECS's NIC details (ECS console → NICs).`,
        ctx.portId,
      );
    case "used-by-load-balancer":
      return new UsedByLoadBalancerError(
        details,
        "The EIP is used by a load balancer: detach it from the load balancer first.",
      );
    case "used-by-firewall":
      return new EipInUseError(
        details,
        "The EIP is used by a firewall: remove it from the firewall's rules first.",
      );
    case "ip-in-use":
      return new EipInUseError(
        details,
        "The IP address is in use: release what uses it, or choose another.",
      );
    case "quota-exceeded":
      return new QuotaExceededError(
        details,
        "The project's EIP quota is used up: release unused EIPs, or ask OTC support to raise the EIP quota.",
      );
    case "no-free-addresses":
      return new NoFreeAddressesError(
        details,
        "The external network has no free addresses left: try again later or contact OTC support.",
      );
    case "floating-ip-not-found":
      return new FloatingIpNotFoundError(
        details,
        "OTC says this floating IP does not exist (any more): check the id.",
      );
    case "object-not-found":
      return new NotFoundError(details, "The object does not exist: check the id.");
    case "api-not-found":
      return new ApiNotFoundError(details, notFoundAdvice(answer, ctx), ctx.endpoint);
    case "assign-failed":
      return new OtcApiError(
        details,
        "OTC failed to assign the EIP and said so: nothing was created. Run again; if it persists, " +
          "check the quota and the external network, or contact OTC support with the request id.",
      );
    case "not-allowed":
      return new OtcApiError(
        details,
        "The account may not assign EIPs (insufficient balance or a frozen account): check the account in the OTC console.",
      );
    case "busy":
      return new OtcApiError(details, "The resource is busy: try again in a moment.");
    case "throttled":
      return new ThrottledError(
        details,
        "OTC throttled the request: lower the client's concurrency (maxConcurrentRequests) or run again later.",
      );
    case "auth":
      return new AuthError(details, authAdvice(answer, ctx));
    case "backend-fault":
    case "server-fault":
      return new OtcApiError(
        details,
        ctx.retryable || ctx.transient === true
          ? "OTC had a temporary fault: run again later; if it persists, contact OTC support with the request id."
          : "OTC failed on its side: contact OTC support with the request id.",
      );
    case "server-failed":
      return new OtcApiError(
        details,
        "OTC failed on its side and said why (above): a retry does not change it. Contact OTC support with the request id if the message does not tell what to change.",
      );
    case "invalid-parameter":
    case "rejected":
      return new OtcApiError(
        details,
        "OTC rejected the request: check the inputs named in OTC's message.",
      );
  }
}
