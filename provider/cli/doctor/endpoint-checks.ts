/**
 * The checks that need no credentials: the VPC and IAM endpoints answer (name, route, proxy and
 * TLS all work), and the local clock agrees with OTC's `Date` within the AK/SK window.
 */
import type { Dispatcher } from "undici";
import type { ResolvedSettings } from "../../client/settings/settings";
import type { DebugLog } from "../../client/transport/debug-log";
import type { CheckResult } from "./check-result";
import { fail, pass, skip } from "./check-result";
import { probeEndpoint } from "./probe-endpoint";

/** OTC accepts an `X-Sdk-Date` this far from its clock (15 minutes). */
export const SIGNATURE_WINDOW_MS = 15 * 60_000;

/** One endpoint's check, and OTC's clock when it answered with a `Date`. */
export async function checkEndpoint(
  name: string,
  url: string | undefined,
  dispatcher: Dispatcher,
  timeoutMs: number,
  log: DebugLog,
): Promise<{ result: CheckResult; serverDate: number | undefined }> {
  if (url === undefined)
    return { result: skip(name, "none configured (not needed)"), serverDate: undefined };
  const probe = await probeEndpoint(`${url}/`, dispatcher, timeoutMs, log);
  if (probe.ok) {
    const how = probe.tls ? "over TLS, certificate verified" : "over plain HTTP (loopback only)";
    return {
      result: pass(name, `${url} answered (HTTP ${probe.status}) ${how}`),
      serverDate: probe.serverDate,
    };
  }
  const fix = probe.tlsProblem
    ? "The certificate is not trusted: for a private CA or a TLS-inspecting proxy, point " +
      "OS_CACERT at its CA bundle (PEM)."
    : "Check the URL, DNS, the network and any proxy (HTTPS_PROXY/NO_PROXY).";
  return { result: fail(name, `${url} unreachable: ${probe.message}`, fix), serverDate: undefined };
}

function seconds(ms: number): string {
  const s = Math.round(Math.abs(ms) / 1000);
  return s >= 120 ? `${Math.round(s / 60)} min` : `${s} s`;
}

/** The clock check: local time against OTC's `Date` header. */
export function checkClock(
  settings: ResolvedSettings,
  serverDate: number | undefined,
  now: number,
): CheckResult {
  const name = "clock";
  if (serverDate === undefined) return skip(name, "no Date header from OTC to compare with");
  const skew = now - serverDate;
  const side = skew > 0 ? "ahead of" : "behind";
  const detail = `${seconds(skew)} ${side} OTC's clock`;
  if (Math.abs(skew) < SIGNATURE_WINDOW_MS) {
    return pass(name, `${detail} (AK/SK signatures are accepted within 15 min)`);
  }
  if (settings.authKind !== "aksk") {
    return pass(
      name,
      `${detail}; fine for ${settings.authKind} authentication, but AK/SK would be refused`,
    );
  }
  return fail(
    name,
    `${detail}: OTC refuses AK/SK signatures dated more than 15 min off (APIG.0301), and five ` +
      "refusals in a row lock the key for 5 minutes",
    "Synchronise the clock (NTP: e.g. `timedatectl set-ntp true`, or the container host's clock).",
  );
}
