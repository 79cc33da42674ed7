/**
 * The lifecycle's real dependencies: settings from stack config and the environment, the
 * process-wide shared OTC client, `console.log` (the helper forwards it to the CLI) and the clock.
 */
import { loadSettings } from "../client/load-settings";
import { CONFIG_KEYS } from "../client/settings";
import type { ResolvedSettings } from "../client/settings";
import type { OtcClient } from "../client/types";
import type { ClientOverrides, LifecycleDeps } from "./deps";

/** The shared-client factory's signature (`provider/client/otc-client.ts`). */
type GetSharedClient = (settings: ResolvedSettings, overrides?: ClientOverrides) => OtcClient;

/** The dependencies the package entry wires. */
export const defaultDeps: LifecycleDeps<ResolvedSettings> = {
  configKeys: CONFIG_KEYS,
  loadSettings: (config) => loadSettings(config),
  getClient(settings, overrides) {
    // Loaded on first use: the client module pulls in undici, which a check without a port never needs.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const client = require("../client/otc-client") as { getSharedClient: GetSharedClient };
    return client.getSharedClient(settings, overrides);
  },
  log: (line) => console.log(line),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  now: () => Date.now(),
};
