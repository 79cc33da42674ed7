/** The figures a fault run prints, computed from its report and the emulator's request log. */
import type { FaultKind, RequestLogEntry } from "../emulator";
import { isTwiceLostCreate } from "./classify-failure";
import type { LifecycleRunReport } from "./run-lifecycles";

/** Counts drawn from the emulator's request log. */
export interface FaultCounts {
  /** Requests the emulator saw. */
  requests: number;
  /** Faults injected, by kind. */
  byKind: Partial<Record<FaultKind, number>>;
  /** Create POSTs that met a fault leaving the outcome unknown to the client without creating anything. */
  lostPosts: number;
}

/** Counts the faults in `log`. */
export function countFaults(log: readonly RequestLogEntry[]): FaultCounts {
  const byKind: Partial<Record<FaultKind, number>> = {};
  for (const entry of log) {
    if (entry.fault) byKind[entry.fault] = (byKind[entry.fault] ?? 0) + 1;
  }
  const lostPosts = log.filter(
    (e) =>
      e.key === "POST /v2.0/eip/floatingips_v6" &&
      (e.fault === "reset-before" || e.fault === "server-error"),
  ).length;
  return { requests: log.length, byKind, lostPosts };
}

/** The lines the test prints. */
export function summarize(
  report: LifecycleRunReport,
  counts: FaultCounts,
  seconds: number,
  eipsLeft: number,
): string {
  const injected = Object.values(counts.byKind).reduce((a, b) => a + b, 0);
  const lostTwice = report.failures.filter(isTwiceLostCreate).length;
  return [
    `fault run: ${report.lifecycles} lifecycles in ${seconds.toFixed(0)} s; ${counts.requests} requests, ` +
      `${injected} faults injected ${JSON.stringify(counts.byKind)}`,
    `  steps attempted ${JSON.stringify(report.attempted)}`,
    `  lifecycles clean ${report.completed}/${report.lifecycles}; step failures ${report.failures.length}, ` +
      `of which ${lostTwice} creates whose POST and its one resend both met a reset or 5xx ` +
      `(${counts.lostPosts} POSTs met such a fault; the others were resent or reconciled)`,
    `  EIPs left in the emulator ${eipsLeft}; still recorded in state ${report.recordedIds.size}; ` +
      `binding problems ${report.bindingProblems.length}`,
    ...report.failures
      .slice(0, 20)
      .map((f) => `  - #${f.lifecycle} ${f.step}: ${f.message.slice(0, 400)}`),
    "",
  ].join("\n");
}
