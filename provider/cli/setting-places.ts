/**
 * The tool's own names for the settings: the flag or the environment variable a user gave (or can
 * give), where the settings resolver speaks of stack-config keys (`otc:region`), which this tool
 * never reads.
 */
import { CONFIG_ENV } from "../client/settings/settings";
import type { StackConfig } from "./cli-context";

/** The flags that stand where stack config stands (see `to-stack-config.ts`). */
export const FLAG_OF_KEY: Readonly<Record<string, string>> = {
  "otc:region": "--region",
  "otc:authUrl": "--auth-url",
  "otc:vpcEndpoint": "--vpc-endpoint",
  "otc:cloud": "--cloud",
  "otc:projectId": "--project",
  "otc:projectName": "--project",
};

/** Where a setting was found, in the tool's terms. */
export interface SettingPlace {
  /** `flag`, `env` or `unset` (neither: clouds.yaml, derived, or missing). */
  given: "flag" | "env" | "unset";
  /** The flag or variable that gave it; when unset, every flag and variable that can. */
  place: string;
}

function isSet(value: string | undefined): boolean {
  return value !== undefined && value.trim() !== "";
}

/**
 * Where `key` (`otc:region`, …) came from among the flags (`flags`: `toStackConfig` of the options
 * alone, without the environment) and the environment, first one wins as in the resolver.
 */
export function placeOf(
  key: string,
  flags: StackConfig,
  env: Readonly<Record<string, string | undefined>>,
): SettingPlace {
  const flag = FLAG_OF_KEY[key];
  if (flag && isSet(flags[key])) return { given: "flag", place: flag };
  const vars = CONFIG_ENV[key] ?? [];
  const variable = vars.find((v) => isSet(env[v]));
  if (variable) return { given: "env", place: variable };
  const all = [...(flag ? [flag] : []), ...vars];
  return { given: "unset", place: all.length > 0 ? all.join(" or ") : key };
}

/** Replaces every stack-config key in `text` by the tool's name for it. */
export function inToolTerms(
  text: string,
  flags: StackConfig,
  env: Readonly<Record<string, string | undefined>>,
): string {
  return text.replace(/\b(?:otc|opentelekomcloud):[A-Za-z]+\b/g, (key) => {
    const normal = key.replace(/^opentelekomcloud:/, "otc:");
    return CONFIG_ENV[normal] || FLAG_OF_KEY[normal] ? placeOf(normal, flags, env).place : key;
  });
}
