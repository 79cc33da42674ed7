/**
 * Reads one entry of an OpenStack-style `clouds.yaml` (with `secure.yaml` merged over it) into
 * flat settings, the way OTC's tools do: keys under `clouds.<name>.auth`, region at the entry's top
 * level, AK/SK under `auth` or at the top level. Pure: the file texts are read by the caller.
 */
import { parse } from "yaml";
import type { ConfigurationProblem } from "../../core/errors";

/** The settings a `clouds.yaml` entry can provide. */
export interface CloudEntry {
  region?: string;
  authUrl?: string;
  projectId?: string;
  projectName?: string;
  domainName?: string;
  userName?: string;
  password?: string;
  accessKey?: string;
  secretKey?: string;
  securityToken?: string;
  token?: string;
  caCert?: string;
}

/** A file's location and its text. */
export interface YamlFile {
  path: string;
  text: string;
}

type Tree = Record<string, unknown>;

function isTree(value: unknown): value is Tree {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function parseFile(
  file: YamlFile,
  key: string,
  problems: ConfigurationProblem[],
): Tree | undefined {
  try {
    const doc: unknown = parse(file.text);
    if (doc === null || doc === undefined) return {};
    if (!isTree(doc)) {
      problems.push({
        key,
        env: ["OS_CLOUD"],
        reason: `${file.path} is not a YAML mapping; expected a top-level "clouds:" key.`,
      });
      return undefined;
    }
    return doc;
  } catch (e) {
    const detail = e instanceof Error ? e.message.split("\n")[0] : "unreadable";
    problems.push({
      key,
      env: ["OS_CLOUD"],
      reason: `${file.path} is not valid YAML (${detail}); fix the file or unset the cloud name.`,
    });
    return undefined;
  }
}

/** Merges `over` into `base`, recursively for mappings (secure.yaml over clouds.yaml). */
function deepMerge(base: Tree, over: Tree): Tree {
  const out: Tree = { ...base };
  for (const [k, v] of Object.entries(over)) {
    const b = out[k];
    out[k] = isTree(b) && isTree(v) ? deepMerge(b, v) : v;
  }
  return out;
}

function text(value: unknown): string | undefined {
  if (typeof value === "string") return value.trim() === "" ? undefined : value.trim();
  if (typeof value === "number") return String(value);
  return undefined;
}

function first(trees: readonly Tree[], names: readonly string[]): string | undefined {
  for (const tree of trees) {
    for (const name of names) {
      const v = text(tree[name]);
      if (v !== undefined) return v;
    }
  }
  return undefined;
}

/**
 * The entry `name` of `clouds` (merged with `secure`), or `undefined` with a problem recorded
 * under `key` when a file cannot be parsed or has no such entry.
 */
export function readCloudEntry(
  name: string,
  clouds: YamlFile,
  secure: YamlFile | undefined,
  key: string,
  problems: ConfigurationProblem[],
): CloudEntry | undefined {
  const base = parseFile(clouds, key, problems);
  const overlay = secure ? parseFile(secure, key, problems) : {};
  if (!base || !overlay) return undefined;
  const baseClouds = isTree(base.clouds) ? base.clouds : {};
  const overClouds = isTree(overlay.clouds) ? overlay.clouds : {};
  const baseEntry = baseClouds[name];
  const overEntry = overClouds[name];
  if (!isTree(baseEntry) && !isTree(overEntry)) {
    const known = Object.keys(baseClouds);
    problems.push({
      key,
      env: ["OS_CLOUD"],
      reason:
        `${clouds.path} has no entry clouds.${JSON.stringify(name)}` +
        (known.length > 0 ? `; it has ${known.map((k) => JSON.stringify(k)).join(", ")}.` : "."),
    });
    return undefined;
  }
  const entry = deepMerge(isTree(baseEntry) ? baseEntry : {}, isTree(overEntry) ? overEntry : {});
  const auth = isTree(entry.auth) ? entry.auth : {};
  const both = [auth, entry];
  return {
    region: first([entry], ["region_name", "region"]),
    authUrl: first([auth], ["auth_url"]),
    projectId: first([auth], ["project_id", "tenant_id"]),
    projectName: first([auth], ["project_name", "tenant_name"]),
    domainName: first([auth], ["user_domain_name", "domain_name", "project_domain_name"]),
    userName: first([auth], ["username", "user_name"]),
    password: first([auth], ["password"]),
    accessKey: first(both, ["ak", "access_key"]),
    secretKey: first(both, ["sk", "secret_key"]),
    securityToken: first(both, ["security_token"]),
    token: first([auth, entry], ["token", "auth_token"]),
    caCert: first([entry], ["cacert"]),
  };
}
