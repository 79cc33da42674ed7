/**
 * The AK/SK signer (`SDK-HMAC-SHA256`): a pure function from a request, the keys and a date to the
 * headers to add. No I/O, no clock of its own, so the published vectors pin it down exactly.
 */
import { createHash, createHmac } from "node:crypto";
import {
  buildCanonicalRequest,
  signedHeaderNames,
  type SignableRequest,
} from "./canonical-request";

/** The two `Authorization` header formats OTC accepts. */
export type SigningFormat = "credential" | "access";

/** The keys to sign with. */
export interface SigningKeys {
  /** The access key (AK), which appears in the `Authorization` header. */
  accessKey: string;
  /** The secret key (SK), which never leaves this function. */
  secretKey: string;
}

/** How to sign. */
export interface SigningOptions {
  /** `credential` (what the Go SDK and the Terraform provider send) or `access`. */
  format: SigningFormat;
  /** The signing time; used only when the request has no `x-sdk-date` header. */
  now: Date;
  /** Region of the credential scope (`credential` format); usually empty. */
  region?: string;
  /** Service of the credential scope (`credential` format); usually empty. */
  service?: string;
}

/** What the signer computed: the headers to send, and the intermediate texts for diagnostics. */
export interface SignedRequest {
  /** The `x-sdk-date` value signed (and to be sent). */
  sdkDate: string;
  /** The `Authorization` header value. */
  authorization: string;
  /** The canonical request that was hashed. */
  canonicalRequest: string;
  /** The string that was signed. */
  stringToSign: string;
}

const ALGORITHM = "SDK-HMAC-SHA256";

/** Formats a date as `YYYYMMDDTHHMMSSZ` (UTC), the `x-sdk-date` format. */
export function formatSdkDate(date: Date): string {
  return date
    .toISOString()
    .replace(/\.\d{3}Z$/, "Z")
    .replace(/[-:]/g, "");
}

function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac("sha256", key).update(data, "utf8").digest();
}

/**
 * Signs `request`: every header in `request.headers` is signed (the caller chooses them: `host`,
 * `content-type` with a body, `x-project-id`, `x-security-token` for temporary keys); an
 * `x-sdk-date` header is added from `options.now` when absent.
 */
export function signRequest(
  request: SignableRequest,
  keys: SigningKeys,
  options: SigningOptions,
): SignedRequest {
  const existing = Object.entries(request.headers).find(
    ([name]) => name.toLowerCase() === "x-sdk-date",
  );
  const sdkDate = existing ? existing[1].trim() : formatSdkDate(options.now);
  const headers = existing ? request.headers : { ...request.headers, "x-sdk-date": sdkDate };
  const canonicalRequest = buildCanonicalRequest({ ...request, headers });
  const hashedRequest = createHash("sha256").update(canonicalRequest, "utf8").digest("hex");
  const signedHeaders = signedHeaderNames(headers).join(";");

  if (options.format === "access") {
    const stringToSign = `${ALGORITHM}\n${sdkDate}\n${hashedRequest}`;
    const signature = hmac(keys.secretKey, stringToSign).toString("hex");
    return {
      sdkDate,
      canonicalRequest,
      stringToSign,
      authorization: `${ALGORITHM} Access=${keys.accessKey}, SignedHeaders=${signedHeaders}, Signature=${signature}`,
    };
  }

  const day = sdkDate.slice(0, 8);
  const region = options.region ?? "";
  const service = options.service ?? "";
  const scope = `${day}/${region}/${service}/sdk_request`;
  const stringToSign = `${ALGORITHM}\n${sdkDate}\n${scope}\n${hashedRequest}`;
  const signingKey = hmac(
    hmac(hmac(hmac(`SDK${keys.secretKey}`, day), region), service),
    "sdk_request",
  );
  const signature = hmac(signingKey, stringToSign).toString("hex");
  return {
    sdkDate,
    canonicalRequest,
    stringToSign,
    authorization: `${ALGORITHM} Credential=${keys.accessKey}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`,
  };
}
