/**
 * SDK-HMAC-SHA256 signatures in the two `Authorization` formats OTC's API gateway accepts:
 * `Access=<AK>` (string to sign without scope, keyed with the SK) and `Credential=<AK>/<scope>`
 * (scope `<yyyymmdd>/<region>/<service>/sdk_request`, key derived by an HMAC chain from `"SDK"+SK`).
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { buildCanonicalRequest, sha256Hex } from "./canonical-request";
import type { CanonicalRequestInput } from "./canonical-request";

/** The algorithm name that starts every `Authorization` value. */
export const SDK_ALGORITHM = "SDK-HMAC-SHA256";

/** The credential scope of the `Credential` format. */
export interface CredentialScope {
  date: string;
  region: string;
  service: string;
}

/** A parsed `Authorization` header. */
export interface ParsedAuthorization {
  format: "access" | "credential";
  accessKey: string;
  /** Present in the `Credential` format. */
  scope?: CredentialScope;
  signedHeaders: string[];
  signature: string;
}

/** Parses an `Authorization` header; returns a reason string when it is not a valid SDK header. */
export function parseAuthorization(header: string): ParsedAuthorization | string {
  const trimmed = header.trim();
  if (!trimmed.startsWith(`${SDK_ALGORITHM} `)) {
    return `the Authorization header must start with "${SDK_ALGORITHM} "`;
  }
  const fields = new Map<string, string>();
  for (const part of trimmed.slice(SDK_ALGORITHM.length + 1).split(",")) {
    const eq = part.indexOf("=");
    if (eq < 0) return `the Authorization part "${part.trim()}" is not name=value`;
    fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const signedHeaders = fields.get("SignedHeaders");
  const signature = fields.get("Signature");
  if (signedHeaders === undefined || signedHeaders === "") return "SignedHeaders is missing";
  if (signature === undefined || !/^[0-9a-f]{64}$/.test(signature)) {
    return "Signature is missing or not 64 lower-case hex digits";
  }
  const names = signedHeaders.split(";");
  const access = fields.get("Access");
  if (access !== undefined) {
    return { format: "access", accessKey: access, signedHeaders: names, signature };
  }
  const credential = fields.get("Credential");
  if (credential === undefined) return "neither Access= nor Credential= is present";
  const parts = credential.split("/");
  if (parts.length !== 5 || parts[4] !== "sdk_request" || !/^\d{8}$/.test(parts[1] ?? "")) {
    return "Credential must be <AK>/<yyyymmdd>/<region>/<service>/sdk_request";
  }
  const [accessKey = "", date = "", region = "", service = ""] = parts;
  return {
    format: "credential",
    accessKey,
    scope: { date, region, service },
    signedHeaders: names,
    signature,
  };
}

function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac("sha256", key).update(data).digest();
}

/** Computes the hex signature for a canonical request in the given format. */
export function computeSignature(
  format: "access" | "credential",
  secretKey: string,
  sdkDate: string,
  canonical: CanonicalRequestInput,
  scope?: CredentialScope,
): string {
  const hashedRequest = sha256Hex(buildCanonicalRequest(canonical));
  if (format === "access") {
    return hmac(secretKey, `${SDK_ALGORITHM}\n${sdkDate}\n${hashedRequest}`).toString("hex");
  }
  const s = scope ?? { date: sdkDate.slice(0, 8), region: "", service: "" };
  const scopeText = `${s.date}/${s.region}/${s.service}/sdk_request`;
  const key = hmac(hmac(hmac(hmac(`SDK${secretKey}`, s.date), s.region), s.service), "sdk_request");
  return hmac(key, `${SDK_ALGORITHM}\n${sdkDate}\n${scopeText}\n${hashedRequest}`).toString("hex");
}

/** Constant-time comparison of two hex signatures. */
export function signaturesMatch(expected: string, received: string): boolean {
  const a = Buffer.from(expected, "utf8");
  const b = Buffer.from(received, "utf8");
  return a.length === b.length && timingSafeEqual(a, b);
}
