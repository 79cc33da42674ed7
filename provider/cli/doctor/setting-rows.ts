/**
 * The resolved settings as `doctor` shows them: each value (never a secret) with the flag, the
 * variable or the clouds.yaml entry it came from.
 */
import type { ResolvedSettings } from "../../client/settings/settings";
import type { StackConfig } from "../cli-context";
import { placeOf } from "../setting-places";

/** One setting, where it came from. Field names are part of `doctor --json`. */
export interface SettingRow {
  setting: string;
  value: string;
  from: string;
}

const AUTH_KIND = {
  aksk: "AK/SK (signed requests)",
  password: "user name and password (IAM token)",
  token: "a token issued already",
} as const;

/** Where a setting came from when no flag and no variable gave it. */
function fallback(settings: ResolvedSettings, explicit: boolean, derived: string): string {
  if (!explicit) return derived;
  return settings.identitySource.startsWith("clouds.yaml")
    ? settings.identitySource
    : "clouds.yaml";
}

function from(
  key: string,
  flags: StackConfig,
  env: Readonly<Record<string, string | undefined>>,
  otherwise: string,
): string {
  const place = placeOf(key, flags, env);
  return place.given === "unset" ? otherwise : place.place;
}

/** The rows for `settings`; `flags` is the stack config of the flags alone. */
export function settingRows(
  settings: ResolvedSettings,
  flags: StackConfig,
  env: Readonly<Record<string, string | undefined>>,
): SettingRow[] {
  const fromProjectName =
    settings.projectName !== undefined && settings.projectName.startsWith(`${settings.region}_`);
  const rows: SettingRow[] = [
    {
      setting: "region",
      value: settings.region,
      from: from(
        "otc:region",
        flags,
        env,
        fromProjectName ? "the project name's prefix" : "clouds.yaml",
      ),
    },
    {
      setting: "VPC endpoint",
      value: settings.vpcEndpoint,
      from: from(
        "otc:vpcEndpoint",
        flags,
        env,
        fallback(settings, settings.vpcEndpointExplicit, "the region's default"),
      ),
    },
    {
      setting: "IAM endpoint",
      value: settings.authUrl ?? "(none: not needed with a token)",
      from: from(
        "otc:authUrl",
        flags,
        env,
        fallback(settings, settings.authUrlExplicit, "the region's default"),
      ),
    },
  ];
  if (settings.projectId !== undefined) {
    rows.push({
      setting: "project id",
      value: settings.projectId,
      from: from("otc:projectId", flags, env, "clouds.yaml"),
    });
  }
  if (settings.projectName !== undefined) {
    rows.push({
      setting: "project name",
      value: settings.projectName,
      from: from("otc:projectName", flags, env, "clouds.yaml"),
    });
  }
  rows.push({
    setting: "identity",
    value: AUTH_KIND[settings.authKind],
    from: settings.identitySource,
  });
  rows.push({
    setting: "extra CA",
    value: settings.caCert ? "given" : "none",
    from: settings.caCert ? from("otc:caCert", flags, env, "clouds.yaml") : "-",
  });
  return rows;
}
