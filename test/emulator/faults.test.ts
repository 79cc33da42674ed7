import { startEmulator } from "./index";
import type { Emulator } from "./types";
import { call, control, getToken } from "./helpers/emulator-client";

const V6 = "/v2.0/eip/floatingips_v6";

describe("targeted faults", () => {
  let emu: Emulator;
  let token: string;
  const createBody = () => ({ floatingip: { floating_network_id: emu.externalNetworkId } });
  beforeAll(async () => {
    emu = await startEmulator();
    token = await getToken(emu);
  });
  afterAll(() => emu.close());
  afterEach(() => emu.setFaults({}));

  it("throttles with 429 APIG.0308, with and without Retry-After; IAM with IAM.0012", async () => {
    emu.setFaults({
      next: [
        { kind: "throttle", method: "GET", path: V6 },
        { kind: "throttle", method: "GET", path: V6, retryAfterSeconds: 3 },
        { kind: "throttle", path: "/v3/auth/tokens" },
      ],
    });
    const plain = await call(emu, { path: V6, token });
    expect(plain.status).toBe(429);
    expect(plain.json).toEqual({
      error_code: "APIG.0308",
      error_msg: expect.any(String),
      request_id: expect.any(String),
    });
    expect(plain.headers["retry-after"]).toBeUndefined();
    const withHeader = await call(emu, { path: V6, token });
    expect(withHeader.status).toBe(429);
    expect(withHeader.headers["retry-after"]).toBe("3");
    await expect(getToken(emu)).rejects.toThrow(/429.*IAM\.0012/);
    expect((await call(emu, { path: V6, token })).status).toBe(200);
  });

  it("answers 500, 502, 503 and 504 in their shapes", async () => {
    emu.setFaults({
      next: [500, 502, 503, 504].map((status) => ({
        kind: "server-error" as const,
        status: status as 500 | 502 | 503 | 504,
        path: V6,
      })),
    });
    const r500 = await call(emu, { path: V6, token });
    expect([r500.status, r500.json.code]).toEqual([500, "VPC.0514"]);
    const r502 = await call(emu, { path: V6, token });
    expect(r502.status).toBe(502);
    expect(r502.json).toBeUndefined();
    expect(r502.text).toContain("Bad Gateway");
    const r503 = await call(emu, { path: V6, token });
    expect([r503.status, typeof r503.json.error_code]).toEqual([503, "string"]);
    const r504 = await call(emu, { path: V6, token });
    expect([r504.status, typeof r504.json.error_code]).toEqual([504, "string"]);

    emu.setFaults({ next: [{ kind: "server-error", status: 500, path: "/v2.0/floatingips" }] });
    const neutron = await call(emu, { path: "/v2.0/floatingips", token });
    expect(neutron.status).toBe(500);
    expect(neutron.json.NeutronError.type).toBe("InternalServerError");
  });

  it("refuses an assignment with 403 VPC.0502 (frozen account)", async () => {
    emu.setFaults({ next: [{ kind: "forbidden", method: "POST", path: V6 }] });
    const res = await call(emu, { method: "POST", path: V6, token, body: createBody() });
    expect([res.status, res.json.code]).toEqual([403, "VPC.0502"]);
  });

  it("adds seeded random latency", async () => {
    emu.setFaults({ latencyMs: 5, latencyJitterMs: 40 });
    emu.resetLog();
    for (let i = 0; i < 4; i++) await call(emu, { path: V6, token });
    const durations = emu.requestLog().map((e) => e.durationMs);
    expect(durations.every((d) => d >= 4)).toBe(true);
    expect(new Set(durations.map((d) => Math.round(d))).size).toBeGreaterThan(1);
  });

  it("targets the next N requests matching method and path template, then stops", async () => {
    const id = (await call(emu, { method: "POST", path: V6, token, body: createBody() })).json
      .floatingip.id;
    emu.setFaults({
      next: [{ kind: "server-error", method: "GET", path: `${V6}/{id}`, count: 2 }],
    });
    expect((await call(emu, { path: V6, token })).status).toBe(200);
    expect(
      (
        await call(emu, {
          method: "DELETE",
          path: `${V6}/${"0".repeat(8)}-0000-4000-8000-${"0".repeat(12)}`,
          token,
        })
      ).status,
    ).toBe(404);
    expect((await call(emu, { path: `${V6}/${id}`, token })).status).toBe(503);
    expect((await call(emu, { path: `${V6}/${id}`, token })).status).toBe(503);
    expect((await call(emu, { path: `${V6}/${id}`, token })).status).toBe(200);
    emu.setFaults({ next: [{ kind: "busy", path: "/v2.0/eip/*" }] });
    const busy = await call(emu, { method: "DELETE", path: `${V6}/${id}`, token });
    expect([busy.status, busy.json.code]).toEqual([409, "VPC.0512"]);
    expect(emu.state().ipv6.map((e) => e.id)).toContain(id);
    expect((await call(emu, { method: "DELETE", path: `${V6}/${id}`, token })).status).toBe(204);
  });

  it("resets the connection before a mutation (nothing created) or after it (created)", async () => {
    const before = emu.state().ipv6.length;
    emu.setFaults({ next: [{ kind: "reset-before", method: "POST", path: V6 }] });
    await expect(
      call(emu, { method: "POST", path: V6, token, body: createBody() }),
    ).rejects.toThrow();
    expect(emu.state().ipv6).toHaveLength(before);
    emu.setFaults({ next: [{ kind: "reset-after", method: "POST", path: V6 }] });
    await expect(
      call(emu, { method: "POST", path: V6, token, body: createBody() }),
    ).rejects.toThrow();
    expect(emu.state().ipv6).toHaveLength(before + 1);
    const resets = emu.requestLog().filter((e) => e.status === 0);
    expect(resets.map((e) => e.fault)).toEqual(["reset-before", "reset-after"]);
    // The server keeps serving.
    expect((await call(emu, { path: V6, token })).status).toBe(200);
  });

  it("turns a bind into ERROR", async () => {
    const port = emu.addPort();
    const id = (await call(emu, { method: "POST", path: V6, token, body: createBody() })).json
      .floatingip.id;
    emu.setFaults({ next: [{ kind: "eip-error", method: "PUT" }] });
    const bind = await call(emu, {
      method: "PUT",
      path: `${V6}/${id}`,
      token,
      body: { floatingip: { port_id: port.id } },
    });
    expect(bind.status).toBe(200);
    expect((await call(emu, { path: `${V6}/${id}`, token })).json.floatingip.status).toBe("ERROR");
  });

  it("expires a token early: 401 now, a fresh token works", async () => {
    const early = await getToken(emu);
    emu.setFaults({ next: [{ kind: "expire-token", path: V6 }] });
    const refused = await call(emu, { path: V6, token: early });
    expect([refused.status, refused.json.error_code]).toEqual([401, "APIG.0307"]);
    expect((await call(emu, { path: V6, token: early })).status).toBe(401);
    expect((await call(emu, { path: V6, token: await getToken(emu) })).status).toBe(200);
  });

  it("adds fixed latency and per-request delays", async () => {
    emu.setFaults({ latencyMs: 30, next: [{ kind: "delay", delayMs: 60, path: V6 }] });
    emu.resetLog();
    await call(emu, { path: V6, token });
    await call(emu, { path: V6, token });
    const [delayed, plain] = emu.requestLog();
    expect(delayed!.durationMs).toBeGreaterThanOrEqual(89);
    expect(plain!.durationMs).toBeGreaterThanOrEqual(29);
  });

  it("is set and read through the control endpoint", async () => {
    const put = await control(emu, "PUT", "faults", { next: [{ kind: "throttle", count: 2 }] });
    expect(put.status).toBe(200);
    expect((await call(emu, { path: V6, token })).status).toBe(429);
    const read = await control(emu, "GET", "faults");
    expect(read.json.next).toEqual([{ kind: "throttle", count: 1 }]);
  });
});

describe("random faults", () => {
  async function statuses(seed: number, rates: object, requests: number): Promise<number[]> {
    const emu = await startEmulator({ seed, faults: { rates } });
    try {
      const token = await getToken(emu).catch(() => undefined);
      const out: number[] = [];
      for (let i = 0; i < requests; i++) {
        out.push(
          (await call(emu, { path: V6, aksk: token ? undefined : { format: "credential" }, token }))
            .status,
        );
      }
      return out;
    } finally {
      await emu.close();
    }
  }

  it("are deterministic for a seed and follow their rates", async () => {
    const rates = { serverError: 0.3, throttle: 0.2 };
    const a = await statuses(11, rates, 40);
    const b = await statuses(11, rates, 40);
    expect(a).toEqual(b);
    expect(a.filter((s) => s === 200).length).toBeGreaterThan(5);
    expect(a.filter((s) => s === 429).length).toBeGreaterThan(0);
    expect(a.filter((s) => s >= 500).length).toBeGreaterThan(0);
    expect(await statuses(12, rates, 40)).not.toEqual(a);
  });

  it("apply busy and resets-after only to mutations, token expiry only to tokens", async () => {
    const emu = await startEmulator({ faults: { rates: { busy: 1 } } });
    try {
      expect((await call(emu, { path: V6, aksk: { format: "access" } })).status).toBe(200);
      const post = await call(emu, {
        method: "POST",
        path: V6,
        aksk: { format: "access" },
        body: { floatingip: { floating_network_id: emu.externalNetworkId } },
      });
      expect([post.status, post.json.code]).toEqual([409, "VPC.0512"]);
      emu.setFaults({ rates: { tokenExpireEarly: 1 } });
      const token = await getToken(emu);
      expect((await call(emu, { path: V6, token })).status).toBe(401);
      expect((await call(emu, { path: V6, aksk: { format: "access" } })).status).toBe(200);
    } finally {
      await emu.close();
    }
  });
});
