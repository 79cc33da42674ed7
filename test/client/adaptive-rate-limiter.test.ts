import {
  AdaptiveRateLimiter,
  RateWaitPastDeadline,
} from "../../provider/client/transport/adaptive-rate-limiter";
import { manualClock, type ManualClock } from "./helpers/manual-clock";

/** Lets promise callbacks run (the limiter's queue runs on them). */
async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
}

let clock: ManualClock;
let limiter: AdaptiveRateLimiter;

/** Starts `n` waits for a token; returns how many have been let through so far. */
function startWaits(n: number, options: { signal?: AbortSignal } = {}): () => number {
  let through = 0;
  for (let i = 0; i < n; i++) {
    const wait = limiter.acquire(options);
    if (wait === undefined) through++;
    else
      wait.then(
        () => through++,
        () => undefined,
      );
  }
  return () => through;
}

/** `count` sends at the current time (the meter then reads count / 0.5 s). */
function sendBurst(count: number): void {
  for (let i = 0; i < count; i++) limiter.onSent();
}

beforeEach(() => {
  clock = manualClock();
  limiter = new AdaptiveRateLimiter(clock);
});

it("holds all but the first 16 requests until 16 answers came back, then lets everything through", async () => {
  const first = startWaits(50);
  await settle();
  expect(first()).toBe(16);
  expect(limiter.stats()).toMatchObject({ enabled: false, window: "probing", waiting: 34 });
  for (let i = 0; i < 15; i++) limiter.onAnswer();
  limiter.onNoAnswer(); // a reset ends the wait as an answer does
  await settle();
  expect(first()).toBe(50);
  const later = startWaits(50);
  await settle();
  expect(later()).toBe(50);
  expect(limiter.stats()).toMatchObject({
    enabled: false,
    rate: Infinity,
    window: "open",
    throttles: 0,
  });
});

it("lets the held requests go after initialWindowMs when the first answers are slow", async () => {
  const through = startWaits(20);
  await settle();
  expect(through()).toBe(16);
  clock.advance(999);
  await settle();
  expect(through()).toBe(16);
  clock.advance(1);
  await settle();
  expect(through()).toBe(20);
});

it("hands the held requests to the send rate when one of the first answers is a throttle", async () => {
  const through = startWaits(40);
  await settle();
  expect(through()).toBe(16);
  sendBurst(16);
  for (let i = 0; i < 5; i++) limiter.onAnswer();
  limiter.onThrottle(clock.now(), undefined); // 16 sent at once: the meter reads 32/s, so 22.4/s
  await settle();
  expect(limiter.stats()).toMatchObject({ enabled: true, window: "throttled" });
  expect(through()).toBe(16); // the bucket starts empty: none of the 24 held goes at once
  for (let ms = 0; ms < 500; ms += 10) {
    clock.advance(10);
    await settle();
  }
  expect(through() - 16).toBeGreaterThanOrEqual(10);
  expect(through() - 16).toBeLessThanOrEqual(12);
});

it("turns on at the first throttle at β × the measured rate and paces the queue at that rate", async () => {
  sendBurst(10); // 10 in one 0.5 s interval: 20/s
  limiter.onThrottle(clock.now(), undefined);
  expect(limiter.stats()).toMatchObject({ enabled: true, rate: 14, decreases: 1 });
  const through = startWaits(30);
  await settle();
  expect(through()).toBe(0); // the bucket starts empty
  for (let ms = 0; ms < 1000; ms += 10) {
    clock.advance(10);
    await settle();
  }
  // 14 tokens a second, give or take the one whose interval straddles the second's end.
  expect(through()).toBeGreaterThanOrEqual(13);
  expect(through()).toBeLessThanOrEqual(14);
});

it("cuts once per overload: throttles of requests sent before the last cut do not cut again", () => {
  sendBurst(10);
  const sentAt = clock.now();
  limiter.onThrottle(sentAt, undefined);
  clock.advance(50);
  limiter.onThrottle(sentAt, undefined);
  limiter.onThrottle(sentAt, undefined);
  expect(limiter.stats()).toMatchObject({ throttles: 3, decreases: 1, rate: 14 });
  clock.advance(50);
  limiter.onThrottle(clock.now() - 10, undefined); // sent after the cut: a new overload
  expect(limiter.stats().decreases).toBe(2);
  expect(limiter.stats().rate).toBeCloseTo(14 * 0.7, 5);
});

it("holds every caller for the whole Retry-After, then lets them through", async () => {
  sendBurst(50); // 100/s: tokens come fast once the pause is over
  limiter.onThrottle(clock.now(), 2000);
  const through = startWaits(5);
  await settle();
  clock.advance(1999);
  await settle();
  expect(through()).toBe(0);
  expect(limiter.acquire()).toBeInstanceOf(Promise); // a newcomer waits too
  clock.advance(1);
  for (let i = 0; i < 20; i++) {
    await settle();
    clock.advance(20);
  }
  expect(through()).toBe(5);
});

it("fails a wait that cannot end before the caller's deadline, without queueing it", () => {
  sendBurst(1); // 2/s measured, 1.4/s allowed
  limiter.onThrottle(clock.now(), undefined);
  expect(() => limiter.acquire({ deadline: clock.now() + 100 })).toThrow(RateWaitPastDeadline);
  expect(limiter.stats().waiting).toBe(0);
});

it("drops a waiter whose signal aborts, and the others keep their turn", async () => {
  sendBurst(10);
  limiter.onThrottle(clock.now(), undefined);
  const abort = new AbortController();
  const aborted = limiter.acquire({ signal: abort.signal });
  const rejected = expect(aborted).rejects.toThrow(/stop/);
  const through = startWaits(2);
  abort.abort(new Error("stop"));
  await rejected;
  expect(limiter.stats().waiting).toBe(2);
  for (let i = 0; i < 20; i++) {
    clock.advance(20);
    await settle();
  }
  expect(through()).toBe(2);
});

it("grows the rate back after a throttle as answers come in", () => {
  sendBurst(10);
  limiter.onThrottle(clock.now(), undefined);
  for (let s = 0; s < 8; s++) {
    clock.advance(250);
    sendBurst(5); // keep the measured rate near 20/s, so the cap (2 × measured) does not bind
    clock.advance(250);
    sendBurst(5);
    limiter.onAnswer();
  }
  // K ≈ 2.4 s for W_max = 20: after 4 s the curve is past W_max.
  expect(limiter.stats().rate).toBeGreaterThan(20);
});
