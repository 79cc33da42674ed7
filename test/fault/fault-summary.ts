/** The figures a fault run prints, computed from its report and the emulator's request log. */
import type { FaultKind, RequestLogEntry } from "../emulator";
import type { LifecycleRunReport } from "./run-lifecycles";

/** Counts drawn from the emulator's request log. */
export interface FaultCounts {
  /** Requests the emulator saw. */
  requests: number;
  /** Faults injected, by kind. */
  byKind: Partial<Record<FaultKind, number>>;
  /** Create POSTs that met a fault leaving their outcome unknown to the client (a reset, a 5xx). */
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
      (e.fault === "reset-before" || e.fault === "reset-after" || e.fault === "server-error"),
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
  return [
    `fault run: ${report.lifecycles} lifecycles in ${seconds.toFixed(0)} s; ${counts.requests} requests, ` +
      `${injected} faults injected ${JSON.stringify(counts.byKind)}`,
    `  steps attempted ${JSON.stringify(report.attempted)}`,
    `  lifecycles clean ${report.completed}/${report.lifecycles}; step failures ${report.failures.length}; ` +
      `${counts.lostPosts} create POSTs lost their answer to a reset or 5xx (each resent after a look at the NIC, or its EIP adopted)`,
    `  EIPs left in the emulator ${eipsLeft}; still recorded in state ${report.recordedIds.size}; ` +
      `binding problems ${report.bindingProblems.length}`,
    ...report.failures
      .slice(0, 20)
      .map((f) => `  - #${f.lifecycle} ${f.step}: ${f.message.slice(0, 400)}`),
    "",
  ].join("\n");
}
