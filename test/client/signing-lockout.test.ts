/**
 * One bad clock never locks the key (issue 11 point 10). OTC locks an access key for five minutes
 * after five rejected signatures in a row; the emulator does the same, checks the X-Sdk-Date
 * window and sends its time in `Date`. N calls at once with a skewed clock (or a wrong secret key)
 * must cost OTC at most one rejection (plus one corrected resend).
 */
import { AuthError } from "../../provider/core/errors";
import { createOtcClient } from "../../provider/client/otc-client";
import { resolveSettings } from "../../provider/client/settings/settings";
import { startEmulator, type Emulator } from "../emulator";
import { testClock } from "./helpers/test-clock";

const CALLS = 12;

let emulator: Emulator;

beforeEach(async () => {
  emulator = await startEmulator();
});
afterEach(async () => {
  await emulator.close();
});

function client(offsetMs: number, secretKey = emulator.secretKey) {
  const settings = resolveSettings({
    config: {
      "otc:region": emulator.region,
      "otc:vpcEndpoint": emulator.vpcEndpoint,
      "otc:authUrl": emulator.authUrl,
      "otc:projectId": emulator.projectId,
      "otc:accessKey": emulator.accessKey,
      "otc:secretKey": secretKey,
    },
    env: {},
  });
  return createOtcClient(settings, { clock: testClock(Date.now() + offsetMs) });
}

/** Requests the emulator refused with 401, and all it answered. */
function tally() {
  const log = emulator.requestLog();
  return { rejected: log.filter((e) => e.status === 401).length, total: log.length };
}

async function concurrently<T>(n: number, call: () => Promise<T>) {
  return Promise.all(
    Array.from({ length: n }, () =>
      call().then(
        (v) => ({ ok: v }),
        (e: unknown) => ({ error: e }),
      ),
    ),
  );
}

describe("a skewed clock with N concurrent signed calls", () => {
  it("costs one rejection, corrects the signing time by OTC's Date, and then every call succeeds", async () => {
    const c = client(-1_000_000);
    const results = await concurrently(CALLS, () => c.listIpv6FloatingIps());
    await c.close();
    expect(results.filter((r) => "error" in r)).toEqual([]);
    expect(tally()).toEqual({ rejected: 1, total: CALLS + 1 });
  });

  it("a clock ahead works the same way", async () => {
    const c = client(+1_000_000);
    const results = await concurrently(CALLS, () => c.listIpv6FloatingIps());
    await c.close();
    expect(results.filter((r) => "error" in r)).toEqual([]);
    expect(tally().rejected).toBe(1);
  });
});

describe("a wrong secret key with N concurrent signed calls", () => {
  it("sends one request; every call fails with the one message, and the key is not locked", async () => {
    const c = client(0, "WrongSecretKey0000000000000000000000000x");
    const results = await concurrently(CALLS, () => c.listIpv6FloatingIps());
    const messages = new Set(
      results.map((r) => ("error" in r ? (r.error as Error).message : "ok")),
    );
    expect(messages.size).toBe(1);
    const [message] = [...messages];
    expect(results.every((r) => "error" in r && r.error instanceof AuthError)).toBe(true);
    expect(message).toContain("clock is not the cause");
    expect(message).toContain("stopped unsent");
    expect(message).not.toContain("WrongSecretKey");
    expect(tally()).toEqual({ rejected: 1, total: 1 });
    // Later calls of the run fail the same way without reaching OTC.
    await expect(c.listIpv6FloatingIps()).rejects.toThrow(message);
    expect(tally().total).toBe(1);
    await c.close();
    // The right key still works: OTC counted one failure, far from the five that lock it.
    const good = client(0);
    await expect(good.listIpv6FloatingIps()).resolves.toEqual([]);
    await good.close();
  });

  it("with a skewed clock too: one rejection, one corrected resend, then the one message", async () => {
    const c = client(-1_000_000, "WrongSecretKey0000000000000000000000000x");
    const results = await concurrently(CALLS, () => c.listIpv6FloatingIps());
    await c.close();
    expect(results.every((r) => "error" in r)).toBe(true);
    const message = (results[0] as { error: Error }).error.message;
    expect(message).toContain("already corrected by OTC's clock");
    expect(tally()).toEqual({ rejected: 2, total: 2 });
  });
});
