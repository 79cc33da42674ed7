/**
 * The acceptance run: sweeps what an earlier run may have left, opens the scratch project and
 * Pulumi's provider helper, plays the steps, compares the observations with the emulator's
 * assumptions, sweeps every EIP the run made (at the end, after a failure and on SIGINT), and
 * writes the report.
 */
import { startProviderHelper } from "../harness";
import type { ProviderHelper } from "../harness";
import type { AcceptanceOptions } from "./acceptance-options";
import { openAcceptanceProject } from "./acceptance-project";
import type { AcceptanceProject } from "./acceptance-project";
import { AcceptanceReport } from "./acceptance-report";
import { compareObservations } from "./compare-observations";
import { countAttempts, totalOf } from "./helper-calls";
import { Ledger } from "./ledger";
import { ProbeSession } from "./probe-session";
import type { PreflightContext, RunContext } from "./run-context";
import { StepRunner } from "./step-runner";
import { sweep } from "./sweeper";
import { playPreflight, playSteps } from "./play-steps";

/** The time the final sweep may take, on top of the run's limit. */
export const SWEEP_TIME_MS = 600_000;

/** Exit code of an interrupted run. */
export const INTERRUPTED_EXIT = 130;

/** Handles SIGINT/SIGTERM: the first stops the run (then it sweeps), a second leaves at once. */
function onInterrupt(stop: () => void, say: (line: string) => void): () => void {
  let count = 0;
  const handler = (signal: NodeJS.Signals): void => {
    count++;
    if (count === 1) {
      say(`${signal}: stopping the run; every EIP it made is swept before it exits`);
      stop();
      return;
    }
    say(
      `${signal} again: leaving without sweeping; run \`npm run test:acceptance -- --sweep\` to release what is recorded`,
    );
    process.exit(INTERRUPTED_EXIT);
  };
  process.on("SIGINT", handler);
  process.on("SIGTERM", handler);
  return () => {
    process.off("SIGINT", handler);
    process.off("SIGTERM", handler);
  };
}

/** Sweeps leftovers of an earlier run; false when some could not be released. */
async function sweepLeftovers(
  session: ProbeSession,
  ledger: Ledger,
  report: AcceptanceReport,
): Promise<boolean> {
  const open = ledger.open();
  if (open.length === 0) return true;
  report.say(
    `the ledger ${ledger.file} holds ${open.length} open entr${open.length === 1 ? "y" : "ies"} from an earlier run: sweeping first`,
  );
  const result = await sweep(session, ledger, SWEEP_TIME_MS);
  for (const r of result.released) report.say(`  released ${r.id} (${r.purpose}): ${r.how}`);
  for (const f of result.failed)
    report.say(`  STILL OPEN ${f.id ?? "(no id)"} (${f.purpose}): ${f.reason}`);
  return result.failed.length === 0;
}

/**
 * Runs the acceptance suite against the project the environment names.
 *
 * @returns the exit code: 0 passed and swept clean, 1 failed, 130 interrupted
 */
export async function runAcceptance(
  options: AcceptanceOptions,
  env: NodeJS.ProcessEnv,
  out: (line: string) => void,
): Promise<number> {
  const started = Date.now();
  const [portA, portB] = options.ports;
  if (portA === undefined) throw new Error("no port given");
  const deadline = started + options.timeoutMs;
  const report = new AcceptanceReport(out, options.ports, options.elbPort);
  const ledger = Ledger.open(options.ledgerFile);
  let helper: ProviderHelper | undefined;
  let project: AcceptanceProject | undefined;
  let interrupted = false;
  const session = await ProbeSession.open(env, options.maxCalls, () =>
    totalOf(countAttempts(helper?.stderr ?? [])),
  );
  const removeHandlers = onInterrupt(() => {
    interrupted = true;
    session.interrupt();
    void helper?.close();
  }, out);
  try {
    if (!(await sweepLeftovers(session, ledger, report))) {
      report.data.stoppedBecause =
        "EIPs of an earlier run could not be released; release them, then run again";
      report.data.result = "failed";
    } else {
      const base: PreflightContext = {
        options,
        session,
        ledger,
        report,
        env,
        deadline,
        portA,
        portB,
        facts: {},
      };
      const runner = new StepRunner({
        report,
        session,
        providerLines: () => helper?.stderr ?? [],
        interrupted: () => interrupted,
        deadline,
      });
      let ctx: RunContext | undefined;
      if (await playPreflight(runner, base)) {
        project = await openAcceptanceProject(options.projectDir);
        report.data.packageVersion = project.packageVersion;
        if (!interrupted) {
          helper = await startProviderHelper({
            cwd: project.dir,
            env: { ...env, OTC_DEBUG: "1" },
            config: {},
          });
          ctx = { ...base, project, helper };
        } else runner.stoppedBecause = "interrupted (SIGINT)";
      }
      await playSteps(runner, ctx, base);
      if (runner.stoppedBecause) report.data.stoppedBecause = runner.stoppedBecause;
      report.data.comparison = compareObservations(report.data.observations, options.compareStyle);
      // Against the emulator (its style given) a difference is a defect of the emulator's
      // description; against the real cloud it is the finding the report exists for.
      if (report.data.comparison.differences.length > 0 && options.compareStyle !== undefined) {
        report.data.result = "failed";
      }
    }
  } catch (error) {
    report.data.result = "failed";
    report.data.stoppedBecause = error instanceof Error ? error.message : String(error);
    out(`the run stopped: ${report.data.stoppedBecause}`);
  } finally {
    await helper?.close();
    report.data.sweep = await sweep(session, ledger, SWEEP_TIME_MS);
    if (report.data.sweep.failed.length > 0) report.data.result = "failed";
    if (interrupted) report.data.result = "interrupted";
    report.data.finishedAt = new Date().toISOString();
    report.data.wallMs = Date.now() - started;
    report.printSummary();
    report.write(options.reportFile, session.secrets());
    out(`report written to ${options.reportFile}`);
    await project?.cleanup();
    await session.close();
    removeHandlers();
  }
  return exitCodeOf(report.data.result);
}

function exitCodeOf(result: AcceptanceReport["data"]["result"]): number {
  return result === "passed" ? 0 : result === "interrupted" ? INTERRUPTED_EXIT : 1;
}
