import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  buildCanonicalRequest,
  canonicalQuery,
  canonicalUri,
  sha256Hex,
} from "./canonical-request";
import { computeSignature, parseAuthorization } from "./sdk-signature";
import { testAuthorization, testCanonicalRequest } from "./helpers/test-signer";

interface Vector {
  id: string;
  ak: string;
  sk: string;
  method: string;
  url: string;
  signed_headers: Record<string, string>;
  body: string;
  canonical_request?: string;
  canonical_query?: string;
  region?: string;
  service?: string;
  authorization: string;
}

const vectors = JSON.parse(
  readFileSync(join(__dirname, "fixtures", "signing-vectors.json"), "utf8"),
) as { access_format: Vector[]; credential_format: Vector[] };
const all = [...vectors.access_format, ...vectors.credential_format];

function signatureOf(authorization: string): string {
  return /Signature=([0-9a-f]{64})$/.exec(authorization)?.[1] ?? "";
}

describe("the emulator's SDK-HMAC-SHA256 verifier", () => {
  it.each(all.map((v) => [v.id, v] as const))("reproduces vector %s", (_id, v) => {
    const url = new URL(v.url);
    const parsed = parseAuthorization(v.authorization);
    if (typeof parsed === "string") throw new Error(parsed);
    const canonical = {
      method: v.method,
      rawPath: url.pathname,
      rawQuery: url.search.slice(1),
      headers: v.signed_headers,
      signedHeaders: parsed.signedHeaders,
      bodyHash: sha256Hex(v.body),
    };
    if (v.canonical_request) expect(buildCanonicalRequest(canonical)).toBe(v.canonical_request);
    if (v.canonical_query) expect(canonicalQuery(url.search.slice(1))).toBe(v.canonical_query);
    const date = v.signed_headers["x-sdk-date"] ?? "";
    expect(computeSignature(parsed.format, v.sk, date, canonical, parsed.scope)).toBe(
      signatureOf(v.authorization),
    );
    expect(parsed.accessKey).toBe(v.ak);
  });

  it("adds the trailing slash and encodes reserved and non-ASCII characters", () => {
    expect(canonicalUri("/v2.0/eip/floatingips_v6")).toBe("/v2.0/eip/floatingips_v6/");
    expect(canonicalUri("/")).toBe("/");
    expect(canonicalUri("/a%20b/c:d/%C3%A9")).toBe("/a%20b/c%3Ad/%C3%A9/");
    expect(canonicalQuery("b=2&a=x%20y&a=1&c=&router:external=True")).toBe(
      "a=1&a=x%20y&b=2&c=&router%3Aexternal=True",
    );
    expect(canonicalQuery("q=a+b")).toBe("q=a%20b");
  });

  it("rejects malformed Authorization headers with a reason", () => {
    expect(parseAuthorization("Bearer abc")).toEqual(expect.stringContaining("SDK-HMAC-SHA256"));
    expect(
      parseAuthorization("SDK-HMAC-SHA256 Access=ak, SignedHeaders=host, Signature=zz"),
    ).toEqual(expect.stringContaining("Signature"));
    expect(
      parseAuthorization(
        `SDK-HMAC-SHA256 Credential=ak/2024/x, SignedHeaders=host, Signature=${"0".repeat(64)}`,
      ),
    ).toEqual(expect.stringContaining("Credential"));
  });
});

describe("the tests' own signer", () => {
  it.each(all.map((v) => [v.id, v] as const))("reproduces vector %s", (_id, v) => {
    const input = {
      method: v.method,
      url: v.url,
      headers: v.signed_headers,
      body: v.body,
      accessKey: v.ak,
      secretKey: v.sk,
      format: v.authorization.includes("Access=") ? ("access" as const) : ("credential" as const),
      region: v.region,
      service: v.service,
    };
    if (v.canonical_request) expect(testCanonicalRequest(input)).toBe(v.canonical_request);
    expect(testAuthorization(input)).toBe(v.authorization);
  });
});
