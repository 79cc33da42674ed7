/**
 * Deadlines hold inside the client (issue 11.8): the waits of a call in this process — for a free
 * request slot, for the endpoint's send rate, for another caller's external network look-up — end
 * at the call's deadline, with an error that says what it waited for; and an attempt's timeout is
 * what the deadline leaves once the slot is free, not what it left before the wait.
 */
import { DeadlineExceededError } from "../../provider/core/errors";
import { createOtcClient } from "../../provider/client/otc-client";
import type { OtcClient } from "../../provider/client/types";
import { startServer, type LoopbackServer, type Reply } from "./helpers/loopback-server";
import { manualClock, type ManualClock } from "./helpers/manual-clock";
import { tokenSettings, wireEip } from "./helpers/settings-fixtures";

const EIP = "/v2.0/eip/floatingips_v6";
const ID_A = "11111111-1111-4111-8111-111111111111";
const ID_B = "22222222-2222-4222-8222-222222222222";
const NET = "0a2228f2-7f8a-45f1-8e09-9039e1d09975";
const ok: Reply = { status: 200, body: { floatingip: wireEip() } };

/** A reply the test hands out when it chooses. */
function held(): { reply: Promise<Reply>; release: () => void } {
  let release = (): void => undefined;
  const reply = new Promise<Reply>((resolve) => {
    release = () => resolve(ok);
  });
  return { reply, release };
}

/** Resolves once `condition` holds (checked every few ms, at most `limitMs`). */
async function until(condition: () => boolean, limitMs = 5_000): Promise<void> {
  for (const started = Date.now(); !condition();) {
    if (Date.now() - started > limitMs) throw new Error("the condition never held");
    await new Promise((r) => setTimeout(r, 5));
  }
}

/**
 * How `call` settled; when it has not settled by `safetyMs`, `unblock` runs (so that code whose
 * wait outlasts the deadline ends with a wrong outcome instead of hanging the test).
 */
async function settle(call: Promise<unknown>, unblock: () => void, safetyMs = 4_000) {
  const timer = setTimeout(unblock, safetyMs);
  try {
    return await call.then(
      (value: unknown) => ({ ok: true as const, value }),
      (error: unknown) => ({ ok: false as const, error }),
    );
  } finally {
    clearTimeout(timer);
  }
}

describe("waits in the client end at the call's deadline", () => {
  let server: LoopbackServer;
  let replies: ((index: number) => Reply | Promise<Reply>) | undefined;
  let client: OtcClient | undefined;
  beforeAll(async () => {
    server = await startServer((_req, index) => replies?.(index) ?? ok);
  });
  afterAll(async () => {
    await server.close();
  });
  beforeEach(() => {
    server.requests.length = 0;
  });
  afterEach(async () => {
    await client?.close();
    client = undefined;
    replies = undefined;
  });

  it("stops waiting for a free request slot at the deadline, unsent", async () => {
    const first = held();
    replies = (index) => (index === 0 ? first.reply : ok);
    client = createOtcClient(tokenSettings(server.url), { maxConcurrentRequests: 1 });
    const holder = client.getIpv6FloatingIp(ID_A);
    await until(() => server.requests.length === 1);
    const waiting = client.getIpv6FloatingIp(ID_B, { deadline: Date.now() + 300 });
    const outcome = await settle(waiting, first.release);
    first.release();
    await holder;
    expect(outcome.ok).toBe(false);
    const error = (outcome as { error: unknown }).error;
    expect(error).toBeInstanceOf(DeadlineExceededError);
    expect((error as Error).message).toContain(`GET ${EIP}/${ID_B} was not sent`);
    expect((error as Error).message).toContain("for a free request slot");
    expect(server.requests.map((r) => r.path)).toEqual([`${EIP}/${ID_A}`]);
  });

  it("gives an attempt only the time left once its slot is free", async () => {
    const clock: ManualClock = manualClock();
    const first = held();
    replies = (index) => (index === 0 ? first.reply : "hang");
    client = createOtcClient(tokenSettings(server.url), {
      clock,
      maxConcurrentRequests: 1,
      requestTimeoutMs: 60_000,
      retry: { maxAttempts: 1 },
    });
    const holder = client.getIpv6FloatingIp(ID_A);
    await until(() => server.requests.length === 1);
    const waiting = client.getIpv6FloatingIp(ID_B, { deadline: clock.now() + 3_000 });
    // Lets it reach the wait for the slot (nothing it does before waits for I/O).
    for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
    // The slot frees when only 300 ms of the call's 3 s are left.
    clock.advance(2_700);
    first.release();
    await holder;
    const outcome = await settle(waiting, () => undefined);
    expect(outcome.ok).toBe(false);
    const message = ((outcome as { error: unknown }).error as Error).message;
    expect(message).toContain(`GET ${EIP}/${ID_B}`);
    expect(message).toContain("no complete answer within 300 ms");
  });

  it("stops waiting for the endpoint's send rate at the deadline, unsent", async () => {
    const clock: ManualClock = manualClock();
    replies = (index) =>
      index === 0
        ? { status: 429, headers: { "retry-after": "1" }, body: { code: "APIG.0308" } }
        : ok;
    client = createOtcClient(tokenSettings(server.url), { clock, retry: { maxAttempts: 2 } });
    // Its 429 turns the send rate on and holds every sender for 1 s (on the test's clock).
    const throttled = client.getIpv6FloatingIp(ID_A);
    await until(() => server.requests.length === 1 && clock.pendingSleeps() > 0);
    // Expected to wait 1 s of its 1.5 s; the wait then lasts longer (the clock stands still).
    const waiting = client.getIpv6FloatingIp(ID_B, { deadline: clock.now() + 1_500 });
    const outcome = await settle(waiting, () => clock.advance(2_000));
    clock.advance(2_000);
    await throttled;
    expect(outcome.ok).toBe(false);
    const error = (outcome as { error: unknown }).error;
    expect(error).toBeInstanceOf(DeadlineExceededError);
    expect((error as Error).message).toContain(`GET ${EIP}/${ID_B} was not sent`);
    expect((error as Error).message).toContain("for the endpoint's send rate");
    expect(server.requests.map((r) => r.path)).not.toContain(`${EIP}/${ID_B}`);
  });

  it("stops waiting for another caller's external network look-up at its own deadline", async () => {
    let release = (): void => undefined;
    const networks = new Promise<Reply>((resolve) => {
      release = () =>
        resolve({ status: 200, body: { networks: [{ id: NET, name: "admin_external_net" }] } });
    });
    replies = () => networks;
    client = createOtcClient(tokenSettings(server.url));
    const first = client.findExternalNetworkId();
    await until(() => server.requests.length === 1);
    const joined = client.findExternalNetworkId({ deadline: Date.now() + 300 });
    const outcome = await settle(joined, release);
    release();
    expect(await first).toBe(NET);
    expect(outcome.ok).toBe(false);
    const error = (outcome as { error: unknown }).error;
    expect(error).toBeInstanceOf(DeadlineExceededError);
    expect((error as Error).message).toContain("GET /v2.0/networks");
    expect(server.requests.map((r) => r.path)).toEqual(["/v2.0/networks"]);
  });
});
