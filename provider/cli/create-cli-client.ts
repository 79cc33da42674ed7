/**
 * The real client factory of the tool: the same settings resolution and the same client as the
 * provider, with the flags standing where stack config stands.
 */
import { loadSettings } from "../client/settings/load-settings";
import type { ResolvedSettings } from "../client/settings/settings";
import { withProjectName } from "../client/settings/with-project-name";
import { createOtcClient, DEFAULT_REQUEST_TIMEOUT_MS } from "../client/otc-client";
import type { OtcClientOptions } from "../client/otc-client";
import type { OtcClient } from "../client/types";
import type { ClientTuning, StackConfig } from "./cli-context";

/**
 * Resolves the settings as the provider resolves stack config, the flags standing for it. A
 * project named by `--project` (`otc:projectName` here, which only the flag sets) also drops a
 * project id from the environment or clouds.yaml, which the client would otherwise prefer.
 *
 * @throws ConfigurationError listing every missing or invalid setting
 */
export async function loadCliSettings(
  config: StackConfig,
  env: Readonly<Record<string, string | undefined>>,
): Promise<ResolvedSettings> {
  const settings = await loadSettings(config, { ...env });
  const name = config["otc:projectName"];
  if (name === undefined || config["otc:projectId"] !== undefined) return settings;
  return withProjectName(settings, name);
}

/**
 * Resolves the settings (flags as `otc:*` config → `OS_*` → clouds.yaml) and builds a client.
 *
 * @param tuning `timeoutMs` bounds each call's retries and each exchange
 * @throws ConfigurationError listing every missing or invalid setting
 */
export async function createCliClient(
  config: StackConfig,
  env: Readonly<Record<string, string | undefined>>,
  warn: (message: string) => void,
  tuning: ClientTuning = {},
): Promise<OtcClient> {
  const settings = await loadCliSettings(config, env);
  for (const warning of settings.warnings) warn(warning);
  return createOtcClient(settings, clientOptions(tuning));
}

/** The client options for `--timeout`: no retry starts after it, no exchange lasts longer. */
export function clientOptions(tuning: ClientTuning): OtcClientOptions {
  if (tuning.timeoutMs === undefined) return {};
  return {
    retry: { maxElapsedMs: tuning.timeoutMs },
    requestTimeoutMs: Math.min(DEFAULT_REQUEST_TIMEOUT_MS, tuning.timeoutMs),
  };
}
