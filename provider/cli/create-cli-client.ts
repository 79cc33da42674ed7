/**
 * The real client factory of the tool: the same settings resolution and the same client as the
 * provider, with the flags standing where stack config stands.
 */
import { loadSettings } from "../client/settings/load-settings";
import { createOtcClient, DEFAULT_REQUEST_TIMEOUT_MS } from "../client/otc-client";
import type { OtcClientOptions } from "../client/otc-client";
import type { OtcClient } from "../client/types";
import type { ClientTuning, StackConfig } from "./cli-context";

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
  const settings = await loadSettings(config, { ...env });
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
