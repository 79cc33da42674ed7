/**
 * The SDK-HMAC-SHA256 canonical request, built from what the server received (the verifier's side).
 * Rules from the OTC API-usage docs as summarised in `otc-auth-and-config.md`: segments and query
 * pairs percent-encoded with only RFC 3986 unreserved characters left as they are, a trailing `/`
 * added to the URI, query pairs sorted by key then value, headers lower-cased, trimmed and sorted.
 */
import { createHash } from "node:crypto";

/** Percent-encodes everything except RFC 3986 unreserved characters (`A-Z a-z 0-9 - _ . ~`). */
export function encodeRfc3986(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** Decodes a raw path segment or query component; `+` in a query is a space, as Go's url package reads it. */
function decodeComponent(raw: string, plusIsSpace: boolean): string {
  return decodeURIComponent(plusIsSpace ? raw.replace(/\+/g, " ") : raw);
}

/** The canonical URI of a raw request path: each segment re-encoded, a trailing `/` added. */
export function canonicalUri(rawPath: string): string {
  const encoded = rawPath
    .split("/")
    .map((segment) => encodeRfc3986(decodeComponent(segment, false)))
    .join("/");
  const withSlash = encoded.endsWith("/") ? encoded : `${encoded}/`;
  return withSlash.startsWith("/") ? withSlash : `/${withSlash}`;
}

/** The canonical query of a raw query string (without `?`): pairs encoded and sorted. */
export function canonicalQuery(rawQuery: string): string {
  if (rawQuery === "") return "";
  const pairs = rawQuery
    .split("&")
    .filter((part) => part !== "")
    .map((part) => {
      const eq = part.indexOf("=");
      const key = eq < 0 ? part : part.slice(0, eq);
      const value = eq < 0 ? "" : part.slice(eq + 1);
      return [
        encodeRfc3986(decodeComponent(key, true)),
        encodeRfc3986(decodeComponent(value, true)),
      ] as const;
    });
  pairs.sort(([ka, va], [kb, vb]) => (ka === kb ? compare(va, vb) : compare(ka, kb)));
  return pairs.map(([k, v]) => `${k}=${v}`).join("&");
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Lower-case hex SHA-256. */
export function sha256Hex(data: string | Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}

/** What the canonical request is made of. */
export interface CanonicalRequestInput {
  method: string;
  rawPath: string;
  rawQuery: string;
  /** Header values by lower-case name. */
  headers: Record<string, string>;
  /** Lower-case names of the signed headers, as the `SignedHeaders` list gives them. */
  signedHeaders: readonly string[];
  /** Lower-case hex SHA-256 of the body (or the signed `x-sdk-content-sha256` value). */
  bodyHash: string;
}

/** Builds the canonical request text; throws `URIError` on malformed percent-encoding. */
export function buildCanonicalRequest(input: CanonicalRequestInput): string {
  const names = [...input.signedHeaders].sort();
  const headerBlock = names
    .map((name) => `${name}:${(input.headers[name] ?? "").trim()}\n`)
    .join("");
  return [
    input.method.toUpperCase(),
    canonicalUri(input.rawPath),
    canonicalQuery(input.rawQuery),
    headerBlock,
    names.join(";"),
    input.bodyHash,
  ].join("\n");
}
