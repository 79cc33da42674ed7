/**
 * The real client factory of the tool: the same settings resolution and the same client as the
 * provider, with the flags standing where stack config stands.
 */
import { loadSettings } from "../client/settings/load-settings";
import { createOtcClient } from "../client/otc-client";
import type { OtcClient } from "../client/types";
import type { StackConfig } from "./cli-context";

/**
 * Resolves the settings (flags as `otc:*` config → `OS_*` → clouds.yaml) and builds a client.
 *
 * @throws ConfigurationError listing every missing or invalid setting
 */
export async function createCliClient(
  config: StackConfig,
  env: Readonly<Record<string, string | undefined>>,
  warn: (message: string) => void,
): Promise<OtcClient> {
  const settings = await loadSettings(config, { ...env });
  for (const warning of settings.warnings) warn(warning);
  return createOtcClient(settings);
}
