/**
 * The settings of a connection in a program: its stack-config keys read in the program process
 * (secrets included: the program's config holds them decrypted) and resolved by the same
 * resolver as the provider's, with the environment and clouds.yaml behind them.
 */
import { loadSettings } from "../client/settings/load-settings";
import type { ResolvedSettings } from "../client/settings/settings";
import { CONFIG_KEYS } from "../client/settings/settings";
import { ConfigurationError } from "../core/errors";
import { DEFAULT_CONNECTION } from "../core/lookup-query";

/** Reads one stack-config value: `read("otc", "region")` is `otc:region`, `undefined` when unset. */
export type ConfigReader = (namespace: string, key: string) => string | undefined;

/** The stack config of the default connection, by fully-qualified key, as the provider reads it. */
export function defaultConnectionConfig(read: ConfigReader): Record<string, string | undefined> {
  const config: Record<string, string | undefined> = {};
  for (const key of CONFIG_KEYS) {
    const colon = key.indexOf(":");
    const value = read(key.slice(0, colon), key.slice(colon + 1));
    if (value !== undefined) config[key] = value;
  }
  return config;
}

/**
 * The settings of `connection` (`otc`: the stack's `otc:*` config, as the provider reads it).
 *
 * @throws ConfigurationError listing every missing or invalid setting
 */
export function loadConnectionSettings(
  connection: string,
  read: ConfigReader,
  env: Record<string, string | undefined> = process.env,
): Promise<ResolvedSettings> {
  if (connection !== DEFAULT_CONNECTION) {
    return Promise.reject(
      new ConfigurationError([
        {
          key: `${connection}:*`,
          reason: `named connections are not supported by this version; leave connection out to use the stack's ${DEFAULT_CONNECTION}:* config.`,
        },
      ]),
    );
  }
  return loadSettings(defaultConnectionConfig(read), env);
}
