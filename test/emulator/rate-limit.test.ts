import { startEmulator } from "./index";
import type { Emulator } from "./types";
import { call, control, getToken } from "./helpers/emulator-client";

const V6 = "/v2.0/eip/floatingips_v6";
// So slow that no token comes back by itself during a test; advancing the clock refills.
const SLOW = 0.001;

describe("the gateway's rate limit", () => {
  let emu: Emulator;
  let token: string;
  beforeAll(async () => {
    emu = await startEmulator();
    token = await getToken(emu);
  });
  afterAll(() => emu.close());
  afterEach(() => emu.setRateLimit({}));

  it("lets a burst through, then answers 429 APIG.0308 without Retry-After until a token is back", async () => {
    emu.setRateLimit({ vpc: { requestsPerSecond: SLOW, burst: 3 } });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await call(emu, { path: V6, token })).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    const throttled = await call(emu, { path: V6, token });
    expect(throttled.json).toMatchObject({ error_code: "APIG.0308" });
    expect(throttled.headers["retry-after"]).toBeUndefined();
    emu.advanceClock(1 / SLOW);
    expect((await call(emu, { path: V6, token })).status).toBe(200);
    expect((await call(emu, { path: V6, token })).status).toBe(429);
    // IAM has its own bucket: unlimited here.
    await expect(getToken(emu)).resolves.toEqual(expect.any(String));
  });

  it("sends Retry-After when asked: the seconds until the next token, or a fixed value", async () => {
    emu.setRateLimit({ vpc: { requestsPerSecond: 0.5, burst: 1, retryAfter: true } });
    expect((await call(emu, { path: V6, token })).status).toBe(200);
    const auto = await call(emu, { path: V6, token });
    expect(auto.status).toBe(429);
    expect(auto.headers["retry-after"]).toBe("2");
    emu.setRateLimit({ vpc: { requestsPerSecond: SLOW, burst: 1, retryAfter: 7 } });
    await call(emu, { path: V6, token });
    expect((await call(emu, { path: V6, token })).headers["retry-after"]).toBe("7");
  });

  it("throttles IAM separately with 429 IAM.0012", async () => {
    emu.setRateLimit({ iam: { requestsPerSecond: SLOW, burst: 1 } });
    await expect(getToken(emu)).resolves.toEqual(expect.any(String));
    await expect(getToken(emu)).rejects.toThrow(/429.*IAM\.0012/);
    expect((await call(emu, { path: V6, token })).status).toBe(200);
  });

  it("logs throttled requests with status 429, and is set through the control endpoint", async () => {
    emu.resetLog();
    const set = await control(emu, "PUT", "rate-limit", {
      vpc: { requestsPerSecond: SLOW, burst: 1 },
    });
    expect(set.status).toBe(200);
    await call(emu, { path: V6, token });
    await call(emu, { path: V6, token });
    expect(emu.requestLog().map((e) => e.status)).toEqual([200, 429]);
    expect((await control(emu, "GET", "rate-limit")).json).toEqual({
      vpc: { requestsPerSecond: SLOW, burst: 1 },
    });
    const bad = await control(emu, "PUT", "rate-limit", {
      vpc: { requestsPerSecond: 0, burst: 1 },
    });
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({ error: expect.stringMatching(/requestsPerSecond/) });
  });
});
