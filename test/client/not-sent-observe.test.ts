/**
 * An attempt that never left the process (its deadline came while it waited for a request slot)
 * is reported to the authenticator as not sent: the AK/SK gate, for which such an attempt may
 * have been the one signed request allowed out, then lets another request probe instead of
 * holding every other signed request of the key until its deadline.
 */
import { Agent } from "undici";
import { DeadlineExceededError, type RequestTarget } from "../../provider/core/errors";
import type { ApiCall } from "../../provider/client/api/api-call";
import { systemClock } from "../../provider/client/transport/clock";
import { ConcurrencyLimiter } from "../../provider/client/transport/concurrency-limiter";
import { createRedactor, DebugLog } from "../../provider/client/transport/debug-log";
import { RequestCounter } from "../../provider/client/transport/request-counter";
import {
  RequestExecutor,
  type Authenticator,
} from "../../provider/client/transport/request-executor";
import { DEFAULT_RETRY_POLICY } from "../../provider/client/transport/retry-policy";
import type { SendResult } from "../../provider/client/transport/send-once";
import { startServer } from "./helpers/loopback-server";

describe("an attempt that was never sent", () => {
  it("is reported to the authenticator as not sent", async () => {
    const server = await startServer(() => ({ status: 200, body: {} }));
    const seen: { target: RequestTarget; result: SendResult }[] = [];
    const authenticator: Authenticator = {
      kind: "aksk",
      apply: () => Promise.resolve(undefined),
      renew: () => false,
      observe: (_call, target, result) => seen.push({ target, result }),
    };
    const limiter = new ConcurrencyLimiter(1);
    const dispatcher = new Agent();
    const executor = new RequestExecutor({
      dispatcher,
      clock: systemClock,
      random: () => 0.5,
      policy: DEFAULT_RETRY_POLICY,
      limiter,
      counter: new RequestCounter(),
      log: new DebugLog(false, () => undefined, createRedactor([])),
      redact: createRedactor([]),
      requestTimeoutMs: 30_000,
      authenticator,
    });
    let free = (): void => undefined;
    const occupied = limiter.run(() => new Promise<void>((resolve) => (free = resolve)));
    const call: ApiCall = {
      method: "GET",
      baseUrl: server.url,
      path: "/v2.0/eip/floatingips_v6",
      okStatuses: [200],
      idempotent: true,
      auth: "project",
      deadline: Date.now() + 200,
    };
    // Code whose wait outlasts the deadline gets the slot after a while and sends the call.
    const safety = setTimeout(() => free(), 2_000);
    const outcome = await executor.execute(call).then(
      () => undefined,
      (e: unknown) => e,
    );
    clearTimeout(safety);
    free();
    await occupied;
    await dispatcher.close();
    await server.close();
    expect(server.requests).toHaveLength(0);
    expect(outcome).toBeInstanceOf(DeadlineExceededError);
    expect(seen).toHaveLength(1);
    expect(seen[0]?.target).toEqual({ method: "GET", path: "/v2.0/eip/floatingips_v6" });
    expect(seen[0]?.result).toMatchObject({ ok: false, failure: { mayHaveBeenSent: false } });
  });
});
