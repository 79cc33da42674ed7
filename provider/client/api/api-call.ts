/** The description of one API call, as the client's functions hand it to the executor. */
import type { OutcomeUnknownError } from "../../core/errors";

/** How a call authenticates. */
export type CallAuth =
  /** A VPC call: token header, or AK/SK signature with `X-Project-Id`. */
  | "project"
  /** An IAM call authenticated without a project scope (no `X-Project-Id`; the project look-ups). */
  | "signed"
  /** No authentication headers (the IAM token request carries its credentials in the body). */
  | "none";

/** One API call. */
export interface ApiCall {
  /** HTTP method, upper case. */
  method: "GET" | "POST" | "PUT" | "DELETE";
  /** Base URL (VPC endpoint or auth URL), without a trailing slash. */
  baseUrl: string;
  /** Path below the base URL, already percent-encoded, starting with `/`. */
  path: string;
  /** Query pairs, unencoded; encoded the same way the signature encodes them. */
  query?: readonly (readonly [string, string])[];
  /** JSON body. */
  body?: unknown;
  /** Extra headers (not signed). */
  headers?: Record<string, string>;
  /** Statuses that mean success. */
  okStatuses: readonly number[];
  /** Whether resending is harmless (false for POST). */
  idempotent: boolean;
  /** How to authenticate. */
  auth: CallAuth;
  /** The counter key; default `METHOD /path-template`. */
  countKey?: string;
  /** What the call is for, when its path alone does not say (named in deadline messages). */
  purpose?: string;
  /** The call is IAM's token request (for the 401 advice). */
  tokenRequest?: boolean;
  /** The port the call concerns (for error messages). */
  portId?: string;
  /** What to check when a non-idempotent call's outcome is unknown. */
  unknownOutcomeAdvice?: string;
  /**
   * For a call that is not idempotent but whose effect a look can find (a bound create: OTC
   * refuses a second EIP on one NIC): after an unknown outcome the executor waits as before any
   * retry, within the same attempts and time budget, then asks this look whether to resend.
   * `false` ends the call with the unknown outcome.
   */
  lookBeforeResend?: (unknown: OutcomeUnknownError) => Promise<boolean>;
  /** Absolute deadline (epoch ms). */
  deadline?: number;
  /** Caller's abort signal. */
  signal?: AbortSignal;
}
