/**
 * The lifecycle's real dependencies: settings from stack config and the environment, the
 * process-wide shared OTC client, `console.log` (the helper forwards it to the CLI) and the clock.
 */
import { getSharedClient } from "../client/otc-client";
import {
  CONNECTION_SETTING_NAMES,
  loadConnectionSettings,
} from "../client/settings/connection-settings";
import { withProjectName } from "../client/settings/with-project-name";
import { CONFIG_KEYS } from "../client/settings/settings";
import type { ResolvedSettings } from "../client/settings/settings";
import type { LifecycleDeps } from "./deps";

/** The dependencies the package entry wires. */
export const defaultDeps: LifecycleDeps<ResolvedSettings> = {
  configKeys: CONFIG_KEYS,
  connectionSettingNames: CONNECTION_SETTING_NAMES,
  loadSettings: (config, connection = "otc") => loadConnectionSettings(connection, config),
  getClient: (settings, { projectName, ...overrides }) =>
    getSharedClient(
      projectName !== undefined && overrides.projectId === undefined
        ? withProjectName(settings, projectName)
        : settings,
      overrides,
    ),
  log: (line) => console.log(line),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  now: () => Date.now(),
};
