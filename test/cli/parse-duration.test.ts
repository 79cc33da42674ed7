import fc from "fast-check";
import { formatAge } from "../../provider/cli/format-age";
import { parseDuration } from "../../provider/cli/parse-duration";
import { parseOtcTime } from "../../provider/cli/parse-otc-time";
import { UsageError } from "../../provider/core/errors";

describe("parseDuration", () => {
  it.each([
    ["7d", 7 * 86_400_000],
    ["36h", 36 * 3_600_000],
    ["90m", 90 * 60_000],
    ["45s", 45_000],
    ["2w", 14 * 86_400_000],
    ["1d12h", 36 * 3_600_000],
    ["1D", 86_400_000],
    ["0d", 0],
    [" 3h ", 3 * 3_600_000],
  ])("%s = %d ms", (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(["", "7", "d", "7 d", "-1d", "1.5d", "7y", "7days", "1d-2h", "9999999d", "600w"])(
    "rejects %j, naming the option and the value",
    (text) => {
      expect(() => parseDuration(text, "--older-than")).toThrow(UsageError);
      expect(() => parseDuration(text, "--older-than")).toThrow(
        `Invalid --older-than ${JSON.stringify(text)}`,
      );
    },
  );

  it("adds its parts: parse(a) + parse(b) = parse(a + b)", () => {
    const part = fc.tuple(fc.integer({ min: 0, max: 999 }), fc.constantFrom("s", "m", "h", "d"));
    fc.assert(
      fc.property(part, part, ([n1, u1], [n2, u2]) => {
        const a = `${n1}${u1}`;
        const b = `${n2}${u2}`;
        expect(parseDuration(a + b)).toBe(parseDuration(a) + parseDuration(b));
      }),
    );
  });
});

describe("formatAge", () => {
  it.each([
    [-5, "0s"],
    [0, "0s"],
    [59_999, "59s"],
    [60_000, "1m"],
    [3_599_999, "59m"],
    [3_600_000, "1h"],
    [86_399_999, "23h"],
    [86_400_000, "1d"],
    [25 * 86_400_000, "25d"],
  ])("%d ms → %s", (ms, text) => {
    expect(formatAge(ms)).toBe(text);
  });
});

describe("parseOtcTime", () => {
  it("reads OTC's zoneless timestamps as UTC", () => {
    expect(parseOtcTime("2026-11-19T08:12:03")).toBe(Date.UTC(2026, 10, 19, 8, 12, 3));
  });
  it.each([
    ["2026-11-19 08:12:03", Date.UTC(2026, 10, 19, 8, 12, 3)],
    ["2026-11-19T08:12:03.250", Date.UTC(2026, 10, 19, 8, 12, 3, 250)],
    ["2026-11-19T08:12:03Z", Date.UTC(2026, 10, 19, 8, 12, 3)],
    ["2026-11-19T09:12:03+01:00", Date.UTC(2026, 10, 19, 8, 12, 3)],
  ])("tolerates %s", (text, ms) => {
    expect(parseOtcTime(text)).toBe(ms);
  });
  it.each([null, undefined, "", "yesterday", "2026-13-45T99:00:00", "2026-11-19"])(
    "returns undefined for %j",
    (text) => {
      expect(parseOtcTime(text)).toBeUndefined();
    },
  );
});
