/**
 * What a route answers, and the error body shapes of the services the emulator stands in for.
 *
 * Shapes, chosen from those `otc-floating-ip-api.md` lists so clients meet each of them:
 * - VPC's own API (`/v2.0/eip/floatingips_v6`): `{"code": "VPC.0511", "message": "..."}`.
 * - Neutron APIs (`/v2.0/floatingips`, `/v2.0/networks`): `{"NeutronError": {"type", "message", "detail"}}`,
 *   with Neutron's own statuses where Neutron has one (a missing port is 404 there).
 * - The API gateway (auth, throttling, unknown API, 503/504): `{"error_code", "error_msg", "request_id"}`.
 * - IAM (`/v3`): `{"error": {"code", "title", "message"}}`.
 * - A 502 from the gateway comes as an HTML page, to exercise clients on non-JSON bodies.
 */
import type { EipErrorCode, EipFailure } from "./cloud-state";

/** A route's answer. */
export interface Reply {
  status: number;
  /** JSON body; absent for 204 and for `text` replies. */
  body?: unknown;
  /** A non-JSON body (sent as `text/html`). */
  text?: string;
  headers?: Record<string, string>;
}

const VPC_STATUS: Record<EipErrorCode | "VPC.0514", number> = {
  "VPC.0501": 400,
  "VPC.0504": 404,
  "VPC.0508": 500,
  "VPC.0509": 500,
  "VPC.0510": 409,
  "VPC.0511": 409,
  "VPC.0512": 409,
  "VPC.0514": 500,
  "VPC.0517": 409,
  "VPC.0521": 409,
  "VPC.0532": 409,
};

const NEUTRON: Record<EipErrorCode, { status: number; type: string }> = {
  "VPC.0501": { status: 400, type: "HTTPBadRequest" },
  "VPC.0504": { status: 404, type: "FloatingIPNotFound" },
  "VPC.0508": { status: 404, type: "PortNotFound" },
  "VPC.0509": { status: 409, type: "FloatingIPPortAlreadyAssociated" },
  "VPC.0510": { status: 409, type: "FloatingIPPortAlreadyAssociated" },
  "VPC.0511": { status: 409, type: "FloatingIPPortAlreadyAssociated" },
  "VPC.0512": { status: 409, type: "ResourceBusy" },
  "VPC.0517": { status: 409, type: "FloatingIPInUse" },
  "VPC.0521": { status: 409, type: "OverQuota" },
  "VPC.0532": { status: 409, type: "ExternalIpAddressExhausted" },
};

/** A VPC-API error (`{"code", "message"}`) with the status the reference gives the code. */
export function vpcError(code: EipErrorCode | "VPC.0514", message: string): Reply {
  return { status: VPC_STATUS[code], body: { code, message } };
}

/** A Neutron-API error; the OTC code is kept in the message so it stays visible to users. */
export function neutronError(code: EipErrorCode, message: string): Reply {
  const { status, type } = NEUTRON[code];
  return {
    status,
    body: { NeutronError: { type, message: `${message} (${code})`, detail: "" } },
  };
}

/** Maps a rule failure to the shape of the API family that answers it. */
export function eipError(api: "vpc" | "neutron", failure: EipFailure): Reply {
  return api === "vpc"
    ? vpcError(failure.error, failure.message)
    : neutronError(failure.error, failure.message);
}

/** An API-gateway error (`APIG.0301`, `APIG.0308`, ...). */
export function gatewayError(
  status: number,
  code: string,
  message: string,
  requestId: string,
): Reply {
  return { status, body: { error_code: code, error_msg: message, request_id: requestId } };
}

/** An IAM (Keystone-style) error. */
export function iamError(status: number, title: string, message: string): Reply {
  return { status, body: { error: { code: status, title, message } } };
}

/** A JSON success. */
export function ok(status: number, body: unknown): Reply {
  return { status, body };
}
