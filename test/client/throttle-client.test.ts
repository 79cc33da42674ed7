/**
 * The adaptive send rate and the retry quota inside the client, against a loopback server: a
 * `Retry-After` holds every sender of the endpoint and project (fake clock), the quota ends a
 * throttling that never stops, and the request cap, the token single-flight and the deadline keep
 * working with the limiter on. Counts only.
 */
import {
  DeadlineExceededError,
  OutcomeUnknownError,
  RetryBudgetExhaustedError,
  RetryQuotaExhaustedError,
} from "../../provider/core/errors";
import {
  closeSharedClients,
  createOtcClient,
  getSharedClient,
  setSharedClientOptions,
  type OtcClientOptions,
} from "../../provider/client/otc-client";
import type { OtcClient } from "../../provider/client/types";
import {
  startServer,
  type LoopbackServer,
  type Reply,
  type SeenRequest,
} from "./helpers/loopback-server";
import { manualClock } from "./helpers/manual-clock";
import { passwordSettings, PROJECT_ID, tokenSettings, wireEip } from "./helpers/settings-fixtures";
import { testClock } from "./helpers/test-clock";

const THROTTLED: Reply = { status: 429, body: { error_code: "APIG.0308", error_msg: "throttled" } };
const ok = (id = "2567f393-5c76-42db-a397-477723ce41f7"): Reply => ({
  status: 200,
  body: { floatingip: wireEip({ id }) },
});
const idOf = (req: SeenRequest) => req.path.split("/").pop() ?? "";

let handler: (req: SeenRequest, index: number) => Reply | Promise<Reply> = (req) => ok(idOf(req));
let server: LoopbackServer;

beforeAll(async () => {
  server = await startServer((req, i) => handler(req, i));
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
});
afterEach(async () => {
  setSharedClientOptions({});
  await closeSharedClients();
});

/**
 * Real-time pauses until the server has seen no new request over five checks in a row (what is
 * asserted is the count, not the time).
 */
async function quiet(): Promise<number> {
  let seen = server.requests.length;
  for (let still = 0; still < 5;) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    still = server.requests.length === seen ? still + 1 : 0;
    seen = server.requests.length;
  }
  return seen;
}

function client(options: OtcClientOptions = {}): OtcClient {
  return createOtcClient(tokenSettings(server.url), {
    random: () => 0.5,
    retry: { maxAttempts: 8, baseDelayMs: 100, maxDelayMs: 1_000, maxElapsedMs: 3_600_000 },
    ...options,
  });
}

it("a Retry-After: 2 holds every sender of the endpoint and project, in every client, for 2 s", async () => {
  const clock = manualClock();
  const start = clock.now();
  const arrivals: { id: string; at: number }[] = [];
  handler = (req, index) => {
    arrivals.push({ id: idOf(req), at: clock.now() });
    return index === 3 ? { ...THROTTLED, headers: { "retry-after": "2" } } : ok(idOf(req));
  };
  setSharedClientOptions({ clock, random: () => 0.5 });
  // Two identities of one project: two shared clients, one endpoint-and-project send rate.
  const clients = [
    getSharedClient(tokenSettings(server.url, "tok-first-identity")),
    getSharedClient(tokenSettings(server.url, "tok-second-identity")),
  ];
  expect(clients[0]).not.toBe(clients[1]);
  const senders = Array.from({ length: 6 }, (_, s) => `0000000${s}-5c76-42db-a397-477723ce41f7`);
  const done = Promise.all(
    senders.map(async (id, s) => {
      for (let i = 0; i < 4; i++) await (clients[s % 2] as OtcClient).getIpv6FloatingIp(id);
    }),
  );
  const heldAt = await quiet();
  expect(heldAt).toBeLessThan(25); // 24 reads and one retry: some are held
  clock.advance(1999);
  expect(await quiet()).toBe(heldAt); // nobody sent during the 2 s
  clock.advance(1);
  while (clock.pendingSleeps() > 0 || server.requests.length < 25) {
    await quiet();
    clock.advance(500);
  }
  await done;
  expect(server.requests).toHaveLength(25);
  // Every sender, of either client, had a request held until the Retry-After was over.
  for (const id of senders) {
    expect(arrivals.filter((a) => a.id === id && a.at >= start + 2000).length).toBeGreaterThan(0);
  }
  expect(arrivals.slice(heldAt).every((a) => a.at >= start + 2000)).toBe(true);
});

it("the retry quota ends a throttling that never stops: fail fast, saying how to lower the load", async () => {
  handler = () => THROTTLED;
  const calls = 30;
  const run = async (options: OtcClientOptions) => {
    server.requests.length = 0;
    const c = client({ clock: testClock(), ...options });
    const errors = await Promise.all(
      Array.from({ length: calls }, () =>
        c.getIpv6FloatingIp("x").then(
          () => undefined,
          (e: unknown) => e,
        ),
      ),
    );
    await c.close();
    return { errors, requests: server.requests.length };
  };
  const withQuota = await run({});
  // 500 tokens at 5 a retry: at most 100 retries on top of the first attempts.
  expect(withQuota.requests).toBeLessThanOrEqual(calls + 100);
  expect(
    withQuota.errors.every(
      (e) => e instanceof RetryQuotaExhaustedError || e instanceof RetryBudgetExhaustedError,
    ),
  ).toBe(true);
  const quotaErrors = withQuota.errors.filter((e) => e instanceof RetryQuotaExhaustedError);
  expect(quotaErrors.length).toBeGreaterThan(calls / 2);
  const first = quotaErrors[0] as RetryQuotaExhaustedError;
  expect(first.throttled).toBe(true);
  expect(first.message).toMatch(/throttling/);
  expect(first.message).toMatch(/pulumi up --parallel/);

  const withoutQuota = await run({ throttle: { retryQuota: false } });
  expect(withoutQuota.requests).toBe(calls * 8); // every call to its own last attempt
  expect(withoutQuota.requests).toBeGreaterThan(withQuota.requests);
});

it("a wait for the send rate that would outlast a create's deadline fails before sending: no unknown outcome", async () => {
  const clock = testClock();
  handler = (req, index) => (index === 0 ? THROTTLED : ok(idOf(req)));
  const c = client({ clock });
  await c.getIpv6FloatingIp("2567f393-5c76-42db-a397-477723ce41f7"); // 429, then 200: limiter on
  server.requests.length = 0;
  const error = await c
    .createIpv6FloatingIp({ floatingNetworkId: "net" }, { deadline: clock.now() + 20 })
    .then(
      () => undefined,
      (e: unknown) => e,
    );
  expect(error).toBeInstanceOf(DeadlineExceededError);
  expect(error).not.toBeInstanceOf(OutcomeUnknownError);
  expect(server.requests.filter((r) => r.method === "POST")).toHaveLength(0);
  await c.close();
});

it("a throttled create is retried and created once: a 429 means it was not processed", async () => {
  let posts = 0;
  handler = (req) => {
    if (req.method !== "POST") return ok(idOf(req));
    posts++;
    return posts <= 3 ? THROTTLED : { status: 201, body: { floatingip: wireEip() } };
  };
  const c = client({ clock: testClock() });
  await expect(c.createIpv6FloatingIp({ floatingNetworkId: "net" })).resolves.toMatchObject({
    id: "2567f393-5c76-42db-a397-477723ce41f7",
  });
  expect(posts).toBe(4);
  await c.close();
});

it("keeps the request cap with the limiter on", async () => {
  handler = async (req, index) => {
    await new Promise((resolve) => setTimeout(resolve, 5));
    return index < 3 ? THROTTLED : ok(idOf(req));
  };
  const c = client({ clock: testClock(), maxConcurrentRequests: 3 });
  const before = server.maxInFlight();
  await Promise.all(Array.from({ length: 20 }, () => c.getIpv6FloatingIp("x")));
  expect(Math.max(before, server.maxInFlight())).toBeLessThanOrEqual(3);
  expect(server.requests.length).toBe(23);
  await c.close();
});

it("keeps one token request for many callers with the limiter on (IAM has a send rate of its own)", async () => {
  const clock = testClock();
  handler = async (req, index) => {
    if (req.path === "/v3/auth/tokens") {
      await new Promise((resolve) => setTimeout(resolve, 20));
      return {
        status: 201,
        headers: { "x-subject-token": "tok-1" },
        body: {
          token: {
            expires_at: new Date(clock.now() + 3_600_000).toISOString(),
            project: { id: PROJECT_ID, name: "eu-de_test" },
          },
        },
      };
    }
    return index < 10 ? THROTTLED : ok(idOf(req));
  };
  const c = createOtcClient(passwordSettings(server.url), { clock, random: () => 0.5 });
  await Promise.all(Array.from({ length: 30 }, () => c.getIpv6FloatingIp("x")));
  expect(c.requestCounts()["token"]).toBe(1);
  await c.close();
});
