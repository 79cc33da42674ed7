/**
 * `otc-ipv6-eip doctor`: whether `pulumi up` can work from here, before trying — the settings and
 * where each came from, the endpoints over TLS, the credentials, the clock, the IPv6 EIP API in
 * the region, the external network and the EIP quota. Exit 0 only when every check passes.
 */
import type { OutputStream } from "../cli-context";
import type { DoctorInput } from "../doctor/diagnose";
import { diagnose } from "../doctor/diagnose";
import { formatReport } from "../doctor/format-report";
import { ExitCode } from "../exit-codes";

/** Runs the checks and prints the report (text, or one JSON object with `--json`). */
export async function runDoctor(
  input: DoctorInput,
  stdout: OutputStream,
  options: { json: boolean },
): Promise<number> {
  const report = await diagnose(input);
  stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report));
  return report.ok ? ExitCode.Ok : ExitCode.DoctorFailed;
}
