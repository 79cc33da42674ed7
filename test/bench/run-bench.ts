/**
 * `npm run bench`: the provider's figures against the emulator with injected latency, through
 * Pulumi's own provider helper as `pulumi up` runs it. Writes docs/bench/results.json and
 * docs/bench/benchmark.svg; with `--json`, prints the result as one JSON object on its last line.
 *
 * Options: `--json`, `--latency <ms>` (default 50), `--repetitions <n>` (default 5),
 * `--out <dir>` (default docs/bench), `--strict` (exit 1 when a target is missed),
 * `--project <dir>` (resolve the package from this program folder instead of the repository, e.g.
 * a user project that installed the packed tarball).
 */
import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import * as path from "node:path";
import { repoRoot } from "../harness";
import { startBenchStack } from "./bench-stack";
import type { BenchResult } from "./bench-types";
import { checkTargets } from "./check-targets";
import { measureOperations, round } from "./measure-operations";
import { measureNetworkLookup } from "./measure-network-lookup";
import { cleanUp, measureScaling, measureUnchangedPreview, warmUpHarness } from "./measure-scaling";
import type { ScalingRun } from "./measure-scaling";
import { renderChart } from "./render-chart";

const PARALLELISM = 16;
const SCALING_SIZES = [1, 10, 100] as const;

interface Options {
  json: boolean;
  strict: boolean;
  latencyMs: number;
  repetitions: number;
  outDir: string;
  projectDir: string | undefined;
}

function parseOptions(argv: readonly string[]): Options {
  const options: Options = {
    json: false,
    strict: false,
    latencyMs: 50,
    repetitions: 5,
    outDir: path.join(repoRoot, "docs", "bench"),
    projectDir: undefined,
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
    else
      throw new Error(
        `unknown option ${JSON.stringify(flag)}; see the header of test/bench/run-bench.ts`,
      );
  }
  return options;
}

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

async function run(options: Options): Promise<BenchResult> {
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
    };
  } finally {
    await Promise.all(runs.map((r) => r.helper.close()));
    await stack.close();
  }
}

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  const result = await run(options);
  await mkdir(options.outDir, { recursive: true });
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
