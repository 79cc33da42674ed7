/**
 * Named connections: a stack-config namespace (`otc-prod:region`, `otc-prod:accessKey`, …) that
 * holds a whole connection, with the same keys, rules and errors as `otc:*`. Unlike `otc:*`, a
 * named connection never falls back to the `OS_*` environment or `opentelekomcloud:*` (that would
 * quietly mix in another account's identity); a clouds.yaml entry is used only when the namespace
 * names one (`otc-prod:cloud`). Settings of the process that are not part of a connection (proxy,
 * debug, the clouds.yaml search path) still come from the environment.
 */
import { ConfigurationError } from "../../core/errors";
import type { ConfigurationProblem } from "../../core/errors";
import { DEFAULT_CONNECTION_NAME } from "../../core/input-spec";
import { loadSettings } from "./load-settings";
import { CONFIG_KEYS } from "./settings";
import type { ResolvedSettings } from "./settings";

export { DEFAULT_CONNECTION_NAME };

/** The setting names under a namespace (`region`, `authUrl`, …), as `otc:*` has them. */
export const CONNECTION_SETTING_NAMES: readonly string[] = Object.freeze(
  CONFIG_KEYS.filter((key) => key.startsWith("otc:")).map((key) => key.slice("otc:".length)),
);

/** The fully-qualified stack-config keys of connection `name` (`otc-prod:region`, …). */
export function connectionConfigKeys(name: string): string[] {
  return CONNECTION_SETTING_NAMES.map((setting) => `${name}:${setting}`);
}

/** Environment variables that are about the process, not a connection: kept for named ones. */
const PROCESS_ENV =
  /^(https?_proxy|no_proxy|all_proxy|otc_debug|os_debug|os_client_config_file|os_client_secure_file|home)$/i;

/** `otc:` in keys and messages, renamed to the connection's namespace. */
function renamer(name: string): (text: string) => string {
  return (text) => text.replace(/(^|[^A-Za-z0-9_-])otc:/g, `$1${name}:`);
}

function renamedProblem(problem: ConfigurationProblem, rename: (t: string) => string) {
  return { ...problem, key: rename(problem.key), reason: rename(problem.reason), env: [] };
}

/** The settings with the connection's name in what they say about themselves. */
function renamedSettings(
  settings: ResolvedSettings,
  rename: (t: string) => string,
): ResolvedSettings {
  const copy = {
    ...settings,
    identitySource: rename(settings.identitySource),
    warnings: settings.warnings.map(rename),
  };
  Object.defineProperty(copy, "credentials", { value: settings.credentials, enumerable: false });
  Object.defineProperty(copy, "proxy", { value: settings.proxy, enumerable: false });
  return Object.freeze(copy);
}

/**
 * Loads the settings of connection `name` from the stack config (fully-qualified keys).
 *
 * @param name the namespace, e.g. `otc-prod`; `otc` is the default connection (with its fallbacks)
 * @throws ConfigurationError naming every missing or invalid `<name>:*` key
 */
export async function loadConnectionSettings(
  name: string,
  config: Record<string, string | undefined>,
  env: Record<string, string | undefined> = process.env,
): Promise<ResolvedSettings> {
  if (name === DEFAULT_CONNECTION_NAME) return loadSettings(config, env);
  const own: Record<string, string | undefined> = {};
  for (const setting of CONNECTION_SETTING_NAMES) {
    const value = config[`${name}:${setting}`];
    if (value !== undefined) own[`otc:${setting}`] = value;
  }
  const processEnv = Object.fromEntries(
    Object.entries(env).filter(([key]) => PROCESS_ENV.test(key)),
  );
  const rename = renamer(name);
  try {
    return renamedSettings(await loadSettings(own, processEnv), rename);
  } catch (error) {
    if (!(error instanceof ConfigurationError)) throw error;
    throw new ConfigurationError(error.problems.map((p) => renamedProblem(p, rename)));
  }
}
