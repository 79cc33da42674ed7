/**
 * Runs every `doctor` check in order, skipping those an earlier failure makes meaningless: settings
 * → endpoints → clock → credentials → IPv6 API → external network → quota.
 */
import type { ResolvedSettings } from "../../client/settings/settings";
import { createOtcClient, debugLogFor } from "../../client/otc-client";
import { createDispatchers } from "../../client/transport/create-dispatcher";
import { ConfigurationError } from "../../core/errors";
import type { ClientTuning, StackConfig } from "../cli-context";
import { configErrorText } from "../config-error-text";
import { inToolTerms } from "../setting-places";
import { clientOptions, loadCliSettings } from "../create-cli-client";
import { checkCredentials, checkIpv6Api, checkQuota } from "./api-checks";
import type { CheckResult } from "./check-result";
import { fail, pass, skip } from "./check-result";
import { checkClock, checkEndpoint } from "./endpoint-checks";
import type { SettingRow } from "./setting-rows";
import { settingRows } from "./setting-rows";

/** What `doctor` found. Field names are part of `doctor --json`. */
export interface DoctorReport {
  /** True when every check passed (or was not needed). */
  ok: boolean;
  /** The resolved settings and their sources (empty when they did not resolve). */
  settings: SettingRow[];
  /** Warnings of the settings resolver (e.g. the eu-ch2 caveat). */
  warnings: string[];
  checks: CheckResult[];
}

/** What `doctor` runs with. */
export interface DoctorInput {
  /** The flags alone, as stack config. */
  flags: StackConfig;
  /** The flags plus `OTC_VPC_ENDPOINT`, as the other commands resolve them. */
  config: StackConfig;
  env: Readonly<Record<string, string | undefined>>;
  tuning: ClientTuning;
  now: () => number;
}

const LATER = [
  "VPC endpoint",
  "IAM endpoint",
  "clock",
  "credentials",
  "IPv6 EIP API",
  "external network",
  "EIP quota",
];

/** Resolves the settings, or reports why not (in the tool's terms). */
async function resolve(
  input: DoctorInput,
): Promise<{ settings?: ResolvedSettings; result: CheckResult }> {
  try {
    const settings = await loadCliSettings(input.config, input.env);
    return { settings, result: pass("settings", `resolved (${settings.authKind} authentication)`) };
  } catch (error) {
    if (!(error instanceof ConfigurationError)) throw error;
    const text = configErrorText(error, input.flags, input.env)
      .split("\n")
      .filter((l) => l.startsWith("  - "))
      .map((l) => l.slice(4))
      .join("; ");
    return {
      result: fail(
        "settings",
        `incomplete or invalid: ${text}`,
        "Set the flags or variables named; see `otc-ipv6-eip --help`.",
      ),
    };
  }
}

/** Runs the checks. */
export async function diagnose(input: DoctorInput): Promise<DoctorReport> {
  const { settings, result } = await resolve(input);
  if (!settings) {
    return {
      ok: false,
      settings: [],
      warnings: [],
      checks: [result, ...LATER.map((n) => skip(n, "needs valid settings"))],
    };
  }
  const checks: CheckResult[] = [result];
  const timeoutMs = Math.min(input.tuning.timeoutMs ?? 15_000, 15_000);
  const dispatchers = createDispatchers(settings);
  const client = createOtcClient(settings, clientOptions(input.tuning));
  const log = debugLogFor(settings);
  try {
    const vpc = await checkEndpoint(
      "VPC endpoint",
      settings.vpcEndpoint,
      dispatchers.reads,
      timeoutMs,
      log,
    );
    const iam = await checkEndpoint(
      "IAM endpoint",
      settings.authUrl,
      dispatchers.reads,
      timeoutMs,
      log,
    );
    checks.push(
      vpc.result,
      iam.result,
      checkClock(settings, vpc.serverDate ?? iam.serverDate, input.now()),
    );
    if (vpc.result.status === "fail" || iam.result.status === "fail") {
      for (const n of LATER.slice(3)) checks.push(skip(n, "needs reachable endpoints"));
    } else {
      await apiChecks(checks, client, settings);
    }
  } finally {
    await client.close().catch(() => undefined);
    await Promise.all([dispatchers.reads.close(), dispatchers.mutations.close()]).catch(
      () => undefined,
    );
  }
  for (const check of checks) {
    // The client's messages name stack-config keys; the tool names its flags and variables.
    check.detail = inToolTerms(check.detail, input.flags, input.env);
  }
  return {
    ok: checks.every((c) => c.status !== "fail"),
    settings: settingRows(settings, input.flags, input.env),
    warnings: [...settings.warnings],
    checks,
  };
}

async function apiChecks(
  checks: CheckResult[],
  client: ReturnType<typeof createOtcClient>,
  settings: ResolvedSettings,
): Promise<void> {
  const { credentials, network } = await checkCredentials(client, settings);
  checks.push(credentials);
  if (credentials.status !== "pass") {
    checks.push(
      skip("IPv6 EIP API", "needs accepted credentials"),
      network,
      skip("EIP quota", "needs accepted credentials"),
    );
    return;
  }
  checks.push(await checkIpv6Api(client, settings.region), network, await checkQuota(client));
}
