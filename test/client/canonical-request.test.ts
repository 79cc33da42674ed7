import fc from "fast-check";
import {
  buildCanonicalRequest,
  canonicalHeaders,
  canonicalQuery,
  canonicalUri,
} from "../../provider/client/auth/canonical-request";
import { percentDecode, percentEncode } from "../../provider/client/auth/percent-encode";

// The rules are those of otc-auth-and-config.md ("AK/SK signing"), checked here directly.
describe("canonical URI", () => {
  it.each([
    ["", "/"],
    ["/", "/"],
    ["/path", "/path/"],
    ["/v2.0/eip/floatingips_v6", "/v2.0/eip/floatingips_v6/"],
    ["/already/", "/already/"],
    ["/a b", "/a%20b/"],
    ["/a%20b", "/a%20b/"],
    ["/x:y/z", "/x%3Ay/z/"],
    ["/é", "/%C3%A9/"],
    ["/%C3%A9", "/%C3%A9/"],
    ["/it's(1)*!", "/it%27s%281%29%2A%21/"],
    ["/a~b_c-d.e", "/a~b_c-d.e/"],
  ])("%j → %j", (path, expected) => {
    expect(canonicalUri(path)).toBe(expected);
  });
});

describe("canonical query", () => {
  it.each([
    ["", ""],
    ["?", ""],
    ["?limit=1", "limit=1"],
    ["?router:external=True", "router%3Aexternal=True"],
    ["?router%3Aexternal=True", "router%3Aexternal=True"],
    ["?name=a b", "name=a%20b"],
    ["?name=a+b", "name=a%20b"],
    ["?name=a%2Bb", "name=a%2Bb"],
    ["?b=2&a=1", "a=1&b=2"],
    ["?k=b&k=a&k=c", "k=a&k=b&k=c"],
    ["?empty=&flag", "empty=&flag="],
    ["?n=%C3%A9", "n=%C3%A9"],
    ["?n=é", "n=%C3%A9"],
    ["?a=1&&b=2", "a=1&b=2"],
    ["?x=!*'()", "x=%21%2A%27%28%29"],
  ])("%j → %j", (search, expected) => {
    expect(canonicalQuery(search)).toBe(expected);
  });

  it("sorts by key before value", () => {
    expect(canonicalQuery("?ab=1&a=2&a=1")).toBe("a=1&a=2&ab=1");
  });
});

describe("canonical headers", () => {
  it("lower-cases names, trims values, sorts, and ends each with a newline", () => {
    expect(canonicalHeaders({ "X-Sdk-Date": " 20240102T030405Z ", Host: "vpc.example" })).toBe(
      "host:vpc.example\nx-sdk-date:20240102T030405Z\n",
    );
  });

  it("builds the six-line canonical request with a blank line after the headers", () => {
    expect(
      buildCanonicalRequest({
        method: "get",
        url: "https://example.com/a?b=1",
        headers: { host: "example.com" },
      }),
    ).toBe(
      "GET\n/a/\nb=1\nhost:example.com\n\nhost\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    );
  });
});

describe("percentEncode", () => {
  it("leaves exactly the RFC 3986 unreserved characters", () => {
    fc.assert(
      fc.property(fc.fullUnicodeString(), (s) => {
        const encoded = percentEncode(s);
        expect(encoded).toMatch(/^(?:[A-Za-z0-9\-._~]|%[0-9A-F]{2})*$/);
        expect(percentDecode(encoded)).toBe(s);
      }),
    );
  });

  it("is stable under decode → encode (what the canonical URI does)", () => {
    fc.assert(
      fc.property(fc.fullUnicodeString(), (s) => {
        const once = percentEncode(s);
        expect(percentEncode(percentDecode(once))).toBe(once);
      }),
    );
  });
});
