/**
 * The tests' own SDK-HMAC-SHA256 signer, written apart from the emulator's verifier (byte-wise
 * encoding, `URL` parsing) so that the two check each other against the shared vectors.
 */
import { createHash, createHmac } from "node:crypto";

const UNRESERVED = /[A-Za-z0-9\-_.~]/;

/** RFC 3986 encoding byte by byte: unreserved characters stay, everything else becomes `%XX`. */
export function percentEncode(text: string): string {
  let out = "";
  for (const byte of Buffer.from(text, "utf8")) {
    const ch = String.fromCharCode(byte);
    out +=
      byte < 0x80 && UNRESERVED.test(ch)
        ? ch
        : `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

/** What to sign. */
export interface SignInput {
  method: string;
  url: string;
  /** Headers to sign (names in any case); `host` and `x-sdk-date` must be among them. */
  headers: Record<string, string>;
  body?: string;
  accessKey: string;
  secretKey: string;
  format: "access" | "credential";
  region?: string;
  service?: string;
  /** The `X-Sdk-Date` value when it is sent but not among `headers` (default: from `headers`). */
  sdkDate?: string;
}

/** The canonical request for `input`. */
export function testCanonicalRequest(input: SignInput): string {
  const url = new URL(input.url);
  const segments = url.pathname.split("/").map((s) => percentEncode(decodeURIComponent(s)));
  let uri = segments.join("/");
  if (!uri.endsWith("/")) uri += "/";
  const pairs = [...url.searchParams.entries()].map(([k, v]) => [
    percentEncode(k),
    percentEncode(v),
  ]);
  pairs.sort((a, b) =>
    a[0] === b[0] ? ((a[1] ?? "") < (b[1] ?? "") ? -1 : 1) : (a[0] ?? "") < (b[0] ?? "") ? -1 : 1,
  );
  const lower = Object.entries(input.headers).map(([k, v]) => [k.toLowerCase(), v.trim()] as const);
  lower.sort((a, b) => (a[0] < b[0] ? -1 : 1));
  return [
    input.method.toUpperCase(),
    uri,
    pairs.map((p) => p.join("=")).join("&"),
    lower.map(([k, v]) => `${k}:${v}\n`).join(""),
    lower.map(([k]) => k).join(";"),
    createHash("sha256")
      .update(input.body ?? "")
      .digest("hex"),
  ].join("\n");
}

/** The `Authorization` header value for `input`. */
export function testAuthorization(input: SignInput): string {
  const date =
    input.sdkDate ??
    Object.entries(input.headers).find(([k]) => k.toLowerCase() === "x-sdk-date")?.[1] ??
    "";
  const hashed = createHash("sha256").update(testCanonicalRequest(input)).digest("hex");
  const signedHeaders = Object.keys(input.headers)
    .map((k) => k.toLowerCase())
    .sort()
    .join(";");
  const mac = (key: string | Buffer, data: string) =>
    createHmac("sha256", key).update(data).digest();
  if (input.format === "access") {
    const signature = mac(input.secretKey, `SDK-HMAC-SHA256\n${date}\n${hashed}`).toString("hex");
    return `SDK-HMAC-SHA256 Access=${input.accessKey}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
  }
  const day = date.slice(0, 8);
  const region = input.region ?? "";
  const service = input.service ?? "";
  const scope = `${day}/${region}/${service}/sdk_request`;
  let key = mac(`SDK${input.secretKey}`, day);
  key = mac(key, region);
  key = mac(key, service);
  key = mac(key, "sdk_request");
  const signature = mac(key, `SDK-HMAC-SHA256\n${date}\n${scope}\n${hashed}`).toString("hex");
  return `SDK-HMAC-SHA256 Credential=${input.accessKey}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
}

/** `YYYYMMDDTHHMMSSZ` for a moment. */
export function sdkDate(epochMs: number): string {
  return new Date(epochMs)
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
}
