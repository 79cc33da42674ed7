import {
  InvalidPortError,
  NicAlreadyHasEipError,
  OtcApiError,
  OutcomeUnknownError,
  RetryBudgetExhaustedError,
  DeadlineExceededError,
  TransportError,
} from "../../provider/core/errors";
import { createOtcClient, type OtcClientOptions } from "../../provider/client/otc-client";
import type { OtcClient } from "../../provider/client/types";
import {
  startServer,
  type LoopbackServer,
  type Reply,
  type SeenRequest,
} from "./helpers/loopback-server";
import { tokenSettings, wireEip } from "./helpers/settings-fixtures";
import { testClock, type TestClock } from "./helpers/test-clock";

const EIP_ID = "2567f393-5c76-42db-a397-477723ce41f7";
const PORT = "552389f5-8f4c-4bb7-9991-07233c315d60";
const NET = "0a2228f2-7f8a-45f1-8e09-9039e1d09975";
const ok: Reply = { status: 200, body: { floatingip: wireEip() } };

let handler: (req: SeenRequest, index: number) => Reply | Promise<Reply> = () => ok;
let server: LoopbackServer;
let clock: TestClock;
let client: OtcClient;

function makeClient(options: OtcClientOptions = {}): OtcClient {
  return createOtcClient(tokenSettings(server.url), {
    clock,
    random: () => 0.5,
    retry: { maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 1_000, maxElapsedMs: 60_000 },
    ...options,
  });
}

/** Answers `failures` in turn, then `ok`. */
function sequence(...failures: Reply[]): (req: SeenRequest, index: number) => Reply {
  return (_req, index) => failures[index] ?? ok;
}

beforeAll(async () => {
  server = await startServer((req, i) => handler(req, i));
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  server.requests.length = 0;
  clock = testClock();
  client = makeClient();
});
afterEach(async () => {
  await client.close();
});

describe("retries of idempotent calls", () => {
  it("honours Retry-After on a 429 (seconds)", async () => {
    handler = sequence({
      status: 429,
      headers: { "retry-after": "3" },
      body: { error_code: "APIG.0308", error_msg: "throttled" },
    });
    await expect(client.getIpv6FloatingIp(EIP_ID)).resolves.toMatchObject({ id: EIP_ID });
    expect(clock.sleeps).toEqual([3000]);
    expect(server.requests).toHaveLength(2);
  });

  it("backs off with full jitter on a 429 without Retry-After", async () => {
    handler = sequence(
      { status: 429, body: { error_code: "APIG.0308", error_msg: "throttled" } },
      { status: 429, body: { error_code: "APIG.0308", error_msg: "throttled" } },
      { status: 429, body: { error_code: "APIG.0308", error_msg: "throttled" } },
    );
    // The backoff alone: the adaptive send rate adds waits of its own (test/client/throttle-*.test.ts).
    await client.close();
    client = makeClient({ throttle: { adaptiveRate: false } });
    await client.getIpv6FloatingIp(EIP_ID);
    // random() = 0.5 of min(1000, 100·2^(n-1)): 50, 100, 200.
    expect(clock.sleeps).toEqual([50, 100, 200]);
  });

  it.each<[string, Reply]>([
    ["503", { status: 503, body: "<html><body>Service Unavailable</body></html>" }],
    ["502", { status: 502 }],
    ["504", { status: 504 }],
    [
      "a backend 500 without code",
      { status: 500, body: { NeutronError: { type: "X", message: "boom", detail: "" } } },
    ],
    [
      "a backend 500 VPC.0514",
      { status: 500, body: { code: "VPC.0514", message: "backend error" } },
    ],
    ["busy 409 VPC.0512", { status: 409, body: { code: "VPC.0512", message: "busy" } }],
    ["IAM throttling", { status: 429, body: { error_code: "IAM.0012", error_msg: "too many" } }],
    ["a connection reset", "reset"],
  ])("recovers from %s within the budget", async (_name, failure) => {
    handler = sequence(failure, failure);
    await expect(client.getIpv6FloatingIp(EIP_ID)).resolves.toMatchObject({ id: EIP_ID });
    expect(server.requests).toHaveLength(3);
  });

  it("does not retry a definitive 500 (VPC.0508) and names the port", async () => {
    handler = () => ({ status: 500, body: { code: "VPC.0508", message: "port invalid" } });
    const error = await client.updateIpv6FloatingIpPort(EIP_ID, PORT).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidPortError);
    expect((error as Error).message).toContain(PORT);
    expect(server.requests).toHaveLength(1);
  });

  it.each(["VPC.0509", "VPC.0516", "VPC.0518"])("does not retry a 500 %s", async (code) => {
    handler = () => ({ status: 500, body: { code, message: "no" } });
    await expect(client.updateIpv6FloatingIpPort(EIP_ID, PORT)).rejects.toBeInstanceOf(OtcApiError);
    expect(server.requests).toHaveLength(1);
  });

  it("says how many attempts over how long when the budget is exhausted", async () => {
    handler = () => ({ status: 503, body: { code: "VPC.0514", message: "backend down" } });
    const error = await client.getIpv6FloatingIp(EIP_ID).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RetryBudgetExhaustedError);
    const e = error as RetryBudgetExhaustedError;
    expect(e.attempts).toBe(5);
    expect(e.message).toMatch(
      /still failing after 5 attempts over \d+\.\d s; last error: .*HTTP 503 VPC\.0514: backend down/,
    );
    expect(e.cause).toBeInstanceOf(OtcApiError);
    expect(server.requests).toHaveLength(5);
  });

  it("stops when the total time budget would be exceeded", async () => {
    await client.close();
    client = makeClient({
      retry: { maxAttempts: 10, baseDelayMs: 100, maxDelayMs: 1_000, maxElapsedMs: 2_500 },
    });
    handler = () => ({
      status: 429,
      headers: { "retry-after": "2" },
      body: { code: "APIG.0308", message: "x" },
    });
    const error = await client.getIpv6FloatingIp(EIP_ID).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RetryBudgetExhaustedError);
    expect((error as RetryBudgetExhaustedError).attempts).toBe(2);
  });

  it("stops at the caller's deadline", async () => {
    handler = () => ({ status: 503 });
    const error = await client
      .getIpv6FloatingIp(EIP_ID, { deadline: clock.now() + 120 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeadlineExceededError);
    expect((error as Error).message).toMatch(/deadline.*HTTP 503/);
  });

  it("times out a hanging request and retries it", async () => {
    await client.close();
    client = makeClient({ requestTimeoutMs: 200 });
    handler = (_req, i) => (i === 0 ? "hang" : ok);
    await expect(client.getIpv6FloatingIp(EIP_ID)).resolves.toMatchObject({ id: EIP_ID });
    expect(server.requests).toHaveLength(2);
  });

  it("reports a refused connection as a TransportError after the retries", async () => {
    const dead = await startServer(() => ok);
    const url = dead.url;
    await dead.close();
    const c = createOtcClient(tokenSettings(url), {
      clock,
      retry: { maxAttempts: 2, baseDelayMs: 1 },
    });
    const error = await c.getIpv6FloatingIp(EIP_ID).catch((e: unknown) => e);
    await c.close();
    expect(error).toBeInstanceOf(RetryBudgetExhaustedError);
    expect((error as Error).cause).toBeInstanceOf(TransportError);
    expect((error as Error).message).toMatch(/ECONNREFUSED/);
  });
});

describe("a POST is never resent blindly", () => {
  const create = () => client.createIpv6FloatingIp({ floatingNetworkId: NET, portId: PORT });

  it.each<[string, Reply]>([
    ["503", { status: 503 }],
    ["a backend 500", { status: 500, body: { code: "VPC.0514", message: "backend" } }],
    ["a 500 without code", { status: 500 }],
    ["a reset", "reset"],
  ])("%s → OutcomeUnknownError after exactly one request", async (_name, failure) => {
    handler = sequence(failure);
    const error = await create().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OutcomeUnknownError);
    expect((error as Error).message).toMatch(/outcome is unknown/);
    expect((error as Error).message).toContain(`port_id=${PORT}`);
    expect(server.requests).toHaveLength(1);
  });

  it("a timeout → OutcomeUnknownError after exactly one request", async () => {
    await client.close();
    client = makeClient({ requestTimeoutMs: 150 });
    handler = sequence("hang");
    await expect(create()).rejects.toBeInstanceOf(OutcomeUnknownError);
    expect(server.requests).toHaveLength(1);
  });

  it("a 429 never reached the backend, so it is retried", async () => {
    handler = sequence(
      { status: 429, body: { error_code: "APIG.0308", error_msg: "throttled" } },
      { status: 201, body: { floatingip: wireEip() } },
    );
    await expect(create()).resolves.toMatchObject({ id: EIP_ID });
    expect(server.requests).toHaveLength(2);
  });

  it("a definitive conflict is raised as its typed error", async () => {
    handler = () => ({
      status: 409,
      body: { code: "VPC.0511", message: "The port already has a floating IP." },
    });
    const error = await create().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NicAlreadyHasEipError);
    expect((error as NicAlreadyHasEipError).portId).toBe(PORT);
    expect(server.requests).toHaveLength(1);
  });
});

describe("client-wide concurrency cap", () => {
  it("lets a caller abort while waiting for a slot, without sending", async () => {
    await client.close();
    client = makeClient({ maxConcurrentRequests: 1, requestTimeoutMs: 300 });
    handler = (_req, i) => (i === 0 ? "hang" : ok);
    const first = client.getIpv6FloatingIp(EIP_ID).catch((e: unknown) => e);
    const controller = new AbortController();
    const second = client
      .getIpv6FloatingIp(EIP_ID, { signal: controller.signal })
      .catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 50));
    controller.abort(new Error("user cancelled"));
    const error = await second;
    expect(error).toBeInstanceOf(TransportError);
    expect((error as Error).message).toMatch(/aborted by the caller before it was sent/);
    await first;
    expect(server.requests.filter((r) => r.method === "GET").length).toBeLessThanOrEqual(2);
    expect(client.requestCounts()["GET /v2.0/eip/floatingips_v6/{id}"]).toBe(2);
  });

  it("never has more requests in flight than the cap", async () => {
    await client.close();
    client = makeClient({ maxConcurrentRequests: 3 });
    let inFlight = 0;
    let max = 0;
    handler = async () => {
      inFlight++;
      max = Math.max(max, inFlight);
      await new Promise((r) => setTimeout(r, 10));
      inFlight--;
      return ok;
    };
    await Promise.all(Array.from({ length: 20 }, () => client.getIpv6FloatingIp(EIP_ID)));
    expect(max).toBeLessThanOrEqual(3);
    expect(max).toBeGreaterThan(1);
    expect(server.requests).toHaveLength(20);
  });
});
