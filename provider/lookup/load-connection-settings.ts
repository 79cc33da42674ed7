/**
 * The settings of a connection in a program: its stack-config keys read in the program process
 * (secrets included: the program's config holds them decrypted) and resolved by the same code as
 * the provider's (`otc`: `otc:*`, `opentelekomcloud:*`, the environment and clouds.yaml; a named
 * connection: its own namespace only).
 */
import {
  connectionConfigKeys,
  DEFAULT_CONNECTION_NAME,
  loadConnectionSettings as loadConnection,
} from "../client/settings/connection-settings";
import type { ResolvedSettings } from "../client/settings/settings";
import { CONFIG_KEYS } from "../client/settings/settings";

/** Reads one stack-config value: `read("otc", "region")` is `otc:region`, `undefined` when unset. */
export type ConfigReader = (namespace: string, key: string) => string | undefined;

/**
 * The stack config of connection `connection`, by fully-qualified key, as the provider reads it:
 * for `otc` its keys and the `opentelekomcloud:*` ones, for a named connection its namespace's.
 */
export function connectionConfig(
  connection: string,
  read: ConfigReader,
): Record<string, string | undefined> {
  const keys =
    connection === DEFAULT_CONNECTION_NAME ? CONFIG_KEYS : connectionConfigKeys(connection);
  const config: Record<string, string | undefined> = {};
  for (const key of keys) {
    const colon = key.indexOf(":");
    const value = read(key.slice(0, colon), key.slice(colon + 1));
    if (value !== undefined) config[key] = value;
  }
  return config;
}

/**
 * The settings of `connection`.
 *
 * @throws ConfigurationError listing every missing or invalid setting, named by the
 *   connection's keys (`otc-prod:secretKey`)
 */
export function loadConnectionSettings(
  connection: string,
  read: ConfigReader,
  env: Record<string, string | undefined> = process.env,
): Promise<ResolvedSettings> {
  return loadConnection(connection, connectionConfig(connection, read), env);
}
