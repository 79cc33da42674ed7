/**
 * Fault tolerance, counted, never timed: for each of five fault seeds, 30 full lifecycles of bound
 * IPv6 EIPs through the SDK's provider helper while the emulator answers 20 % of requests with
 * 429s, 5xx, "busy", latency spikes and connection resets before and after mutations. Afterwards:
 * no leaked EIP, no lost or wrong binding after any step, and every operation succeeded — every
 * fault fits the retry budget, a bound create's lost answers included (each resend follows a look
 * at the NIC). No failure is excused.
 *
 * The same guarantees hold with the gateway's rate limit on as well (a token bucket of
 * `RATE_LIMITED.limit.requestsPerSecond`, one more run on the first seed): the client's adaptive
 * send rate and retry quota then work under faults and throttling together.
 *
 * `OTC_IPV6_EIP_FAULT_LIFECYCLES=<n>` sets the lifecycles per run and `OTC_IPV6_EIP_FAULT_SEEDS`
 * the seeds (comma-separated): the npm script `test:fault-soak` runs 400 per seed, 2000 in all.
 */
import { startEmulator } from "../emulator";
import type { Emulator, FaultKind, RateLimit } from "../emulator";
import type { ProviderHelper } from "../harness";
import { isActionable } from "./classify-failure";
import { FAULT_MIX, FAULT_RATE } from "./fault-mix";
import { countFaults, summarize } from "./fault-summary";
import type { FaultCounts } from "./fault-summary";
import { passwordStackConfig, startCleanHelper, userProvider } from "./helper-stack";
import { runLifecycles } from "./run-lifecycles";
import type { LifecycleRunReport } from "./run-lifecycles";

const LIFECYCLES = Number(process.env.OTC_IPV6_EIP_FAULT_LIFECYCLES ?? "30");
const SEEDS = (process.env.OTC_IPV6_EIP_FAULT_SEEDS ?? "7,11,23,42,101").split(",").map(Number);
const PARALLELISM = 24;
/** Generous per call: a call may wait through several backoffs and a create reconciliation. */
const CALL_DEADLINE_MS = 150_000;
const RUN_TIMEOUT_MS = Math.max(300_000, LIFECYCLES * 3_000);
/** The rate-limited run: VPC calls limited per project, on the first seed. */
const RATE_LIMITED = {
  limit: { requestsPerSecond: 20, burst: 5 } satisfies RateLimit,
};

jest.setTimeout(RUN_TIMEOUT_MS);

async function runUnderFaults(
  seed: number,
  rateLimit: RateLimit | undefined,
): Promise<{
  emulator: Emulator;
  helper: ProviderHelper;
  report: LifecycleRunReport;
  counts: FaultCounts;
  rateLimited: number;
}> {
  const { dir, provider } = await userProvider();
  const emulator = await startEmulator({ seed, quota: 1_000_000, ecsPorts: 0 });
  const helper = await startCleanHelper(dir, passwordStackConfig(emulator));
  emulator.setFaults(FAULT_MIX);
  if (rateLimit) emulator.setRateLimit({ vpc: rateLimit });
  const started = Date.now();
  const report = await runLifecycles({
    emulator,
    helper,
    provider,
    count: LIFECYCLES,
    parallelism: PARALLELISM,
    callDeadlineMs: CALL_DEADLINE_MS,
  });
  const seconds = (Date.now() - started) / 1000;
  emulator.setFaults({});
  emulator.setRateLimit({});
  const log = emulator.requestLog();
  const counts = countFaults(log);
  const rateLimited = log.filter((e) => e.status === 429 && e.fault === undefined).length;
  process.stdout.write(
    `seed ${seed}${rateLimit ? " (rate-limited)" : ""}: ` +
      summarize(report, counts, seconds, emulator.state().ipv6.length),
  );
  if (rateLimit) process.stdout.write(`answered 429 by the rate limit: ${rateLimited}\n`);
  return { emulator, helper, report, counts, rateLimited };
}

/** Create POSTs whose answer was lost, per seed, for the check across seeds. */
const lostPostsPerSeed = new Map<number, number>();

const RUNS: readonly (readonly [string, number, RateLimit | undefined])[] = [
  ...SEEDS.map((seed) => [`fault seed ${seed}:`, seed, undefined] as const),
  [
    `fault seed ${SEEDS[0] ?? 7}, a rate limit of ${RATE_LIMITED.limit.requestsPerSecond} requests/s (burst ${RATE_LIMITED.limit.burst}):`,
    SEEDS[0] ?? 7,
    RATE_LIMITED.limit,
  ],
];

type FaultRun = Awaited<ReturnType<typeof runUnderFaults>>;

/**
 * Every run starts at once, each with its own emulator and provider helper: they share nothing,
 * and each spends nearly all its time waiting (backoffs, the send rate), so together they take
 * about as long as the slowest one instead of the sum.
 */
const started = new Map<string, Promise<FaultRun>>();
beforeAll(() => {
  for (const [title, seed, rateLimit] of RUNS) {
    const run = runUnderFaults(seed, rateLimit);
    run.catch(() => undefined); // reported by the run's own beforeAll
    started.set(title, run);
  }
});

describe.each(RUNS)(
  `%s ${LIFECYCLES} lifecycles under a ${Math.round(FAULT_RATE * 100)} % fault rate`,
  (title, seed, rateLimit) => {
    let run: FaultRun;

    beforeAll(async () => {
      run = await (started.get(title) as Promise<FaultRun>);
      if (!rateLimit) lostPostsPerSeed.set(seed, run.counts.lostPosts);
    }, RUN_TIMEOUT_MS);

    afterAll(async () => {
      await run?.helper.close();
      await run?.emulator.close();
    });

    if (rateLimit) {
      it("met the rate limit (429s from the bucket, not only injected ones)", () => {
        expect(run.rateLimited).toBeGreaterThan(0);
      });
    }

    it("injected faults of every kind", () => {
      const kinds: FaultKind[] = [
        "throttle",
        "server-error",
        "busy",
        "reset-before",
        "reset-after",
        "delay",
      ];
      for (const kind of kinds) expect(run.counts.byKind[kind] ?? 0).toBeGreaterThan(0);
    });

    it("leaks no EIP: every EIP left is recorded by a resource in state", () => {
      const unrecorded = run.emulator
        .state()
        .ipv6.map((e) => e.id)
        .filter((id) => !run.report.recordedIds.has(id));
      expect(unrecorded).toEqual([]);
    });

    it("never loses or misplaces a binding, and no NIC holds two EIPs", () => {
      expect(run.report.bindingProblems).toEqual([]);
      const perPort = new Map<string, number>();
      const { ipv4, ipv6 } = run.emulator.state();
      for (const eip of [...ipv4, ...ipv6]) {
        if (eip.port_id) perPort.set(eip.port_id, (perPort.get(eip.port_id) ?? 0) + 1);
      }
      expect([...perPort.values()].filter((n) => n > 1)).toEqual([]);
    });

    it("fails only with actionable errors carrying the OTC code", () => {
      expect(run.report.failures.filter((f) => !isActionable(f))).toEqual([]);
    });

    it("succeeds at every operation whose faults fit the retry budget: every one, no exceptions", () => {
      expect(run.report.failures).toEqual([]);
      expect(run.report.completed).toBe(LIFECYCLES);
    });
  },
);

describe("across the seeds", () => {
  it("ran at least five seeds and met lost create answers, so the bound-create resend was exercised", () => {
    expect(lostPostsPerSeed.size).toBeGreaterThanOrEqual(Math.min(5, SEEDS.length));
    expect([...lostPostsPerSeed.values()].reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
  });
});
