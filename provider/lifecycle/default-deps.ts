/**
 * The lifecycle's real dependencies: settings from stack config and the environment, the
 * process-wide shared OTC client, `console.log` (the helper forwards it to the CLI) and the clock.
 */
import { loadSettings } from "../client/settings/load-settings";
import { getSharedClient } from "../client/otc-client";
import { CONFIG_KEYS } from "../client/settings/settings";
import type { ResolvedSettings } from "../client/settings/settings";
import type { LifecycleDeps } from "./deps";

/** The dependencies the package entry wires. */
export const defaultDeps: LifecycleDeps<ResolvedSettings> = {
  configKeys: CONFIG_KEYS,
  loadSettings: (config) => loadSettings(config),
  getClient: (settings, overrides) => getSharedClient(settings, overrides),
  log: (line) => console.log(line),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  now: () => Date.now(),
};
