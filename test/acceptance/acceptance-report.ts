/**
 * The acceptance run's report: every step with its outcome, its calls (the provider's, counted in
 * the helper, and the run's own) and its wall time; the bind times observed; the observations and
 * their differences from what the emulator assumes; and what the sweeper released. Printed as
 * the run goes and written as JSON, with every known secret scrubbed.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import type { Comparison } from "./compare-observations";
import type { CallCounts } from "./helper-calls";
import { totalOf } from "./helper-calls";
import type { Observation } from "./observation";
import type { ProbeTarget } from "./probe-session";
import type { SweepResult } from "./sweeper";

/** A step's outcome. */
export type StepStatus = "passed" | "failed" | "skipped";

/** One step of the run. */
export interface StepRecord {
  name: string;
  status: StepStatus;
  /** What was checked, or why it failed or was skipped. */
  detail: string;
  wallMs: number;
  /** Requests the provider made in Pulumi's helper (and the CLI, for its steps). */
  providerCalls: CallCounts;
  /** Requests the run made itself (observations, out-of-band changes). */
  runCalls: CallCounts;
}

/** A bind or unbind time the run measured on the cloud. */
export interface BindTiming {
  what: string;
  /** From sending the change to the first `show` that shows it settled. */
  ms: number;
  /** `show` calls it took. */
  shows: number;
}

/** The whole report. */
export interface AcceptanceReportData {
  tool: "pulumi-otc-ipv6-eip acceptance";
  result: "passed" | "failed" | "interrupted";
  startedAt: string;
  finishedAt?: string;
  wallMs?: number;
  target?: ProbeTarget;
  ports: string[];
  elbPort?: string;
  packageVersion?: string;
  steps: StepRecord[];
  bindTimings: BindTiming[];
  observations: Observation[];
  comparison?: Comparison;
  sweep?: SweepResult;
  totals: { providerCalls: number; runCalls: number };
  /** Why the run stopped early, if it did. */
  stoppedBecause?: string;
}

/** Collects the report and prints it as it grows. */
export class AcceptanceReport {
  readonly data: AcceptanceReportData;

  constructor(
    private readonly out: (line: string) => void,
    ports: string[],
    elbPort: string | undefined,
  ) {
    this.data = {
      tool: "pulumi-otc-ipv6-eip acceptance",
      result: "passed",
      startedAt: new Date().toISOString(),
      ports,
      ...(elbPort ? { elbPort } : {}),
      steps: [],
      bindTimings: [],
      observations: [],
      totals: { providerCalls: 0, runCalls: 0 },
    };
  }

  /** Prints a line (as the run goes). */
  say(line: string): void {
    this.out(line);
  }

  /** Adds a step and prints it. */
  addStep(step: StepRecord): void {
    this.data.steps.push(step);
    this.data.totals.providerCalls += totalOf(step.providerCalls);
    this.data.totals.runCalls += totalOf(step.runCalls);
    if (step.status === "failed") this.data.result = "failed";
    const mark = step.status === "passed" ? "ok  " : step.status === "failed" ? "FAIL" : "skip";
    this.out(
      `${mark} ${step.name} (${(step.wallMs / 1000).toFixed(1)} s, provider ${totalOf(step.providerCalls)} calls, run ${totalOf(step.runCalls)} calls): ${step.detail}`,
    );
  }

  /** Records a bind time. */
  addTiming(timing: BindTiming): void {
    this.data.bindTimings.push(timing);
  }

  /** Records an observation. */
  observe(observation: Observation): void {
    this.data.observations.push(observation);
  }

  /** Prints the summary: bind times, differences, the sweep. */
  printSummary(): void {
    const d = this.data;
    for (const t of d.bindTimings) this.out(`bind time: ${t.what}: ${t.ms} ms (${t.shows} shows)`);
    if (d.comparison) {
      const c = d.comparison;
      this.out(
        `observed versus emulated (styles ${c.styles.join(", ")}; matching all: ${c.matchingStyles.join(", ") || "none"}): ${c.differences.length} difference(s)`,
      );
      for (const diff of c.differences) {
        this.out(
          `  ${diff.point} ${diff.property}: observed ${JSON.stringify(diff.observed)}, emulator ${JSON.stringify(diff.emulated)}`,
        );
      }
      if (c.notObserved.length > 0)
        this.out(`  not observed in this run: ${c.notObserved.join(", ")}`);
    }
    if (d.sweep) {
      const s = d.sweep;
      this.out(
        `sweep: released ${s.released.length}, closed without an EIP ${s.closedWithoutEip.length}, still open ${s.failed.length}`,
      );
      for (const f of s.failed)
        this.out(`  STILL OPEN ${f.id ?? "(no id)"} (${f.purpose}): ${f.reason}`);
    }
    this.out(
      `result: ${d.result.toUpperCase()} (provider ${d.totals.providerCalls} calls, run ${d.totals.runCalls} calls)`,
    );
  }

  /** Writes the report as JSON to `file`, with every secret in `secrets` replaced. */
  write(file: string, secrets: readonly string[]): void {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, `${scrubSecrets(JSON.stringify(this.data, null, 2), secrets)}\n`);
  }
}

/** Replaces every occurrence of each secret (4 characters or longer) with `[redacted]`. */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length >= 4) out = out.split(secret).join("[redacted]");
    const escaped = JSON.stringify(secret).slice(1, -1);
    if (escaped !== secret && escaped.length >= 4) out = out.split(escaped).join("[redacted]");
  }
  return out;
}
