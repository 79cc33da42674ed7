import fc from "fast-check";
import { DEFAULT_POLL_SCHEDULE, pollDelayMs } from "../../provider/core/poll-schedule";
import { containsUnknown, UNKNOWN_VALUE } from "../../provider/core/unknown-value";

describe("pollDelayMs", () => {
  it("polls first within 250 ms, then backs off to the cap", () => {
    const delays = [0, 1, 2, 3, 4, 5, 10, 100].map((a) => pollDelayMs(a, 0, 1e9));
    expect(delays[0]).toBeLessThanOrEqual(250);
    expect(delays).toEqual([...delays].sort((a, b) => a - b));
    expect(delays.at(-1)).toBe(DEFAULT_POLL_SCHEDULE.capMs);
  });

  it("never waits past the deadline nor a negative time", () => {
    fc.assert(
      fc.property(fc.nat(1000), fc.integer(), fc.integer(), (attempt, now, deadline) => {
        const d = pollDelayMs(attempt, now, deadline);
        expect(d).toBeGreaterThanOrEqual(0);
        expect(d).toBeLessThanOrEqual(Math.max(0, deadline - now));
      }),
    );
  });
});

describe("containsUnknown", () => {
  it("finds the placeholder at any depth", () => {
    expect(containsUnknown(UNKNOWN_VALUE)).toBe(true);
    expect(containsUnknown({ a: [1, { b: UNKNOWN_VALUE }] })).toBe(true);
    expect(containsUnknown({ a: [1, { b: "x" }], c: null })).toBe(false);
  });
});
