/**
 * Per-operation figures on a warm helper (token cached, code loaded): each operation runs alone,
 * several times, and its calls are counted at the emulator.
 */
import type { ProviderHelper } from "../harness";
import { apiCallsOf, tokenRequestsOf } from "./api-calls";
import type { BenchStack } from "./bench-stack";
import { OPERATION_NAMES } from "./bench-types";
import type { OperationFigure, OperationName } from "./bench-types";

/**
 * The fewest calls and round trips of each operation, when the emulator completes a bind or
 * unbind by the first poll (issues 7, 11 and 12): check of a new resource = the port look-up and
 * the 2 EIP lists, all 3 in parallel (1 round trip); create = POST + GET (the port's kind is what
 * the check just learnt); diff = nothing; refresh = GET; rebind = the 2 lists on the new NIC in
 * parallel, right before the unbind (issue 11.4: never a remembered verdict), then PUT + GET + PUT
 * + GET (6 calls, 5 round trips); delete = PUT + GET + DELETE.
 */
export const OPERATION_MINIMUMS: Readonly<
  Record<OperationName, { calls: number; roundTrips: number }>
> = {
  checkNew: { calls: 3, roundTrips: 1 },
  createBound: { calls: 2, roundTrips: 2 },
  diff: { calls: 0, roundTrips: 0 },
  refresh: { calls: 1, roundTrips: 1 },
  rebind: { calls: 6, roundTrips: 5 },
  deleteBound: { calls: 3, roundTrips: 3 },
};

interface Sample {
  calls: number;
  tokens: number;
  ms: number;
}

/** Runs `operation` alone and counts its calls (token requests aside). */
async function sample<T>(stack: BenchStack, operation: () => Promise<T>): Promise<[T, Sample]> {
  stack.emulator.resetLog();
  const started = performance.now();
  const result = await operation();
  const ms = performance.now() - started;
  const counts = stack.emulator.counts();
  return [result, { calls: apiCallsOf(counts), tokens: tokenRequestsOf(counts), ms }];
}

/** One resource's whole life: check, create, diff, refresh, rebind, delete. */
async function oneLifecycle(
  stack: BenchStack,
  helper: ProviderHelper,
  name: string,
): Promise<Record<OperationName, Sample>> {
  const urn = stack.urn(name);
  const inputs = stack.inputsFor(stack.newPort());
  const [checked, checkNew] = await sample(stack, () => helper.check(urn, {}, inputs));
  if (checked.failures.length > 0)
    throw new Error(`check failed: ${JSON.stringify(checked.failures)}`);
  const [created, createBound] = await sample(stack, () => helper.create(urn, checked.inputs));
  const [, diff] = await sample(stack, () =>
    helper.diff(urn, created.id, created.properties, checked.inputs),
  );
  const [, refresh] = await sample(stack, () =>
    helper.read(urn, created.id, created.properties, checked.inputs),
  );
  // As `pulumi up` does, the engine checks the new inputs (the live guard lists the new NIC)
  // before it updates. That check is not measured (checkNew measures one); the update is.
  const recheck = await helper.check(urn, checked.inputs, {
    ...checked.inputs,
    portId: stack.newPort(),
  });
  if (recheck.failures.length > 0)
    throw new Error(`check failed: ${JSON.stringify(recheck.failures)}`);
  const moved = recheck.inputs;
  const [updated, rebind] = await sample(stack, () =>
    helper.update(urn, created.id, created.properties, moved),
  );
  const [, deleteBound] = await sample(stack, () =>
    helper.delete(urn, created.id, updated.properties),
  );
  return { checkNew, createBound, diff, refresh, rebind, deleteBound };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Rounds to one decimal (milliseconds) or two (ratios). */
export function round(value: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** The per-operation figures and the token requests the whole phase made. */
export interface OperationsPhase {
  operations: Record<OperationName, OperationFigure>;
  /** IAM token requests over the phase (warm-up included): 1 when every operation shares one token. */
  tokenRequests: number;
}

/**
 * Measures every operation `repetitions` times after one unmeasured warm-up lifecycle; reports
 * the median wall time and the largest call count seen.
 */
export async function measureOperations(
  stack: BenchStack,
  helper: ProviderHelper,
  latencyMs: number,
  repetitions: number,
): Promise<OperationsPhase> {
  const runs: Record<OperationName, Sample>[] = [await oneLifecycle(stack, helper, "warm-up")];
  for (let i = 0; i < repetitions; i++) runs.push(await oneLifecycle(stack, helper, `op-${i}`));
  const tokenRequests = runs
    .flatMap((r) => OPERATION_NAMES.map((name) => r[name].tokens))
    .reduce((a, b) => a + b, 0);
  const measured = runs.slice(1);
  const figures = {} as Record<OperationName, OperationFigure>;
  for (const name of OPERATION_NAMES) {
    const samples = measured.map((r) => r[name]);
    const wallMs = round(median(samples.map((s) => s.ms)));
    const lowerBoundMs = OPERATION_MINIMUMS[name].roundTrips * latencyMs;
    figures[name] = {
      apiCalls: Math.max(...samples.map((s) => s.calls)),
      minApiCalls: OPERATION_MINIMUMS[name].calls,
      wallMs,
      lowerBoundMs,
      ratio: lowerBoundMs === 0 ? null : round(wallMs / lowerBoundMs, 2),
    };
  }
  return { operations: figures, tokenRequests };
}
