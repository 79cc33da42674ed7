/**
 * The I/O half of settings resolution: finds and reads `clouds.yaml`/`secure.yaml` (when a cloud
 * is named) and the CA bundle file, then hands everything to the pure {@link resolveSettings}.
 */
import { readFile } from "node:fs/promises";
import { homedir } from "node:os";
import { join, resolve } from "node:path";
import { ConfigurationError } from "../../core/errors";
import { readCloudEntry } from "./clouds-yaml";
import { resolveSettings, type ResolvedSettings, type SettingsSources } from "./settings";

/** The files searched for `name` (`clouds.yaml` or `secure.yaml`), first found wins. */
export function configSearchPath(
  name: "clouds.yaml" | "secure.yaml",
  env: Record<string, string | undefined>,
  cwd: string = process.cwd(),
): string[] {
  const override = name === "clouds.yaml" ? env.OS_CLIENT_CONFIG_FILE : env.OS_CLIENT_SECURE_FILE;
  const home = env.HOME && env.HOME.trim() !== "" ? env.HOME : homedir();
  return [
    ...(override && override.trim() !== "" ? [resolve(cwd, override.trim())] : []),
    join(cwd, name),
    join(home, ".config", "openstack", name),
    join("/etc/openstack", name),
  ];
}

async function readFirst(
  paths: readonly string[],
): Promise<{ path: string; text: string } | undefined> {
  for (const path of paths) {
    try {
      return { path, text: await readFile(path, "utf8") };
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== "ENOENT" && code !== "ENOTDIR") throw e;
    }
  }
  return undefined;
}

function firstValue(...values: (string | undefined)[]): string | undefined {
  for (const v of values) if (v !== undefined && v.trim() !== "") return v.trim();
  return undefined;
}

/**
 * Loads the settings: reads `clouds.yaml`/`secure.yaml` from the search path when `otc:cloud` (or
 * `opentelekomcloud:cloud`, or `OS_CLOUD`) is set, and the CA bundle when `otc:caCert` (or
 * `OS_CACERT`, …) is a file path, then resolves.
 *
 * @param config stack config by fully-qualified key (`otc:region`, …)
 * @param env the environment; defaults to `process.env`
 * @throws ConfigurationError listing every problem
 */
export async function loadSettings(
  config: Record<string, string | undefined>,
  env: Record<string, string | undefined> = process.env,
): Promise<ResolvedSettings> {
  const sources: SettingsSources = { config, env };
  const cloud = firstValue(config["otc:cloud"], config["opentelekomcloud:cloud"], env.OS_CLOUD);
  const unreadable = (path: string, e: unknown, key: string, envName: string) =>
    new ConfigurationError([
      {
        key,
        env: [envName],
        reason: `cannot read ${path} (${(e as NodeJS.ErrnoException).code ?? "error"}); fix its permissions or point elsewhere.`,
      },
    ]);
  if (cloud !== undefined) {
    const searched = configSearchPath("clouds.yaml", env);
    sources.cloudsYamlSearched = searched;
    try {
      sources.cloudsYaml = await readFirst(searched);
      sources.secureYaml = await readFirst(configSearchPath("secure.yaml", env));
    } catch (e) {
      throw unreadable("clouds.yaml/secure.yaml", e, "otc:cloud", "OS_CLOUD");
    }
  }
  let ca = firstValue(config["otc:caCert"], config["opentelekomcloud:cacertFile"], env.OS_CACERT);
  if (ca === undefined && cloud !== undefined && sources.cloudsYaml) {
    // The clouds.yaml entry may name the CA file; parse problems are reported by resolveSettings.
    ca = readCloudEntry(cloud, sources.cloudsYaml, sources.secureYaml, "otc:cloud", [])?.caCert;
  }
  if (ca !== undefined && !ca.includes("-----BEGIN")) {
    try {
      sources.caCertFile = { path: ca, text: await readFile(resolve(ca), "utf8") };
    } catch {
      // resolveSettings reports the unreadable file with the key that named it.
    }
  }
  return resolveSettings(sources);
}
