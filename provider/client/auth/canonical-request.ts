/**
 * The canonical request of OTC's `SDK-HMAC-SHA256` signature, built from pure values. The rules
 * are those of the API gateway's signing guide (see `otc-auth-and-config.md`): canonical URI with a
 * trailing slash, canonical query sorted by key then value, lower-case trimmed headers, and the
 * hex SHA-256 of the exact body bytes.
 */
import { createHash } from "node:crypto";
import { percentDecode, percentEncode } from "./percent-encode";

/** A request reduced to what the signature covers. */
export interface SignableRequest {
  /** HTTP method (any case; upper-cased in the signature). */
  method: string;
  /** The full URL as sent, e.g. `https://vpc.eu-de.otc.t-systems.com/v2.0/networks?name=x`. */
  url: string;
  /** The headers to sign, by name (any case). Exactly these are signed. */
  headers: Readonly<Record<string, string>>;
  /** The exact body bytes (or text, taken as UTF-8); empty for none. */
  body?: string | Uint8Array;
}

/**
 * The canonical URI: each path segment decoded, then percent-encoded (RFC 3986), with a trailing
 * `/` added when missing (only in the signature: the request itself goes out unchanged).
 */
export function canonicalUri(pathname: string): string {
  const encoded = pathname
    .split("/")
    .map((segment) => percentEncode(percentDecode(segment)))
    .join("/");
  const rooted = encoded.startsWith("/") ? encoded : `/${encoded}`;
  return rooted.endsWith("/") ? rooted : `${rooted}/`;
}

function compareUtf8(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));
}

/**
 * The canonical query: every `key=value` pair decoded (`+` is a space, as in form encoding), then
 * both sides percent-encoded (RFC 3986: `:` → `%3A`, space → `%20`), sorted by key then value
 * (byte order of the UTF-8 text), joined with `&`. A key without `=` gets an empty value.
 */
export function canonicalQuery(search: string): string {
  const raw = search.startsWith("?") ? search.slice(1) : search;
  if (raw === "") return "";
  const pairs: [string, string][] = [];
  for (const part of raw.split("&")) {
    if (part === "") continue;
    const eq = part.indexOf("=");
    const key = eq < 0 ? part : part.slice(0, eq);
    const value = eq < 0 ? "" : part.slice(eq + 1);
    pairs.push([percentDecode(key.replace(/\+/g, " ")), percentDecode(value.replace(/\+/g, " "))]);
  }
  pairs.sort((x, y) => compareUtf8(x[0], y[0]) || compareUtf8(x[1], y[1]));
  return pairs.map(([k, v]) => `${percentEncode(k)}=${percentEncode(v)}`).join("&");
}

/** The sorted lower-case names of the signed headers. */
export function signedHeaderNames(headers: Readonly<Record<string, string>>): string[] {
  return Object.keys(headers)
    .map((name) => name.toLowerCase())
    .sort();
}

/** The canonical headers block: `name:trimmed value\n` per signed header, sorted by name. */
export function canonicalHeaders(headers: Readonly<Record<string, string>>): string {
  const byName = new Map<string, string>();
  for (const [name, value] of Object.entries(headers)) {
    byName.set(name.toLowerCase(), value.trim());
  }
  return signedHeaderNames(headers)
    .map((name) => `${name}:${byName.get(name) ?? ""}\n`)
    .join("");
}

/** Lower-case hex SHA-256 of the body bytes. */
export function hashBody(body: string | Uint8Array | undefined): string {
  return createHash("sha256")
    .update(body ?? "")
    .digest("hex");
}

/** The whole canonical request, one item per line, as the signature hashes it. */
export function buildCanonicalRequest(request: SignableRequest): string {
  const url = new URL(request.url);
  return [
    request.method.toUpperCase(),
    canonicalUri(url.pathname),
    canonicalQuery(url.search),
    canonicalHeaders(request.headers),
    signedHeaderNames(request.headers).join(";"),
    hashBody(request.body),
  ].join("\n");
}
