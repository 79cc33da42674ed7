/**
 * Runs the acceptance steps one by one: times each, counts the provider's requests (the helper's
 * debug lines) and the run's own, records the outcome in the report, and stops the run when its
 * time, its request budget or an interrupt says so.
 */
import { CallBudgetExceededError } from "./probe-session";
import { countAttempts, countsBetween } from "./helper-calls";
import type { CallCounts } from "./helper-calls";
import type { AcceptanceReport } from "./acceptance-report";
import type { ProbeSession } from "./probe-session";
import { StepSkipped } from "./run-context";

/** One step: returns what it checked; throws to fail, or {@link StepSkipped} to skip. */
export type Step = (extra: StepExtras) => Promise<string>;

/** What the runner needs. */
export interface StepRunnerOptions {
  report: AcceptanceReport;
  session: ProbeSession;
  /** The provider helper's stderr lines so far (its debug lines are counted). */
  providerLines: () => readonly string[];
  interrupted: () => boolean;
  /** The run's deadline (epoch ms). */
  deadline: number;
}

/** What a step can add to its record. */
export interface StepExtras {
  /** Adds requests made outside the helper on the provider's behalf (the CLI's). */
  addProviderCalls(counts: CallCounts): void;
}

/** Why the run stopped before its last step, or `undefined` while it may go on. */
export class StepRunner {
  stoppedBecause: string | undefined;

  constructor(private readonly options: StepRunnerOptions) {}

  private interrupted(): boolean {
    return this.options.interrupted();
  }

  /** Runs `step` unless the run has stopped; returns whether it passed. */
  async run(name: string, step: Step): Promise<boolean> {
    const { report, session, providerLines } = this.options;
    if (this.stoppedBecause === undefined && this.interrupted())
      this.stoppedBecause = "interrupted (SIGINT)";
    if (this.stoppedBecause === undefined && Date.now() >= this.options.deadline) {
      this.stoppedBecause = `the run's time limit (OTC_ACCEPTANCE_TIMEOUT) ran out before "${name}"`;
    }
    if (this.stoppedBecause !== undefined) {
      report.addStep({
        name,
        status: "skipped",
        detail: `not run: ${this.stoppedBecause}`,
        wallMs: 0,
        providerCalls: {},
        runCalls: {},
      });
      return false;
    }
    const helperBefore = countAttempts(providerLines());
    const runBefore = session.requestCounts();
    const extra: CallCounts = {};
    const started = Date.now();
    let status: "passed" | "failed" | "skipped" = "passed";
    let detail: string;
    try {
      detail = await step({
        addProviderCalls: (counts) => {
          for (const [k, n] of Object.entries(counts)) extra[k] = (extra[k] ?? 0) + n;
        },
      });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (error instanceof StepSkipped) {
        status = "skipped";
        detail = message;
      } else {
        status = "failed";
        detail = this.interrupted() ? `interrupted: ${message}` : message;
        if (error instanceof CallBudgetExceededError) this.stoppedBecause = message;
        if (this.interrupted()) this.stoppedBecause = "interrupted (SIGINT)";
      }
    }
    const providerCalls = countsBetween(helperBefore, countAttempts(providerLines()));
    for (const [k, n] of Object.entries(extra)) providerCalls[k] = (providerCalls[k] ?? 0) + n;
    report.addStep({
      name,
      status,
      detail,
      wallMs: Date.now() - started,
      providerCalls,
      runCalls: countsBetween(runBefore, session.requestCounts()),
    });
    return status === "passed";
  }

  /** Records a step that does not apply to this run. */
  skip(name: string, why: string): void {
    this.options.report.addStep({
      name,
      status: "skipped",
      detail: why,
      wallMs: 0,
      providerCalls: {},
      runCalls: {},
    });
  }
}
