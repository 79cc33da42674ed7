import fc from "fast-check";
import { DEFAULT_POLL_SCHEDULE, pollDelayMs } from "../../provider/core/poll-schedule";
import { containsUnknown, UNKNOWN_VALUE } from "../../provider/core/unknown-value";

describe("pollDelayMs", () => {
  it("polls at once first, then after 200 ms doubling, up to the cap", () => {
    const delays = [0, 1, 2, 3, 4, 5, 10, 100].map((a) => pollDelayMs(a, 0, 1e9));
    expect(delays.slice(0, 6)).toEqual([0, 200, 400, 800, 1600, 3200]);
    expect(delays).toEqual([...delays].sort((a, b) => a - b));
    expect(delays.at(-1)).toBe(DEFAULT_POLL_SCHEDULE.capMs);
  });

  it("follows a custom schedule", () => {
    const schedule = { firstMs: 50, secondMs: 100, factor: 3, capMs: 1000 };
    const delays = [0, 1, 2, 3, 4].map((a) => pollDelayMs(a, 0, 1e9, schedule));
    expect(delays).toEqual([50, 100, 300, 900, 1000]);
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
