import {
  CubicRateController,
  DEFAULT_CUBIC_PARAMETERS,
} from "../../provider/client/transport/cubic-rate-controller";
import { SendRateMeter } from "../../provider/client/transport/send-rate-meter";
import { RetryQuota } from "../../provider/client/transport/retry-quota";

describe("CubicRateController", () => {
  const { beta, scaleConstant } = DEFAULT_CUBIC_PARAMETERS;

  it("cuts the rate to β times the measured rate on the first throttle", () => {
    const c = new CubicRateController();
    expect(c.onThrottle(10, 40, undefined)).toBeCloseTo(40 * beta, 10);
    expect(c.lastMax).toBe(40);
    expect(c.timeWindow).toBeCloseTo(Math.cbrt((40 * (1 - beta)) / scaleConstant), 10);
  });

  it("takes the lower of the measured and the allowed rate as the rate that was too much", () => {
    const c = new CubicRateController();
    expect(c.onThrottle(0, 30, 20)).toBeCloseTo(14, 10);
    expect(c.onThrottle(1, 10, 14)).toBeCloseTo(7, 10);
  });

  it("follows C·(t−K)³ + W_max after a throttle: β·W_max at once, W_max after K, more beyond", () => {
    const c = new CubicRateController();
    c.onThrottle(100, 20, undefined);
    const k = c.timeWindow;
    const big = 1e6; // a measured rate high enough not to cap the curve
    expect(c.onSuccess(100, big)).toBeCloseTo(20 * beta, 10);
    expect(c.onSuccess(100 + k, big)).toBeCloseTo(20, 10);
    expect(c.onSuccess(100 + k + 2, big)).toBeCloseTo(20 + scaleConstant * 8, 10);
    // Concave before K, convex after: the growth is slowest near W_max.
    const step = (t: number) => c.onSuccess(100 + t + 0.1, big) - c.onSuccess(100 + t, big);
    expect(step(0)).toBeGreaterThan(step(k - 0.5));
    expect(step(k + 1)).toBeGreaterThan(step(k - 0.05));
  });

  it("never allows more than twice the measured rate, nor less than the minimum", () => {
    const c = new CubicRateController({ ...DEFAULT_CUBIC_PARAMETERS, minRate: 0.5 });
    c.onThrottle(0, 20, undefined);
    expect(c.onSuccess(100, 3)).toBe(6);
    expect(c.onSuccess(100, 0)).toBe(0.5);
    expect(c.onThrottle(101, 0.1, 0.2)).toBe(0.5);
  });

  it("rejects parameters outside their ranges", () => {
    expect(() => new CubicRateController({ beta: 1, scaleConstant: 0.4, minRate: 0.5 })).toThrow(
      /beta/,
    );
    expect(() => new CubicRateController({ beta: 0.7, scaleConstant: 0, minRate: 0.5 })).toThrow(
      /scaleConstant/,
    );
    expect(() => new CubicRateController({ beta: 0.7, scaleConstant: 0.4, minRate: 0 })).toThrow(
      /minRate/,
    );
  });
});

describe("SendRateMeter", () => {
  it("reads the first burst as its count over one interval", () => {
    const m = new SendRateMeter(500, 0.8);
    for (let i = 0; i < 30; i++) m.record(1000 + i);
    expect(m.rate(1040)).toBe(60);
  });

  it("blends each finished interval into a moving average (weight 0.8 for the newest)", () => {
    const m = new SendRateMeter(500, 0.8);
    for (let i = 0; i < 10; i++) m.record(i * 50); // 10 in [0, 500): 20/s
    expect(m.rate(500)).toBe(20);
    for (let i = 0; i < 5; i++) m.record(500 + i * 100); // 5 in [500, 1000): 10/s
    expect(m.rate(1000)).toBeCloseTo(0.8 * 10 + 0.2 * 20, 10);
    // A silent interval counts as rate 0.
    expect(m.rate(1500)).toBeCloseTo(0.2 * 12, 10);
  });
});

describe("RetryQuota", () => {
  it("spends 5 per retry and 10 per timeout retry, and refuses what it cannot pay", () => {
    const q = new RetryQuota({ capacity: 22, retryCost: 5, timeoutCost: 10, successReward: 1 });
    expect(q.take(false)).toBe(5);
    expect(q.take(true)).toBe(10);
    expect(q.available).toBe(7);
    expect(q.take(true)).toBeUndefined();
    expect(q.take(false)).toBe(5);
    expect(q.take(false)).toBeUndefined();
    expect(q.available).toBe(2);
  });

  it("gives back what a call took when it succeeds, 1 for a call without retries, up to capacity", () => {
    const q = new RetryQuota({ capacity: 20, retryCost: 5, timeoutCost: 10, successReward: 1 });
    q.take(false);
    q.take(true);
    expect(q.available).toBe(5);
    q.onSuccess(15);
    expect(q.available).toBe(20);
    q.take(false);
    q.onSuccess(0);
    expect(q.available).toBe(16);
    for (let i = 0; i < 10; i++) q.onSuccess(0);
    expect(q.available).toBe(20);
  });
});
