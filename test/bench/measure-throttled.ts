/**
 * The throttled section (issue 14): N new bound resources (check + create each) at parallelism 16
 * through the provider helper, against the emulator's VPC rate limit, once with this client's
 * defaults (the adaptive send rate and the retry quota) and once with both turned off (every
 * request backing off on its own, the old client), plus the incumbent's strategy computed.
 */
import * as path from "node:path";
import type { CheckResult, CreateResult, ProviderHelper } from "../harness";
import type { BenchStack } from "./bench-stack";
import type { ThrottledFigures, ThrottledRunFigure } from "./bench-types";
import { round } from "./measure-operations";
import { runPool } from "./run-pool";
import { simulateIncumbent } from "./simulate-incumbent";

/** The section's workload and limit, as the issue sets them. */
export interface ThrottledScenario {
  n: number;
  parallelism: number;
  requestsPerSecond: number;
  burst: number;
  latencyMs: number;
}

const PRELOAD = path.join(__dirname, "shared-client-options-preload.js");

/** The helper's environment for a run with the limiter and the quota off. */
function limiterOffEnv(stack: BenchStack): NodeJS.ProcessEnv {
  return {
    NODE_OPTIONS: `${process.env["NODE_OPTIONS"] ?? ""} --require ${PRELOAD}`.trim(),
    OTC_BENCH_SHARED_CLIENT_OPTIONS: JSON.stringify({
      throttle: { adaptiveRate: false, retryQuota: false },
    }),
    OTC_BENCH_PACKAGE_DIR: stack.projectDir,
  };
}

/** One `pulumi up` of N new bound resources against the limit, in a fresh helper. */
async function runOnce(
  stack: BenchStack,
  scenario: ThrottledScenario,
  label: string,
  env: NodeJS.ProcessEnv | undefined,
): Promise<ThrottledRunFigure> {
  const helper: ProviderHelper = await stack.startConfiguredHelper(env);
  const created: { urn: string; result: CreateResult }[] = [];
  let failures = 0;
  try {
    const names = Array.from({ length: scenario.n }, (_, i) => `throttled-${label}-${i}`);
    const inputs = names.map(() => stack.inputsFor(stack.newPort()));
    stack.emulator.setRateLimit({
      vpc: { requestsPerSecond: scenario.requestsPerSecond, burst: scenario.burst },
    });
    stack.emulator.resetLog();
    const started = performance.now();
    const checked = await runPool(names, scenario.parallelism, async (name, i) => {
      const result: CheckResult | undefined = await helper
        .check(stack.urn(name), {}, inputs[i] as Record<string, unknown>)
        .catch(() => undefined);
      if (!result || result.failures.length > 0) {
        failures++;
        return undefined;
      }
      return result;
    });
    await runPool(names, scenario.parallelism, async (name, i) => {
      const check = checked[i];
      if (!check) return;
      const urn = stack.urn(name);
      const result = await helper.create(urn, check.inputs).catch(() => undefined);
      if (result) created.push({ urn, result });
      else failures++;
    });
    const wallMs = performance.now() - started;
    const vpc = stack.emulator.requestLog().filter((e) => !e.path.startsWith("/v3"));
    const throttledEntries = vpc.filter((e) => e.status === 429);
    const firstAnswer = Math.min(
      ...throttledEntries.map((e) => e.startedAt + e.durationMs),
      Number.POSITIVE_INFINITY,
    );
    const accepted = vpc.length - throttledEntries.length;
    const floorMs = (Math.max(0, accepted - scenario.burst) / scenario.requestsPerSecond) * 1000;
    return {
      wallMs: round(wallMs),
      floorMs: round(floorMs),
      ratio: round(wallMs / floorMs, 2),
      requestsSent: vpc.length,
      throttled: throttledEntries.length,
      throttledShare: round(throttledEntries.length / Math.max(1, vpc.length), 3),
      throttledFirstWave: throttledEntries.filter((e) => e.startedAt < firstAnswer).length,
      failures,
    };
  } finally {
    stack.emulator.setRateLimit({});
    await runPool(created, scenario.parallelism, (c) =>
      helper.delete(c.urn, c.result.id, c.result.properties),
    );
    await helper.close();
  }
}

/** Measures the section: this client, the same with its limiter off, the incumbent computed. */
export async function measureThrottled(
  stack: BenchStack,
  scenario: ThrottledScenario,
): Promise<ThrottledFigures> {
  const adaptive = await runOnce(stack, scenario, "adaptive", undefined);
  const limiterOff = await runOnce(stack, scenario, "off", limiterOffEnv(stack));
  const incumbentComputed = await simulateIncumbent({ ...scenario, sleepMs: 60_000, maxSleeps: 5 });
  return {
    n: scenario.n,
    parallelism: scenario.parallelism,
    requestsPerSecond: scenario.requestsPerSecond,
    burst: scenario.burst,
    adaptive,
    limiterOff,
    incumbentComputed,
  };
}
