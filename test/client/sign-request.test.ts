import { createHash } from "node:crypto";
import vectors from "../fixtures/signing-vectors.json";
import {
  formatSdkDate,
  signRequest,
  type SigningFormat,
} from "../../provider/client/auth/sign-request";

interface Vector {
  id: string;
  ak: string;
  sk: string;
  method: string;
  url: string;
  signed_headers: Record<string, string>;
  body: string;
  region?: string;
  service?: string;
  canonical_request?: string;
  canonical_query?: string;
  string_to_sign?: string;
  body_sha256?: string;
  authorization: string;
}

const cases: [SigningFormat, Vector][] = [
  ...(vectors.access_format as Vector[]).map((v): [SigningFormat, Vector] => ["access", v]),
  ...(vectors.credential_format as Vector[]).map((v): [SigningFormat, Vector] => ["credential", v]),
];

describe("signRequest reproduces every published and derived vector", () => {
  it("has all five vectors", () => {
    expect(cases.map(([, v]) => v.id).sort()).toEqual(["A1", "C1", "C4", "D", "E-cred"]);
  });

  it.each(cases.map(([f, v]) => [v.id, f, v] as const))(
    "vector %s (%s format)",
    (_id, format, v) => {
      const signed = signRequest(
        { method: v.method, url: v.url, headers: v.signed_headers, body: v.body },
        { accessKey: v.ak, secretKey: v.sk },
        // The vectors carry x-sdk-date, so the clock must not matter: give a different one.
        {
          format,
          now: new Date("2030-01-01T00:00:00Z"),
          region: v.region ?? "",
          service: v.service ?? "",
        },
      );
      expect(signed.authorization).toBe(v.authorization);
      if (v.canonical_request !== undefined)
        expect(signed.canonicalRequest).toBe(v.canonical_request);
      if (v.string_to_sign !== undefined) expect(signed.stringToSign).toBe(v.string_to_sign);
      if (v.canonical_query !== undefined) {
        expect(signed.canonicalRequest.split("\n")[2]).toBe(v.canonical_query);
      }
      if (v.body_sha256 !== undefined) {
        expect(signed.canonicalRequest.split("\n").at(-1)).toBe(v.body_sha256);
        expect(createHash("sha256").update(v.body).digest("hex")).toBe(v.body_sha256);
      }
    },
  );
});

describe("signRequest with the injected clock", () => {
  it("adds x-sdk-date from the clock when the request has none", () => {
    const signed = signRequest(
      {
        method: "GET",
        url: "http://example.com",
        headers: { host: "example.com", "x-project-id": "project" },
      },
      { accessKey: "ak", secretKey: "sk" },
      { format: "credential", now: new Date(1000) },
    );
    expect(signed.sdkDate).toBe("19700101T000001Z");
    // Same inputs as vector C1, so the same signature.
    expect(signed.authorization).toBe((vectors.credential_format as Vector[])[0]!.authorization);
  });

  it("formats the date as YYYYMMDDTHHMMSSZ in UTC", () => {
    expect(formatSdkDate(new Date("2024-01-02T03:04:05.678Z"))).toBe("20240102T030405Z");
  });

  it("changes the signature when the secret key, body or a signed header changes", () => {
    const base = {
      method: "POST",
      url: "https://vpc.eu-de.otc.t-systems.com/v2.0/eip/floatingips_v6",
      headers: { host: "vpc.eu-de.otc.t-systems.com", "x-sdk-date": "20240102T030405Z" },
      body: "{}",
    };
    const sig = (r: typeof base, sk = "sk") =>
      signRequest(r, { accessKey: "ak", secretKey: sk }, { format: "access", now: new Date(0) })
        .authorization;
    const reference = sig(base);
    expect(sig(base, "sk2")).not.toBe(reference);
    expect(sig({ ...base, body: "{ }" })).not.toBe(reference);
    expect(
      sig({ ...base, headers: { ...base.headers, host: "vpc.eu-nl.otc.t-systems.com" } }),
    ).not.toBe(reference);
  });
});
