/**
 * Settings resolution: a pure function from stack config, the environment and the (already read)
 * `clouds.yaml`/`secure.yaml` texts to everything the client needs. For each setting the first
 * source wins: `otc:*` stack config → `opentelekomcloud:*` stack config → `OS_*` environment →
 * the `clouds.yaml` entry. The identity (token, AK/SK or user/password/domain) always comes whole
 * from one source. Every problem is collected and reported at once.
 */
import { ConfigurationError, type ConfigurationProblem } from "../../core/errors";
import { checkProjectId, checkRegion, describeValue } from "../../core/validate";
import { readCloudEntry, type CloudEntry } from "./clouds-yaml";
import { readProxySettings, type ProxySettings } from "./proxy-settings";
import { endpointsForRegion, regionFromProjectName } from "./region-endpoints";
import { secret, type Secret } from "../auth/secret";
import type { SigningFormat } from "../auth/sign-request";

/** Every setting this package reads. */
type SettingName =
  | "region"
  | "authUrl"
  | "vpcEndpoint"
  | "projectId"
  | "projectName"
  | "domainName"
  | "userName"
  | "password"
  | "accessKey"
  | "secretKey"
  | "securityToken"
  | "token"
  | "cloud"
  | "signingFormat"
  | "caCert";

interface SettingSpec {
  /** Key under `otc:`. */
  otc: string;
  /** Key under `opentelekomcloud:` (the existing OTC Pulumi package), if any. */
  legacy?: string;
  /** Environment variables, first wins. */
  env: readonly string[];
  /** Field of a clouds.yaml entry, if any. */
  cloud?: keyof CloudEntry;
}

const SPECS: Readonly<Record<SettingName, SettingSpec>> = {
  region: {
    otc: "region",
    legacy: "region",
    env: ["OS_REGION_NAME", "OS_REGION"],
    cloud: "region",
  },
  authUrl: { otc: "authUrl", legacy: "authUrl", env: ["OS_AUTH_URL"], cloud: "authUrl" },
  vpcEndpoint: { otc: "vpcEndpoint", env: ["OTC_VPC_ENDPOINT"] },
  projectId: {
    otc: "projectId",
    legacy: "tenantId",
    env: ["OS_PROJECT_ID", "OS_TENANT_ID"],
    cloud: "projectId",
  },
  projectName: {
    otc: "projectName",
    legacy: "tenantName",
    env: ["OS_PROJECT_NAME", "OS_TENANT_NAME"],
    cloud: "projectName",
  },
  domainName: {
    otc: "domainName",
    legacy: "domainName",
    env: ["OS_USER_DOMAIN_NAME", "OS_PROJECT_DOMAIN_NAME", "OS_DOMAIN_NAME"],
    cloud: "domainName",
  },
  userName: { otc: "userName", legacy: "userName", env: ["OS_USERNAME"], cloud: "userName" },
  password: { otc: "password", legacy: "password", env: ["OS_PASSWORD"], cloud: "password" },
  accessKey: { otc: "accessKey", legacy: "accessKey", env: ["OS_ACCESS_KEY"], cloud: "accessKey" },
  secretKey: { otc: "secretKey", legacy: "secretKey", env: ["OS_SECRET_KEY"], cloud: "secretKey" },
  securityToken: {
    otc: "securityToken",
    legacy: "securityToken",
    env: ["OS_SECURITY_TOKEN"],
    cloud: "securityToken",
  },
  token: { otc: "token", legacy: "token", env: ["OS_TOKEN", "OS_AUTH_TOKEN"], cloud: "token" },
  cloud: { otc: "cloud", legacy: "cloud", env: ["OS_CLOUD"] },
  signingFormat: { otc: "signingFormat", env: [] },
  caCert: { otc: "caCert", legacy: "cacertFile", env: ["OS_CACERT"], cloud: "caCert" },
};

/** Every fully-qualified stack config key this package reads (`otc:*`, then `opentelekomcloud:*`). */
export const CONFIG_KEYS: readonly string[] = Object.freeze([
  ...Object.values(SPECS).map((s) => `otc:${s.otc}`),
  ...Object.values(SPECS).flatMap((s) => (s.legacy ? [`opentelekomcloud:${s.legacy}`] : [])),
]);

/** The environment variables, by setting, that provide each `otc:*` key (for docs and errors). */
export const CONFIG_ENV: Readonly<Record<string, readonly string[]>> = Object.freeze(
  Object.fromEntries(Object.values(SPECS).map((s) => [`otc:${s.otc}`, s.env])),
);

/** What settings are resolved from. Nothing here is read from disk by `resolveSettings`. */
export interface SettingsSources {
  /** Stack config by fully-qualified key (`otc:region`, `opentelekomcloud:password`, …). */
  config: Record<string, string | undefined>;
  /** The environment (`OS_*`, `OTC_DEBUG`, `HTTPS_PROXY`, …). */
  env: Record<string, string | undefined>;
  /** The `clouds.yaml` found on the search path, when a cloud is named. */
  cloudsYaml?: { path: string; text: string };
  /** The `secure.yaml` found beside it, merged over it. */
  secureYaml?: { path: string; text: string };
  /** The CA bundle file named by `caCert`, already read. */
  caCertFile?: { path: string; text: string };
  /** The files searched for `clouds.yaml`, for the error message when none was found. */
  cloudsYamlSearched?: readonly string[];
}

/** The identity the client authenticates with. Never enumerable on {@link ResolvedSettings}. */
export type Credentials =
  | { kind: "token"; token: Secret }
  | { kind: "aksk"; accessKey: Secret; secretKey: Secret; securityToken: Secret | undefined }
  | { kind: "password"; userName: string; password: Secret; domainName: string };

export type { ProxySettings };

/**
 * The resolved settings. Credentials and proxy URLs are non-enumerable and wrapped in
 * {@link Secret}, so `JSON.stringify` and `util.inspect` of this object never show them.
 */
export interface ResolvedSettings {
  /** Region name, e.g. `eu-de`. */
  readonly region: string;
  /** VPC API base URL, without a trailing slash. */
  readonly vpcEndpoint: string;
  /** IAM v3 base URL (`…/v3`), without a trailing slash; `undefined` only with a pre-issued token and an unknown region. */
  readonly authUrl: string | undefined;
  /** Project id, when configured. */
  readonly projectId: string | undefined;
  /** Project name, when configured. */
  readonly projectName: string | undefined;
  /** The auth mode: pre-issued token, AK/SK or IAM password token. */
  readonly authKind: "token" | "aksk" | "password";
  /** The `Authorization` format for AK/SK. */
  readonly signingFormat: SigningFormat;
  /** Whether `vpcEndpoint` was configured explicitly (then a region override keeps it). */
  readonly vpcEndpointExplicit: boolean;
  /** Whether `authUrl` was configured explicitly. */
  readonly authUrlExplicit: boolean;
  /** Where the identity came from, e.g. `stack config (otc:*)`. */
  readonly identitySource: string;
  /** Extra CA certificates (PEM), when configured. */
  readonly caCert: string | undefined;
  /** Debug logging (`OTC_DEBUG=1` or `OS_DEBUG=1`). */
  readonly debug: boolean;
  /** Things the user should know (e.g. the eu-ch2 caveat); the provider shows them as warnings. */
  readonly warnings: string[];
  /** The identity (non-enumerable). */
  readonly credentials: Credentials;
  /** Proxy settings (non-enumerable). */
  readonly proxy: ProxySettings;
}

/** One place values can come from, in priority order. */
interface Source {
  /** Human-readable, e.g. `stack config (otc:*)`. */
  label: string;
  get(name: SettingName): string | undefined;
  /** Where a setting goes in this source: `otc:password`, `OS_PASSWORD`, `auth.password`. */
  place(name: SettingName): string;
  /** True for the environment, whose variables a problem may offer. */
  isEnv?: boolean;
}

/** The clouds.yaml key of each identity setting (under `auth:`), for messages. */
const CLOUD_KEYS: Partial<Record<SettingName, string>> = {
  userName: "auth.username",
  password: "auth.password",
  domainName: "auth.user_domain_name",
  accessKey: "auth.access_key",
  secretKey: "auth.secret_key",
};

function clean(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const t = value.trim();
  return t === "" ? undefined : t;
}

function buildSources(
  sources: SettingsSources,
  problems: ConfigurationProblem[],
  cloudName: string | undefined,
): Source[] {
  const list: Source[] = [
    {
      label: "stack config (otc:*)",
      get: (n) => clean(sources.config[`otc:${SPECS[n].otc}`]),
      place: (n) => `otc:${SPECS[n].otc}`,
    },
    {
      label: "stack config (opentelekomcloud:*)",
      get: (n) => {
        const legacy = SPECS[n].legacy;
        return legacy ? clean(sources.config[`opentelekomcloud:${legacy}`]) : undefined;
      },
      place: (n) => `opentelekomcloud:${SPECS[n].legacy ?? SPECS[n].otc}`,
    },
    {
      label: "environment (OS_*)",
      isEnv: true,
      place: (n) => SPECS[n].env.join(" / "),
      get: (n) => {
        for (const v of SPECS[n].env) {
          const value = clean(sources.env[v]);
          if (value !== undefined) return value;
        }
        return undefined;
      },
    },
  ];
  if (cloudName !== undefined) {
    if (!sources.cloudsYaml) {
      const searched = sources.cloudsYamlSearched ?? [];
      problems.push({
        key: "otc:cloud",
        env: ["OS_CLOUD"],
        reason:
          `cloud ${JSON.stringify(cloudName)} is named but no clouds.yaml was found` +
          (searched.length > 0 ? ` (searched ${searched.join(", ")})` : "") +
          "; set OS_CLIENT_CONFIG_FILE to its path or unset the cloud name.",
      });
    } else {
      const entry = readCloudEntry(
        cloudName,
        sources.cloudsYaml,
        sources.secureYaml,
        "otc:cloud",
        problems,
      );
      if (entry) {
        list.push({
          label: `clouds.yaml entry ${JSON.stringify(cloudName)} (${sources.cloudsYaml.path})`,
          place: (n) => CLOUD_KEYS[n] ?? SPECS[n].cloud ?? SPECS[n].otc,
          get: (n) => {
            const field = SPECS[n].cloud;
            return field ? clean(entry[field]) : undefined;
          },
        });
      }
    }
  }
  return list;
}

function firstOf(list: readonly Source[], name: SettingName): string | undefined {
  for (const s of list) {
    const v = s.get(name);
    if (v !== undefined) return v;
  }
  return undefined;
}

function problem(name: SettingName, reason: string): ConfigurationProblem {
  return { key: `otc:${SPECS[name].otc}`, env: SPECS[name].env, reason };
}

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

/** Checks an endpoint URL: https, or http for a loopback host only. Returns it without a trailing slash. */
function checkEndpoint(
  name: SettingName,
  value: string,
  problems: ConfigurationProblem[],
): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    problems.push(
      problem(
        name,
        `${describeValue(value)} is not a URL; expected e.g. "https://vpc.eu-de.otc.t-systems.com".`,
      ),
    );
    return undefined;
  }
  if (url.username || url.password || url.search || url.hash) {
    problems.push(
      problem(
        name,
        `${describeValue(`${url.protocol}//${url.host}${url.pathname}`)} must not carry credentials, a query or a fragment; give the base URL only.`,
      ),
    );
    return undefined;
  }
  if (url.protocol === "http:" && !LOOPBACK.test(url.hostname)) {
    problems.push(
      problem(
        name,
        `${describeValue(value)} uses http:// for a host that is not loopback; credentials never travel in clear text: use https:// (and otc:caCert for a private CA).`,
      ),
    );
    return undefined;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    problems.push(problem(name, `${describeValue(value)} must be an https:// URL.`));
    return undefined;
  }
  return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, "")}`;
}

function isTruthy(value: string | undefined): boolean {
  return value !== undefined && /^(1|true|yes|on)$/i.test(value.trim());
}

const PEM = /-----BEGIN CERTIFICATE-----/;

const IDENTITY: readonly SettingName[] = [
  "token",
  "accessKey",
  "secretKey",
  "userName",
  "password",
];

/**
 * A setting missing from the source the identity comes from. It offers only that source's place
 * for it: a value of the same setting in another source is not used, and saying "or env …" when
 * that variable is already set would send the user in a circle.
 */
function missingInSource(
  name: SettingName,
  source: Source,
  list: readonly Source[],
  why: string,
): ConfigurationProblem {
  const unused = list
    .filter((s) => s !== source && s.get(name) !== undefined)
    .map((s) => `${s.place(name)} (${s.label})`);
  const note =
    unused.length > 0
      ? `; ${unused.join(" and ")} ${unused.length === 1 ? "is" : "are"} set but not used for this identity`
      : "";
  return {
    key: `otc:${SPECS[name].otc}`,
    env: source.isEnv ? SPECS[name].env : [],
    reason: `${why}${note}. Set ${source.place(name)} in ${source.label} too${unused.length > 0 ? ", or move the whole identity to one source" : ""}.`,
  };
}

function resolveCredentials(
  list: readonly Source[],
  problems: ConfigurationProblem[],
  warnings: string[],
): { credentials: Credentials; source: string } | undefined {
  const source = list.find((s) => IDENTITY.some((n) => s.get(n) !== undefined));
  if (!source) {
    problems.push({
      key: NO_CREDENTIALS_KEY,
      unset: true,
      env: [
        "OS_TOKEN",
        "OS_ACCESS_KEY + OS_SECRET_KEY",
        "OS_USERNAME + OS_PASSWORD + OS_USER_DOMAIN_NAME",
        "OS_CLOUD",
      ],
      reason:
        "no credentials found; configure one of: an IAM token, an access key pair (AK/SK), or a user name, password and domain.",
    });
    return undefined;
  }
  const from = `the identity comes from ${source.label}, and an identity is never assembled from several sources`;
  const token = source.get("token");
  if (token !== undefined) {
    return { credentials: { kind: "token", token: secret(token) }, source: source.label };
  }
  const ak = source.get("accessKey");
  const sk = source.get("secretKey");
  const user = source.get("userName");
  const password = source.get("password");
  if (ak !== undefined || sk !== undefined) {
    if (ak === undefined || sk === undefined) {
      const missing: SettingName = ak === undefined ? "accessKey" : "secretKey";
      problems.push(
        missingInSource(
          missing,
          source,
          list,
          `missing: the ${missing === "accessKey" ? "secret" : "access"} key is set, so the ${missing === "accessKey" ? "access" : "secret"} key must be set too (${from})`,
        ),
      );
      return undefined;
    }
    if (user !== undefined || password !== undefined) {
      warnings.push(
        `Both an access key pair and a user name/password are configured in ${source.label}; using the access key pair (AK/SK).`,
      );
    }
    const st = source.get("securityToken");
    return {
      credentials: {
        kind: "aksk",
        accessKey: secret(ak),
        secretKey: secret(sk),
        securityToken: st === undefined ? undefined : secret(st),
      },
      source: source.label,
    };
  }
  const domain = source.get("domainName");
  const missing: SettingName[] = [];
  if (user === undefined) missing.push("userName");
  if (password === undefined) missing.push("password");
  if (domain === undefined) missing.push("domainName");
  for (const m of missing) {
    problems.push(missingInSource(m, source, list, `missing for password authentication: ${from}`));
  }
  if (user === undefined || password === undefined || domain === undefined) return undefined;
  return {
    credentials: {
      kind: "password",
      userName: user,
      password: secret(password),
      domainName: domain,
    },
    source: source.label,
  };
}

/** The key of the problem "no credentials found" (no identity in any source). */
export const NO_CREDENTIALS_KEY =
  "otc:token / otc:accessKey + otc:secretKey / otc:userName + otc:password + otc:domainName";

/**
 * True when `error` says only that no credentials (and perhaps no region) were given at all, as in
 * a preview of a pull request from a fork, which has no secrets. False when any value that was
 * given is invalid or incomplete (a typo in `otc:region`, `http://` to a remote host, half an
 * identity): those are mistakes to report, not an environment without secrets.
 */
export function isMissingCredentialsOnly(error: ConfigurationError): boolean {
  // A named connection's problems carry its namespace (`otc-prod:token / …`) instead of `otc:`.
  const asOtc = (key: string) => key.replace(/[A-Za-z][A-Za-z0-9_-]*:/g, "otc:");
  return (
    error.problems.some((p) => asOtc(p.key) === NO_CREDENTIALS_KEY) &&
    error.problems.every((p) => p.unset === true)
  );
}

/**
 * Resolves every setting from `sources`. Pure: it reads no file and no `process.env`.
 *
 * @throws ConfigurationError listing every missing or invalid setting, each with its config key
 *   and the environment variables that would provide it.
 */
export function resolveSettings(sources: SettingsSources): ResolvedSettings {
  const problems: ConfigurationProblem[] = [];
  const warnings: string[] = [];
  const env = sources.env;

  const cloudName =
    clean(sources.config["otc:cloud"]) ??
    clean(sources.config["opentelekomcloud:cloud"]) ??
    clean(env.OS_CLOUD);
  const list = buildSources(sources, problems, cloudName);
  const get = (n: SettingName) => firstOf(list, n);

  const projectName = get("projectName");
  const projectId = get("projectId");
  if (projectId !== undefined) {
    const failure = checkProjectId("otc:projectId", projectId);
    if (failure) problems.push(problem("projectId", failure.reason));
  }

  let region = get("region");
  if (region === undefined && projectName !== undefined)
    region = regionFromProjectName(projectName);
  if (region === undefined) {
    problems.push({
      ...problem(
        "region",
        `missing; set the region (e.g. "eu-de")${projectName ? `; it cannot be derived from the project name ${describeValue(projectName)}` : ""}.`,
      ),
      unset: projectName === undefined,
    });
  } else {
    const failure = checkRegion("otc:region", region);
    if (failure) problems.push(problem("region", failure.reason));
  }
  const known = region !== undefined ? endpointsForRegion(region) : undefined;
  if (known?.warning) warnings.push(known.warning);

  const explicitVpc = get("vpcEndpoint");
  const explicitAuth = get("authUrl");
  let vpcEndpoint: string | undefined;
  if (explicitVpc !== undefined) vpcEndpoint = checkEndpoint("vpcEndpoint", explicitVpc, problems);
  else if (known) vpcEndpoint = known.vpc;
  else if (region !== undefined && !checkRegion("otc:region", region)) {
    problems.push(
      problem(
        "vpcEndpoint",
        `missing: region ${describeValue(region)} has no known endpoints (known: eu-de, eu-nl, eu-ch2); set the VPC endpoint, e.g. "https://vpc.${region}.otc.t-systems.com".`,
      ),
    );
  }
  let authUrl: string | undefined;
  if (explicitAuth !== undefined) authUrl = checkEndpoint("authUrl", explicitAuth, problems);
  else if (known) authUrl = known.iam;

  const identity = resolveCredentials(list, problems, warnings);
  const kind = identity?.credentials.kind;
  if (
    (kind === "aksk" || kind === "password") &&
    projectId === undefined &&
    projectName === undefined
  ) {
    problems.push({
      key: "otc:projectId / otc:projectName",
      env: ["OS_PROJECT_ID", "OS_PROJECT_NAME"],
      reason: `missing: ${kind === "aksk" ? "AK/SK requests name their project (X-Project-Id)" : "the IAM token must be scoped to a project"}; set the project id (32 hex characters) or name (e.g. "eu-de_myproject").`,
    });
  }
  const needsIam = kind === "password" || (kind === "aksk" && projectId === undefined);
  if (needsIam && authUrl === undefined && explicitAuth === undefined && region !== undefined) {
    problems.push(
      problem(
        "authUrl",
        `missing: region ${describeValue(region)} has no known IAM endpoint; set the auth URL, e.g. "https://iam.${region}.otc.t-systems.com/v3".`,
      ),
    );
  }

  const format = clean(sources.config["otc:signingFormat"]) ?? "credential";
  if (format !== "credential" && format !== "access") {
    problems.push(
      problem(
        "signingFormat",
        `${describeValue(format)} is not a signing format; expected "credential" (the default) or "access".`,
      ),
    );
  }

  let caCert: string | undefined;
  const caValue = get("caCert");
  if (caValue !== undefined) {
    if (PEM.test(caValue)) caCert = caValue;
    else if (sources.caCertFile && sources.caCertFile.path === caValue) {
      if (PEM.test(sources.caCertFile.text)) caCert = sources.caCertFile.text;
      else
        problems.push(
          problem(
            "caCert",
            `the file ${describeValue(caValue)} holds no PEM certificate ("-----BEGIN CERTIFICATE-----").`,
          ),
        );
    } else {
      problems.push(
        problem(
          "caCert",
          `${describeValue(caValue)} is neither PEM text nor a readable file; give the path of a PEM CA bundle or its contents.`,
        ),
      );
    }
  }
  if (isTruthy(env.OS_INSECURE)) {
    warnings.push(
      "OS_INSECURE is ignored: TLS certificates are always verified. For a private CA set otc:caCert (or OS_CACERT) to its PEM bundle.",
    );
  }

  const proxy = readProxySettings(env, problems);

  if (problems.length > 0 || !identity || region === undefined || vpcEndpoint === undefined) {
    throw new ConfigurationError(problems);
  }

  const settings = {
    region,
    vpcEndpoint,
    authUrl,
    projectId: projectId?.toLowerCase(),
    projectName,
    authKind: identity.credentials.kind,
    signingFormat: format as SigningFormat,
    vpcEndpointExplicit: explicitVpc !== undefined,
    authUrlExplicit: explicitAuth !== undefined,
    identitySource: identity.source,
    caCert,
    debug: isTruthy(env.OTC_DEBUG) || isTruthy(env.OS_DEBUG),
    warnings,
  } as Omit<ResolvedSettings, "credentials" | "proxy">;
  Object.defineProperty(settings, "credentials", {
    value: identity.credentials,
    enumerable: false,
  });
  Object.defineProperty(settings, "proxy", { value: proxy, enumerable: false });
  return Object.freeze(settings) as ResolvedSettings;
}
