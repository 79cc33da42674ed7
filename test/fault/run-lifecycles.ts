/**
 * Many full lifecycles (check → create → check → rebind → refresh → delete) of bound IPv6 EIPs
 * driven through the provider helper as `pulumi up` / `refresh` / `destroy` would, while the
 * emulator injects faults; records what each step did and where the emulator says the EIP is.
 */
import type { Emulator } from "../emulator";
import { HelperCallError } from "../harness";
import type { InitFailure, JsonObject, ProviderHelper } from "../harness";
import { eipUrn } from "./helper-stack";

/** The steps of one lifecycle, in order. */
export type StepName = "check-new" | "create" | "check-rebind" | "rebind" | "refresh" | "delete";

/** A step that failed: what the engine would print. */
export interface StepFailure {
  lifecycle: number;
  step: StepName;
  /** The error message. */
  message: string;
  /** The EIP's id when the failure was an initialisation failure (the EIP stays in state). */
  initFailureId?: string;
}

/** A binding that did not match the step's intent, or the state the provider reported. */
export interface BindingProblem {
  lifecycle: number;
  step: StepName;
  problem: string;
}

/** What the run produced. */
export interface LifecycleRunReport {
  lifecycles: number;
  /** Lifecycles whose every step succeeded at the first attempt. */
  completed: number;
  /** Steps attempted, by name. */
  attempted: Record<StepName, number>;
  failures: StepFailure[];
  bindingProblems: BindingProblem[];
  /** EIP ids the simulated stacks still hold (created or failed to initialise, not yet deleted). */
  recordedIds: Set<string>;
}

/** Options of {@link runLifecycles}. */
export interface RunLifecyclesOptions {
  emulator: Emulator;
  helper: ProviderHelper;
  provider: string;
  /** How many lifecycles. */
  count: number;
  /** How many run at once. */
  parallelism: number;
  /** Deadline of one helper call, in ms. */
  callDeadlineMs: number;
  /** How often a user re-runs a failed `destroy` (default 3 attempts in all). */
  deleteAttempts?: number;
}

type Outcome<T> = { ok: true; value: T } | { ok: false; initFailure?: InitFailure };

const STEPS: readonly StepName[] = [
  "check-new",
  "create",
  "check-rebind",
  "rebind",
  "refresh",
  "delete",
];

class LifecycleRun {
  readonly report: LifecycleRunReport;

  constructor(private readonly options: RunLifecyclesOptions) {
    this.report = {
      lifecycles: options.count,
      completed: 0,
      attempted: Object.fromEntries(STEPS.map((s) => [s, 0])) as Record<StepName, number>,
      failures: [],
      bindingProblems: [],
      recordedIds: new Set(),
    };
  }

  /** Runs one step, turning an error into a recorded failure. */
  private async step<T>(i: number, step: StepName, run: () => Promise<T>): Promise<Outcome<T>> {
    this.report.attempted[step]++;
    try {
      return { ok: true, value: await run() };
    } catch (error) {
      const failure: StepFailure = {
        lifecycle: i,
        step,
        message: error instanceof Error ? error.message : String(error),
      };
      const initFailure = error instanceof HelperCallError ? error.initFailure : undefined;
      if (initFailure) failure.initFailureId = initFailure.id;
      this.report.failures.push(failure);
      return initFailure ? { ok: false, initFailure } : { ok: false };
    }
  }

  /** A check whose answer holds failures counts as a failed step too. */
  private async check(
    i: number,
    step: StepName,
    urn: string,
    olds: Record<string, unknown>,
    news: Record<string, unknown>,
  ): Promise<Record<string, unknown> | undefined> {
    const checked = await this.step(i, step, async () => {
      const result = await this.options.helper.check(urn, olds, news, this.callOptions());
      if (result.failures.length > 0) {
        throw new Error(`check failed: ${JSON.stringify(result.failures)}`);
      }
      return result.inputs;
    });
    return checked.ok ? checked.value : undefined;
  }

  private callOptions(): { deadlineMs: number } {
    return { deadlineMs: this.options.callDeadlineMs };
  }

  private live(id: string): string {
    const eip = this.options.emulator.state().ipv6.find((e) => e.id === id);
    return eip ? `${eip.status} on ${eip.port_id ?? "no port"}` : "gone";
  }

  /** After a successful step the EIP must sit exactly where the step meant. */
  private expectAt(i: number, step: StepName, id: string, portId: string | null): void {
    const want = portId === null ? "gone" : `ACTIVE on ${portId}`;
    const got = this.live(id);
    if (got !== want) {
      this.report.bindingProblems.push({
        lifecycle: i,
        step,
        problem: `expected ${want}, emulator has ${got}`,
      });
    }
  }

  /** After an initialisation failure the reported outputs must say where the EIP really is. */
  private expectReported(i: number, step: StepName, failure: InitFailure): void {
    const eip = this.options.emulator.state().ipv6.find((e) => e.id === failure.id);
    const reported = failure.properties["portId"] ?? null;
    if (!eip || reported !== eip.port_id) {
      this.report.bindingProblems.push({
        lifecycle: i,
        step,
        problem: `init failure reported ${JSON.stringify(reported)}; emulator has ${this.live(failure.id)}`,
      });
    }
  }

  /** `pulumi destroy`, re-run by the user while it fails. */
  private async destroy(i: number, urn: string, id: string, outputs: JsonObject): Promise<boolean> {
    for (let attempt = 0; attempt < (this.options.deleteAttempts ?? 3); attempt++) {
      const deleted = await this.step(i, "delete", () =>
        this.options.helper.delete(urn, id, outputs, this.callOptions()),
      );
      if (deleted.ok) {
        this.expectAt(i, "delete", id, null);
        this.report.recordedIds.delete(id);
        return true;
      }
    }
    return false;
  }

  async one(i: number): Promise<void> {
    const { emulator, helper, provider } = this.options;
    const urn = eipUrn(`faulty-${i}`);
    const portA = emulator.addPort("ecs").id;
    const portB = emulator.addPort("ecs").id;
    const inputs = {
      __provider: provider,
      portId: portA,
      floatingNetworkId: emulator.externalNetworkId,
      suppressWarnings: true,
    };

    const checked = await this.check(i, "check-new", urn, {}, inputs);
    if (!checked) return;
    const created = await this.step(i, "create", () =>
      helper.create(urn, checked, this.callOptions()),
    );
    if (!created.ok) {
      if (created.initFailure) {
        // Pulumi keeps a resource that failed to initialise in state; destroy removes it.
        this.report.recordedIds.add(created.initFailure.id);
        this.expectReported(i, "create", created.initFailure);
        await this.destroy(i, urn, created.initFailure.id, created.initFailure.properties);
      }
      return;
    }
    const id = created.value.id;
    this.report.recordedIds.add(id);
    this.expectAt(i, "create", id, portA);
    let outputs: JsonObject = created.value.properties;
    let clean = true;

    const moved = await this.check(i, "check-rebind", urn, checked, { ...checked, portId: portB });
    if (!moved) clean = false;
    else {
      const updated = await this.step(i, "rebind", () =>
        helper.update(urn, id, outputs, moved, this.callOptions()),
      );
      if (!updated.ok) {
        clean = false;
        if (updated.initFailure) {
          this.expectReported(i, "rebind", updated.initFailure);
          outputs = updated.initFailure.properties;
        }
      } else {
        this.expectAt(i, "rebind", id, portB);
        outputs = updated.value.properties;
        const read = await this.step(i, "refresh", () =>
          helper.read(urn, id, outputs, moved, this.callOptions()),
        );
        if (!read.ok) clean = false;
        else {
          if (read.value.id !== id || read.value.properties["portId"] !== portB) {
            this.report.bindingProblems.push({
              lifecycle: i,
              step: "refresh",
              problem: `refresh reported ${read.value.id} on ${JSON.stringify(read.value.properties["portId"])}`,
            });
          }
          this.expectAt(i, "refresh", id, portB);
          outputs = read.value.properties;
        }
      }
    }
    const deleted = await this.destroy(i, urn, id, outputs);
    if (clean && deleted && !this.report.failures.some((f) => f.lifecycle === i)) {
      this.report.completed++;
    }
  }
}

/** Runs the lifecycles with bounded parallelism and returns what happened. */
export async function runLifecycles(options: RunLifecyclesOptions): Promise<LifecycleRunReport> {
  const run = new LifecycleRun(options);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < options.count) await run.one(next++);
  };
  await Promise.all(Array.from({ length: Math.min(options.parallelism, options.count) }, worker));
  return run.report;
}
