/**
 * What an OTC error answer means, read from its HTTP status, the call's method and OTC's code
 * together, as the VPC error-code appendix lists them per operation. The code alone does not say
 * what happened: `VPC.0504` is "floating IP not found" as a 404 on a read, update or delete, but
 * "FloatIp is null" as a 500 on assign; `VPC.0509` is a 500 "the port already has a floating IP";
 * `VPC.0503` is a 500 "failed to assign". The same reading decides the retry class and the typed
 * error, so a definitive failure is never retried as a transient 500 nor turned into "outcome
 * unknown".
 */

/** What an error answer means. */
export type AnswerMeaning =
  /** OTC's own not-found for the floating IP the call named (`404 VPC.0504`, `FloatingIPNotFound`). */
  | "floating-ip-not-found"
  /** A Neutron not-found for another object (`PortNotFound`, `NetworkNotFound`). */
  | "object-not-found"
  /** A 404 that is not OTC's not-found for an object: a gateway's `APIG.0101`, a proxy's page. */
  | "api-not-found"
  /** The NIC already holds an EIP (`409 VPC.0511`, `500 VPC.0509`). */
  | "nic-has-eip"
  /** The EIP is bound to another port (`409 VPC.0510`). */
  | "bound-elsewhere"
  /** The EIP must be unbound first (`409 VPC.0517`). */
  | "unbind-first"
  /** The port is not usable (`500 VPC.0508`). */
  | "invalid-port"
  /** The EIP is used by a load balancer (`500 VPC.0516`). */
  | "used-by-load-balancer"
  /** The EIP is used by a firewall (`500 VPC.0518`). */
  | "used-by-firewall"
  /** The IP address is in use (`409 VPC.0522`). */
  | "ip-in-use"
  /** The EIP quota is used up (`409 VPC.0521`). */
  | "quota-exceeded"
  /** The external network has no free address (`409 VPC.0532`). */
  | "no-free-addresses"
  /** OTC failed to assign the EIP and said so (`500 VPC.0503`, `500 VPC.0504` on assign). */
  | "assign-failed"
  /** The account may not assign EIPs (`403 VPC.0502`). */
  | "not-allowed"
  /** An invalid parameter (`400 VPC.0501`). */
  | "invalid-parameter"
  /** The resource is busy (`409 VPC.0512`). */
  | "busy"
  /** A backend (Neutron) fault a retry may clear (`VPC.0514` as 404 or 500). */
  | "backend-fault"
  /** Throttled (429, `APIG.0308`, `IAM.0012`). */
  | "throttled"
  /** Authentication or authorisation failed (401, 403, `APIG.0301`). */
  | "auth"
  /** A gateway or server fault without a definitive code (502/503/504, a 500 without a code). */
  | "server-fault"
  /** A 500 with a code the appendix does not list for this call: OTC failed and said why. */
  | "server-failed"
  /** Any other refusal (a 4xx). */
  | "rejected";

/** How a failed answer should be treated. */
export type AnswerClass =
  /** Rejected before any effect (throttled, busy): a retry is safe for any method. */
  | "rejected-retryable"
  /** A transient fault whose effect is unknown: retry only idempotent calls. */
  | "transient"
  /** Definitive: do not retry. */
  | "definitive";

/** The parts of an error answer that decide its meaning. */
export interface AnswerKey {
  /** HTTP status. */
  status: number;
  /** HTTP method of the call, upper case. */
  method: string;
  /** OTC's code (`VPC.0511`), when the body had one. */
  code?: string | undefined;
  /** Neutron's error type (`FloatingIPNotFound`), when the body had one. */
  neutronType?: string | undefined;
}

/** One line of the appendix: a code, the statuses it comes with, the methods it applies to. */
interface AnswerRule {
  code: string;
  statuses: readonly number[];
  /** The methods the meaning holds for; every method when absent. */
  methods?: readonly string[];
  meaning: AnswerMeaning;
}

const ON_AN_EIP = ["GET", "PUT", "DELETE"] as const;

/** The appendix, by operation. The first rule that matches code, status and method wins. */
const RULES: readonly AnswerRule[] = [
  { code: "VPC.0504", statuses: [404], methods: ON_AN_EIP, meaning: "floating-ip-not-found" },
  { code: "VPC.0504", statuses: [404, 500], methods: ["POST"], meaning: "assign-failed" },
  { code: "VPC.0503", statuses: [500], methods: ["POST"], meaning: "assign-failed" },
  { code: "VPC.0509", statuses: [500, 409], methods: ["PUT", "POST"], meaning: "nic-has-eip" },
  { code: "VPC.0511", statuses: [409], meaning: "nic-has-eip" },
  { code: "VPC.0510", statuses: [409], meaning: "bound-elsewhere" },
  { code: "VPC.0517", statuses: [409], meaning: "unbind-first" },
  { code: "VPC.0508", statuses: [500, 400], meaning: "invalid-port" },
  { code: "VPC.0516", statuses: [500], meaning: "used-by-load-balancer" },
  { code: "VPC.0518", statuses: [500], meaning: "used-by-firewall" },
  { code: "VPC.0522", statuses: [409], meaning: "ip-in-use" },
  { code: "VPC.0521", statuses: [409], meaning: "quota-exceeded" },
  { code: "VPC.0532", statuses: [409], meaning: "no-free-addresses" },
  { code: "VPC.0502", statuses: [403], meaning: "not-allowed" },
  { code: "VPC.0501", statuses: [400], meaning: "invalid-parameter" },
  { code: "VPC.0512", statuses: [409], meaning: "busy" },
  { code: "VPC.0514", statuses: [404, 500], meaning: "backend-fault" },
];

/** OTC codes of throttling answers. */
export const THROTTLING_CODES: readonly string[] = ["APIG.0308", "IAM.0012"];
/** OTC codes of a rejected credential at the gateway. */
const GATEWAY_AUTH_CODES: readonly string[] = ["APIG.0301", "APIGW.0301"];

/** Neutron's not-found types for a floating IP (its spellings vary between releases). */
const FLOATING_IP_NOT_FOUND = /^floatingips?notfound$/i;

function byStatus(key: AnswerKey): AnswerMeaning {
  const { status, code } = key;
  if (status === 429 || (code !== undefined && THROTTLING_CODES.includes(code))) {
    return "throttled";
  }
  if (status === 401 || status === 403 || (code !== undefined && GATEWAY_AUTH_CODES.includes(code)))
    return "auth";
  if (status === 404) {
    if (code === undefined && key.neutronType !== undefined) {
      if (FLOATING_IP_NOT_FOUND.test(key.neutronType)) {
        return ON_AN_EIP.some((m) => m === key.method) ? "floating-ip-not-found" : "rejected";
      }
      if (/NotFound$/.test(key.neutronType)) return "object-not-found";
    }
    return "api-not-found";
  }
  if (status === 502 || status === 503 || status === 504) return "server-fault";
  if (status === 500) return code === undefined ? "server-fault" : "server-failed";
  if (status > 500) return "server-fault";
  return "rejected";
}

/** Reads what an error answer means from its status, its call's method and its code. */
export function answerMeaning(key: AnswerKey): AnswerMeaning {
  const method = key.method.toUpperCase();
  const rule = RULES.find(
    (r) =>
      r.code === key.code &&
      r.statuses.includes(key.status) &&
      (r.methods === undefined || r.methods.includes(method)),
  );
  return rule?.meaning ?? byStatus({ ...key, method });
}

/** Meanings whose answer came before any effect: a retry is safe for any method. */
const REJECTED_BEFORE_EFFECT: readonly AnswerMeaning[] = ["throttled", "busy"];
/** Meanings of a fault whose effect is unknown: only idempotent calls are retried. */
const TRANSIENT: readonly AnswerMeaning[] = ["backend-fault", "server-fault"];

/** Whether an answer of this meaning may be retried, and for which calls. */
export function classOfMeaning(meaning: AnswerMeaning): AnswerClass {
  if (REJECTED_BEFORE_EFFECT.includes(meaning)) return "rejected-retryable";
  if (TRANSIENT.includes(meaning)) return "transient";
  return "definitive";
}
