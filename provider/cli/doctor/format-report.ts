/** The text `otc-ipv6-eip doctor` prints: the settings and their sources, then one line per check. */
import { formatTable } from "../format-table";
import type { DoctorReport } from "./diagnose";

const MARK = { pass: "ok", fail: "FAIL", skip: "skip" } as const;

/** Renders the report for a terminal or a log. */
export function formatReport(report: DoctorReport): string {
  const out: string[] = [];
  if (report.settings.length > 0) {
    out.push(
      "Settings (this tool reads no Pulumi stack config: in a stack, otc:* keys come before these):",
    );
    const rows = report.settings.map((r) => [r.setting, r.value, `from ${r.from}`]);
    out.push(
      ...formatTable(["", "", ""], rows)
        .split("\n")
        .slice(1)
        .map((l) => `  ${l}`.trimEnd()),
    );
    out.push("");
  }
  for (const warning of report.warnings) out.push(`warning: ${warning}`);
  if (report.warnings.length > 0) out.push("");
  const width = Math.max(...report.checks.map((c) => c.name.length));
  for (const check of report.checks) {
    out.push(
      `[${MARK[check.status]}]${" ".repeat(5 - MARK[check.status].length)}${check.name.padEnd(width)}  ${check.detail}`,
    );
    if (check.fix) out.push(`${" ".repeat(7 + width + 2)}fix: ${check.fix}`);
  }
  out.push("");
  const failed = report.checks.filter((c) => c.status === "fail").length;
  out.push(
    failed === 0
      ? "All checks passed: pulumi up can reach OTC from here with these settings."
      : `${failed} check${failed === 1 ? "" : "s"} failed (exit 6).`,
  );
  return `${out.join("\n")}\n`;
}
