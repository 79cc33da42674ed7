/**
 * A bound create keeps the whole retry budget: after each unknown outcome (a reset, a 5xx) the
 * client waits as before any retry and resends only when the caller's look allows it, within the
 * same attempts and time budget as any call. Without a look, an unknown outcome ends the call.
 */
import {
  OutcomeUnknownError,
  RetryBudgetExhaustedError,
  DeadlineExceededError,
} from "../../provider/core/errors";
import { createOtcClient } from "../../provider/client/otc-client";
import type { OtcClient } from "../../provider/client/types";
import { startServer, type LoopbackServer, type Reply } from "./helpers/loopback-server";
import { tokenSettings, wireEip } from "./helpers/settings-fixtures";
import { testClock, type TestClock } from "./helpers/test-clock";

const PORT = "552389f5-8f4c-4bb7-9991-07233c315d60";
const NET = "0a2228f2-7f8a-45f1-8e09-9039e1d09975";
const ok: Reply = { status: 200, body: { floatingip: wireEip() } };
const lost: Reply = { status: 500, body: { code: "VPC.0514", message: "Backend error." } };
const MAX_ATTEMPTS = 5;

describe("bound create resends after a look", () => {
  let server: LoopbackServer;
  let replies: Reply[] = [];
  let clock: TestClock;
  let client: OtcClient;
  beforeAll(async () => {
    server = await startServer(() => replies.shift() ?? ok);
  });
  afterAll(async () => {
    await server.close();
  });
  beforeEach(() => {
    server.requests.length = 0;
    clock = testClock();
    client = createOtcClient(tokenSettings(server.url), {
      clock,
      random: () => 0.5,
      retry: {
        maxAttempts: MAX_ATTEMPTS,
        baseDelayMs: 100,
        maxDelayMs: 1_000,
        maxElapsedMs: 60_000,
      },
    });
  });
  afterEach(async () => {
    await client.close();
  });

  const create = (look?: () => Promise<boolean>, deadline?: number) =>
    client
      .createIpv6FloatingIp(
        { floatingNetworkId: NET, portId: PORT },
        {
          ...(look ? { lookBeforeResend: look } : {}),
          ...(deadline !== undefined ? { deadline } : {}),
        },
      )
      .then(
        (eip) => ({ eip, error: undefined }),
        (error: unknown) => ({ eip: undefined, error }),
      );

  it("looks after each lost answer, waits the backoff, and resends until an answer comes", async () => {
    replies = [lost, "reset", lost];
    let looks = 0;
    const result = await create(() => {
      looks++;
      return Promise.resolve(true);
    });
    expect(result.error).toBeUndefined();
    expect(server.requests.filter((r) => r.method === "POST")).toHaveLength(4);
    expect(looks).toBe(3);
    expect(clock.sleeps).toHaveLength(3);
  });

  it("stops at the first look that finds something, with the unknown outcome", async () => {
    replies = [lost, lost];
    let looks = 0;
    const result = await create(() => Promise.resolve(++looks < 2));
    expect(result.error).toBeInstanceOf(OutcomeUnknownError);
    expect(server.requests).toHaveLength(2);
  });

  it("spends the same attempts as any call, then gives up with the budget error", async () => {
    replies = Array.from({ length: 20 }, () => lost);
    let looks = 0;
    const result = await create(() => {
      looks++;
      return Promise.resolve(true);
    });
    expect(result.error).toBeInstanceOf(RetryBudgetExhaustedError);
    expect((result.error as Error).cause).toBeInstanceOf(OutcomeUnknownError);
    expect(server.requests).toHaveLength(MAX_ATTEMPTS);
    expect(looks).toBe(MAX_ATTEMPTS - 1);
  });

  it("never resends past the deadline", async () => {
    replies = Array.from({ length: 20 }, () => lost);
    const result = await create(() => Promise.resolve(true), clock.now() + 150);
    expect(result.error).toBeInstanceOf(DeadlineExceededError);
    expect(server.requests.length).toBeLessThan(MAX_ATTEMPTS);
  });

  it("without a look, never resends after an unknown outcome", async () => {
    replies = [lost];
    const result = await create();
    expect(result.error).toBeInstanceOf(OutcomeUnknownError);
    expect(server.requests).toHaveLength(1);
  });
});
