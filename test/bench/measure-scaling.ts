/**
 * Scaling: N bound creates at parallelism 16, each N in a fresh helper as one `pulumi up` runs
 * them (every resource checked first, then created), and a preview of the unchanged stack.
 */
import type { CheckResult, CreateResult, ProviderHelper } from "../harness";
import { allRequestsOf, tokenRequestsOf } from "./api-calls";
import type { BenchStack } from "./bench-stack";
import type { ScalingFigure } from "./bench-types";
import { round } from "./measure-operations";
import { runPool } from "./run-pool";

/** A resource as the engine's state holds it after `up`. */
export interface CreatedResource {
  urn: string;
  inputs: Record<string, unknown>;
  created: CreateResult;
}

/** One scaling run's figure and what it left behind (for the preview and the clean-up). */
export interface ScalingRun {
  figure: ScalingFigure;
  resources: CreatedResource[];
  helper: ProviderHelper;
}

/** Runs `pulumi up` for `n` new bound resources: checks (which fetch the token), then creates. */
export async function measureScaling(
  stack: BenchStack,
  n: number,
  parallelism: number,
  latencyMs: number,
): Promise<ScalingRun> {
  const helper = await stack.startConfiguredHelper();
  stack.emulator.resetLog();
  const names = Array.from({ length: n }, (_, i) => `scale-${n}-${i}`);
  const checked: CheckResult[] = await runPool(names, parallelism, async (name) => {
    const result = await helper.check(stack.urn(name), {}, stack.inputsFor(stack.newPort()));
    if (result.failures.length > 0) throw new Error(JSON.stringify(result.failures));
    return result;
  });
  const started = performance.now();
  const created = await runPool(names, parallelism, (name, i) =>
    helper.create(stack.urn(name), (checked[i] as CheckResult).inputs),
  );
  const wallMs = round(performance.now() - started);
  const lowerBoundMs = Math.ceil(n / parallelism) * 2 * latencyMs;
  return {
    figure: {
      n,
      parallelism,
      wallMs,
      lowerBoundMs,
      ratio: round(wallMs / lowerBoundMs, 2),
      tokenRequests: tokenRequestsOf(stack.emulator.counts()),
    },
    resources: names.map((name, i) => ({
      urn: stack.urn(name),
      inputs: (checked[i] as CheckResult).inputs,
      created: created[i] as CreateResult,
    })),
    helper,
  };
}

/**
 * Runs one unmeasured `n`-resource `up` (and its clean-up) in a helper of its own, so that the
 * benchmark process itself (the emulator and the gRPC client that stands in for the engine) has
 * compiled its hot paths and sized its heap before a measured run. The measured helpers stay
 * fresh, as in `pulumi up`: only the harness is warmed, never the provider under test.
 */
export async function warmUpHarness(
  stack: BenchStack,
  n: number,
  parallelism: number,
  latencyMs: number,
): Promise<void> {
  await cleanUp(await measureScaling(stack, n, parallelism, latencyMs), parallelism);
}

/**
 * `pulumi preview` of the unchanged stack in a fresh helper: `check` (old inputs = new inputs)
 * and `diff` of every resource. Returns every request the emulator saw, token requests included.
 */
export async function measureUnchangedPreview(
  stack: BenchStack,
  resources: readonly CreatedResource[],
  parallelism: number,
): Promise<{ n: number; apiCalls: number }> {
  const helper = await stack.startConfiguredHelper();
  stack.emulator.resetLog();
  await runPool(resources, parallelism, async (r) => {
    const checked = await helper.check(r.urn, r.inputs, r.inputs);
    if (checked.failures.length > 0) throw new Error(JSON.stringify(checked.failures));
    const diff = await helper.diff(r.urn, r.created.id, r.created.properties, checked.inputs);
    if (diff.changes) throw new Error(`unchanged resource ${r.urn} shows a diff`);
  });
  const apiCalls = allRequestsOf(stack.emulator.counts());
  await helper.close();
  return { n: resources.length, apiCalls };
}

/** Deletes what a scaling run created (not measured). */
export async function cleanUp(run: ScalingRun, parallelism: number): Promise<void> {
  await runPool(run.resources, parallelism, (r) =>
    run.helper.delete(r.urn, r.created.id, r.created.properties),
  );
  await run.helper.close();
}
