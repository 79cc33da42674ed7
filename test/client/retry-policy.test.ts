import fc from "fast-check";
import {
  backoffDelay,
  classifyAnswer,
  DEFAULT_RETRY_POLICY,
  parseRetryAfter,
} from "../../provider/client/transport/retry-policy";

describe("backoffDelay (full jitter)", () => {
  it("stays within [0, min(maxDelay, base·2^(n-1))]", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.double({ min: 0, max: 0.999999, noNaN: true }),
        (n, r) => {
          const d = backoffDelay(DEFAULT_RETRY_POLICY, n, () => r);
          const ceiling = Math.min(
            DEFAULT_RETRY_POLICY.maxDelayMs,
            DEFAULT_RETRY_POLICY.baseDelayMs * 2 ** (n - 1),
          );
          expect(d).toBeGreaterThanOrEqual(0);
          expect(d).toBeLessThanOrEqual(ceiling);
        },
      ),
    );
  });

  it("grows exponentially up to the cap", () => {
    const top = (n: number) => backoffDelay(DEFAULT_RETRY_POLICY, n, () => 0.999999);
    expect([1, 2, 3, 4].map(top)).toEqual([499, 999, 1999, 3999]);
    expect(top(30)).toBe(19999);
  });
});

describe("parseRetryAfter", () => {
  const now = Date.parse("2024-01-02T03:04:05Z");
  it.each<[string | undefined, number | undefined]>([
    [undefined, undefined],
    ["3", 3000],
    ["0", 0],
    ["1.5", 1500],
    ["Tue, 02 Jan 2024 03:04:15 GMT", 10_000],
    ["Tue, 02 Jan 2024 03:00:00 GMT", 0],
    ["soon", undefined],
  ])("%j → %j ms", (header, expected) => {
    expect(parseRetryAfter(header, now)).toBe(expected);
  });
});

describe("classifyAnswer reads status, method and code together", () => {
  it.each<[number, string, string | undefined, string]>([
    [429, "GET", "APIG.0308", "rejected-retryable"],
    [429, "POST", undefined, "rejected-retryable"],
    [429, "GET", "IAM.0012", "rejected-retryable"],
    [409, "POST", "VPC.0512", "rejected-retryable"],
    [502, "GET", undefined, "transient"],
    [503, "POST", "APIG.1009", "transient"],
    [504, "GET", undefined, "transient"],
    [500, "GET", undefined, "transient"],
    [500, "POST", "VPC.0514", "transient"],
    [404, "GET", "VPC.0514", "transient"],
    // The appendix, per operation: each of these is OTC saying what happened.
    [500, "POST", "VPC.0503", "definitive"],
    [500, "POST", "VPC.0504", "definitive"],
    [500, "PUT", "VPC.0509", "definitive"],
    [500, "PUT", "VPC.0508", "definitive"],
    [500, "DELETE", "VPC.0516", "definitive"],
    [500, "DELETE", "VPC.0518", "definitive"],
    [409, "PUT", "VPC.0522", "definitive"],
    [400, "GET", "VPC.0501", "definitive"],
    [403, "POST", "VPC.0502", "definitive"],
    [409, "PUT", "VPC.0510", "definitive"],
    [409, "POST", "VPC.0511", "definitive"],
    [409, "POST", "VPC.0521", "definitive"],
    [409, "POST", "VPC.0532", "definitive"],
    [404, "GET", "VPC.0504", "definitive"],
    [404, "GET", "APIG.0101", "definitive"],
    [404, "DELETE", undefined, "definitive"],
  ])("%i %s %s → %s", (status, method, code, expected) => {
    expect(classifyAnswer({ status, method, code })).toBe(expected);
  });
});
