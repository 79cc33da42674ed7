/**
 * The client against the emulator's rate limit (a token bucket per project): parallel creates all
 * succeed, and the adaptive send rate keeps the 429s below a bound the client without it exceeds.
 * Counts only; the timing belongs to `npm run bench`.
 */
import { createOtcClient, type OtcClientOptions } from "../../provider/client/otc-client";
import { resolveSettings } from "../../provider/client/settings/settings";
import type { OtcClient } from "../../provider/client/types";
import { passwordStackConfig, startEmulator, type Emulator } from "../emulator/index";

const N = 24;
const RATE = 40;
const BURST = 5;

let defaultEmulator: Emulator;
/**
 * With latency far above the spread of a parallel start on a loaded machine, so that the requests
 * sent before the first answer came back are told apart.
 */
let slowEmulator: Emulator;

beforeAll(async () => {
  defaultEmulator = await startEmulator({ quota: 1000, ecsPorts: 0 });
  slowEmulator = await startEmulator({ quota: 1000, ecsPorts: 0, latencyMs: 150 });
});
afterAll(async () => {
  await defaultEmulator.close();
  await slowEmulator.close();
});

/** A seeded generator for the backoff jitter, so that both runs draw the same waits. */
function seeded(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

/** N parallel bound creates, each followed by its read, with the emulator limited. */
async function createInParallel(
  options: OtcClientOptions,
  emu: Emulator = defaultEmulator,
): Promise<{
  failures: unknown[];
  created: number;
  throttled: number;
  requests: number;
  firstWaveThrottled: number;
}> {
  const client: OtcClient = createOtcClient(
    resolveSettings({ config: passwordStackConfig(emu), env: {} }),
    { random: seeded(7), ...options },
  );
  try {
    await client.projectId(); // the token first, outside the limit (IAM is not limited here)
    const ports = Array.from({ length: N }, () => emu.addPort("ecs").id);
    emu.resetLog();
    emu.setRateLimit({ vpc: { requestsPerSecond: RATE, burst: BURST } });
    const results = await Promise.allSettled(
      ports.map(async (portId) => {
        const eip = await client.createIpv6FloatingIp({
          floatingNetworkId: emu.externalNetworkId,
          portId,
        });
        return client.getIpv6FloatingIp(eip.id);
      }),
    );
    const log = emu.requestLog();
    const firstAnswerAt = Math.min(...log.map((e) => e.startedAt + e.durationMs));
    return {
      firstWaveThrottled: log.filter((e) => e.status === 429 && e.startedAt < firstAnswerAt).length,
      failures: results.flatMap((r) => (r.status === "rejected" ? [r.reason] : [])),
      created: emu.state().ipv6.filter((e) => ports.includes(e.port_id ?? "")).length,
      throttled: log.filter((e) => e.status === 429).length,
      requests: log.length,
    };
  } finally {
    emu.setRateLimit({});
    await client.close();
  }
}

// The first wave (N POSTs at once against a bucket of BURST) is throttled whatever a client does
// next, but for the first-answer window; what follows it is what the send rate controls.
const FIRST_WAVE = N - BURST;
const WINDOW = 16;
const BOUND = FIRST_WAVE + N / 2;

it("creates all N in parallel under the rate limit, each exactly once, with few 429s after the first wave", async () => {
  const run = await createInParallel({});
  expect(run.failures).toEqual([]);
  expect(run.created).toBe(N);
  expect(run.requests - run.throttled).toBe(2 * N); // every accepted request was needed once
  expect(run.throttled).toBeLessThanOrEqual(BOUND);
});

it("the client without the adaptive send rate (each request backing off alone) exceeds that bound", async () => {
  const run = await createInParallel({ throttle: { adaptiveRate: false, retryQuota: false } });
  expect(run.failures).toEqual([]);
  expect(run.created).toBe(N);
  expect(run.throttled).toBeGreaterThan(BOUND);
});

it("sends at most 16 requests before the first answers, so at most 16 − burst of the first wave are throttled", async () => {
  const run = await createInParallel({}, slowEmulator);
  expect(run.failures).toEqual([]);
  expect(run.firstWaveThrottled).toBeGreaterThan(0);
  expect(run.firstWaveThrottled).toBeLessThanOrEqual(WINDOW - BURST);
});

it("without the first-answer window all N go at once and more of the first wave is throttled", async () => {
  const run = await createInParallel(
    { throttle: { adaptiveRate: { initialWindow: Infinity } } },
    slowEmulator,
  );
  expect(run.failures).toEqual([]);
  expect(run.firstWaveThrottled).toBeGreaterThan(WINDOW - BURST);
});
