/**
 * `npm run bench`: the provider's figures against the emulator with injected latency, through
 * Pulumi's own provider helper as `pulumi up` runs it. Writes docs/bench/results.json and
 * docs/bench/benchmark.svg; with `--json`, prints the result as one JSON object on its last line.
 *
 * Options: `--json`, `--latency <ms>` (default 50), `--repetitions <n>` (default 5),
 * `--out <dir>` (default docs/bench), `--strict` (exit 1 when a target is missed),
 * `--project <dir>` (resolve the package from this program folder instead of the repository, e.g.
 * a user project that installed the packed tarball), `--only <sections>` (comma-separated: `core`,
 * the figures of issue 7, and `throttled`, issue 14's; default both: a partial run replaces its
 * sections in the existing results.json and keeps the others), `--throttled-count <n>` (resources
 * of the throttled section, default 100; a smaller count is for trying things out, and is then
 * written to results.json only with `--out` elsewhere).
 */
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import * as path from "node:path";
import { repoRoot } from "../harness";
import { startBenchStack } from "./bench-stack";
import type { BenchResult, ThrottledFigures } from "./bench-types";
import { checkTargets } from "./check-targets";
import { measureOperations, round } from "./measure-operations";
import { measureNetworkLookup } from "./measure-network-lookup";
import { cleanUp, measureScaling, measureUnchangedPreview, warmUpHarness } from "./measure-scaling";
import { measureThrottled } from "./measure-throttled";
import type { ScalingRun } from "./measure-scaling";
import { renderChart } from "./render-chart";

const PARALLELISM = 16;
const SCALING_SIZES = [1, 10, 100] as const;
/** The throttled section's limit (issue 14): 20 requests/s, burst 5, no Retry-After. */
const THROTTLED_LIMIT = { requestsPerSecond: 20, burst: 5 } as const;
const THROTTLED_COUNT = 100;

/** The sections `--only` selects. */
const SECTIONS = ["core", "throttled"] as const;
type Section = (typeof SECTIONS)[number];

interface Options {
  json: boolean;
  strict: boolean;
  latencyMs: number;
  repetitions: number;
  outDir: string;
  projectDir: string | undefined;
  only: ReadonlySet<Section>;
  throttledCount: number;
}

function parseOptions(argv: readonly string[]): Options {
  const options: Options = {
    json: false,
    strict: false,
    latencyMs: 50,
    repetitions: 5,
    outDir: path.join(repoRoot, "docs", "bench"),
    projectDir: undefined,
    only: new Set(SECTIONS),
    throttledCount: THROTTLED_COUNT,
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = (argv[i] as string).split("=", 2) as [string, string | undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    const positive = (v: string): number => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1)
        throw new Error(`${flag} must be a positive integer, got ${JSON.stringify(v)}`);
      return n;
    };
    if (flag === "--json") options.json = true;
    else if (flag === "--strict") options.strict = true;
    else if (flag === "--latency") options.latencyMs = positive(value());
    else if (flag === "--repetitions") options.repetitions = positive(value());
    else if (flag === "--out") options.outDir = path.resolve(value());
    else if (flag === "--project") options.projectDir = path.resolve(value());
    else if (flag === "--throttled-count") options.throttledCount = positive(value());
    else if (flag === "--only") {
      const names = value().split(",");
      const unknown = names.filter((n) => !(SECTIONS as readonly string[]).includes(n));
      if (unknown.length > 0)
        throw new Error(
          `--only takes ${SECTIONS.join(", ")} (comma-separated), got ${JSON.stringify(unknown.join(","))}`,
        );
      options.only = new Set(names as Section[]);
    } else
      throw new Error(
        `unknown option ${JSON.stringify(flag)}; see the header of test/bench/run-bench.ts`,
      );
  }
  return options;
}

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

/** The throttled section's lines. */
function sayThrottled(t: ThrottledFigures): void {
  say(
    `throttled: ${t.n} new bound resources (check + create), parallelism ${t.parallelism}, emulator limited to ${t.requestsPerSecond} requests/s, burst ${t.burst}, no Retry-After; floor = (VPC requests OTC served − burst) / rate`,
  );
  const line = (name: string, f: ThrottledFigures["adaptive"]) =>
    say(
      `  ${name.padEnd(34)} ${f.wallMs} ms  floor ${f.floorMs} ms  ratio ${f.ratio}  sent ${f.requestsSent}  429 ${f.throttled} (${(f.throttledShare * 100).toFixed(1)} %, first wave ${f.throttledFirstWave})  failures ${f.failures}`,
    );
  line("this client (adaptive, quota)", t.adaptive);
  line("limiter and quota off", t.limiterOff);
  line("incumbent 60 s/429, 5 (COMPUTED)", t.incumbentComputed);
}

async function runThrottled(
  stack: Awaited<ReturnType<typeof startBenchStack>>,
  options: Options,
): Promise<ThrottledFigures> {
  const throttled = await measureThrottled(stack, {
    n: options.throttledCount,
    parallelism: PARALLELISM,
    latencyMs: options.latencyMs,
    ...THROTTLED_LIMIT,
  });
  sayThrottled(throttled);
  return throttled;
}

async function run(options: Options): Promise<Partial<BenchResult>> {
  if (
    options.projectDir === undefined &&
    !existsSync(path.join(repoRoot, "dist", "lifecycle", "index.js"))
  ) {
    throw new Error(
      "dist/ is missing: run `npm run build` first (the provider helper loads the built package)",
    );
  }
  const stack = await startBenchStack({
    latencyMs: options.latencyMs,
    ...(options.projectDir !== undefined ? { projectDir: options.projectDir } : {}),
  });
  const runs: ScalingRun[] = [];
  try {
    if (!options.only.has("core")) return { throttled: await runThrottled(stack, options) };
    say(
      `emulator latency ${options.latencyMs} ms; provider text ${Buffer.byteLength(stack.provider)} bytes`,
    );
    const { helper, coldStartMs } = await stack.startHelper();
    await helper.configure(stack.config);
    const firstStarted = performance.now();
    const first = await helper.check(stack.urn("first"), {}, { __provider: stack.provider });
    const firstCallMs = performance.now() - firstStarted;
    if (first.failures.length > 0) throw new Error(JSON.stringify(first.failures));
    say(`helper cold start ${round(coldStartMs)} ms, first call ${round(firstCallMs)} ms`);

    const { operations, tokenRequests } = await measureOperations(
      stack,
      helper,
      options.latencyMs,
      options.repetitions,
    );
    for (const [name, op] of Object.entries(operations)) {
      say(
        `${name.padEnd(12)} calls ${op.apiCalls} (min ${op.minApiCalls})  ${op.wallMs} ms  bound ${op.lowerBoundMs} ms  ratio ${op.ratio ?? "-"}`,
      );
    }
    say(
      `token requests while measuring the operations (one helper, password auth with otc:projectName): ${tokenRequests}`,
    );
    const lookup = await measureNetworkLookup(stack, helper);
    say(
      `external network look-up without floatingNetworkId: ${lookup.first} call(s) on the first create, ${lookup.second} on the next (cached per run)`,
    );
    await helper.close();

    // Why: the first heavy parallel run in this process is slower because the harness (emulator
    // and gRPC client, JIT and heap) warms up, which a Go engine does not; the provider helper of
    // every measured run below is still started fresh.
    await warmUpHarness(stack, Math.max(...SCALING_SIZES), PARALLELISM, options.latencyMs);
    say("harness warmed up (one unmeasured parallel run in a helper of its own)");
    let helperPeakRssMb = 0;
    for (const n of SCALING_SIZES) {
      const scaling = await measureScaling(stack, n, PARALLELISM, options.latencyMs);
      runs.push(scaling);
      if (n === 100) helperPeakRssMb = round(scaling.helper.peakRssMb());
      const f = scaling.figure;
      say(
        `create ×${String(n).padEnd(3)} parallel ${f.parallelism}: ${f.wallMs} ms  bound ${f.lowerBoundMs} ms  ratio ${f.ratio}  tokens ${f.tokenRequests}`,
      );
    }
    const largest = runs[runs.length - 1] as ScalingRun;
    const previewUnchanged = await measureUnchangedPreview(stack, largest.resources, PARALLELISM);
    say(
      `preview of the unchanged ${previewUnchanged.n}-resource stack: ${previewUnchanged.apiCalls} API calls`,
    );
    for (const r of runs) await cleanUp(r, PARALLELISM);
    const leftover = stack.emulator.state().ipv6.length;
    if (leftover !== 0)
      throw new Error(`${leftover} IPv6 EIPs left in the emulator after clean-up`);
    const throttled = options.only.has("throttled")
      ? await runThrottled(stack, options)
      : undefined;

    return {
      latencyMs: options.latencyMs,
      operations,
      scaling: runs.map((r) => r.figure),
      parallel: largest.figure,
      previewUnchanged,
      serializedProviderBytes: Buffer.byteLength(stack.provider, "utf8"),
      helperColdStartMs: round(coldStartMs),
      firstCallMs: round(firstCallMs),
      helperPeakRssMb,
      ...(throttled ? { throttled } : {}),
    };
  } finally {
    await Promise.all(runs.map((r) => r.helper.close()));
    await stack.close();
  }
}

/** The result to write: a partial run's sections over the existing file's others. */
async function measureMerged(options: Options): Promise<BenchResult> {
  if (options.only.has("core")) return (await run(options)) as BenchResult;
  const file = path.join(options.outDir, "results.json");
  if (!existsSync(file)) {
    throw new Error(
      `${file} does not exist: run the whole benchmark once before a partial one (--only)`,
    );
  }
  if (
    options.throttledCount !== THROTTLED_COUNT &&
    path.resolve(options.outDir) === path.join(repoRoot, "docs", "bench")
  ) {
    throw new Error(
      `--throttled-count ${options.throttledCount} would put a reduced run into docs/bench; give --out <dir> (a copy of docs/bench) to try things out`,
    );
  }
  const existing = JSON.parse(await readFile(file, "utf8")) as BenchResult;
  return { ...existing, ...(await run(options)) };
}

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  await mkdir(options.outDir, { recursive: true });
  const result = await measureMerged(options);
  await writeFile(
    path.join(options.outDir, "results.json"),
    `${JSON.stringify(result, null, 2)}\n`,
  );
  await writeFile(path.join(options.outDir, "benchmark.svg"), renderChart(result));
  const verdicts = checkTargets(result);
  for (const v of verdicts) say(`${v.met ? "met   " : "MISSED"} ${v.target}: ${v.actual}`);
  say(
    `wrote ${path.relative(process.cwd(), path.join(options.outDir, "results.json"))} and benchmark.svg`,
  );
  if (options.json) say(JSON.stringify(result));
  return options.strict && verdicts.some((v) => !v.met) ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      `bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(2);
  },
);
