import { inspect } from "node:util";
import { ConfigurationError } from "../../provider/core/errors";
import {
  CONFIG_KEYS,
  isMissingCredentialsOnly,
  resolveSettings,
  type SettingsSources,
} from "../../provider/client/settings/settings";

const PID = "0123456789abcdef0123456789abcdef";
const PASSWORD_CONFIG = {
  "otc:region": "eu-de",
  "otc:userName": "alice",
  "otc:password": "pw-otc-config",
  "otc:domainName": "OTC-EU-DE-1",
  "otc:projectId": PID,
};

function resolve(partial: Partial<SettingsSources>) {
  return resolveSettings({ config: {}, env: {}, ...partial });
}

function problemsOf(partial: Partial<SettingsSources>): string {
  try {
    resolve(partial);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigurationError);
    return (e as Error).message;
  }
  throw new Error("expected a ConfigurationError");
}

describe("CONFIG_KEYS", () => {
  it("lists every otc:* key of the issue and the opentelekomcloud:* keys users already have", () => {
    for (const key of [
      "otc:region",
      "otc:authUrl",
      "otc:vpcEndpoint",
      "otc:projectId",
      "otc:projectName",
      "otc:domainName",
      "otc:userName",
      "otc:password",
      "otc:accessKey",
      "otc:secretKey",
      "otc:securityToken",
      "otc:token",
      "otc:cloud",
      "otc:signingFormat",
      "otc:caCert",
      "opentelekomcloud:authUrl",
      "opentelekomcloud:domainName",
      "opentelekomcloud:userName",
      "opentelekomcloud:password",
      "opentelekomcloud:accessKey",
      "opentelekomcloud:secretKey",
      "opentelekomcloud:tenantName",
      "opentelekomcloud:tenantId",
      "opentelekomcloud:region",
    ]) {
      expect(CONFIG_KEYS).toContain(key);
    }
    expect(new Set(CONFIG_KEYS).size).toBe(CONFIG_KEYS.length);
  });
});

describe("resolveSettings: sources and precedence", () => {
  it("resolves a password identity with the region's endpoints", () => {
    const s = resolve({ config: PASSWORD_CONFIG });
    expect(s).toMatchObject({
      region: "eu-de",
      vpcEndpoint: "https://vpc.eu-de.otc.t-systems.com",
      authUrl: "https://iam.eu-de.otc.t-systems.com/v3",
      projectId: PID,
      projectName: undefined,
      authKind: "password",
      signingFormat: "credential",
      warnings: [],
    });
    expect(s.identitySource).toBe("stack config (otc:*)");
  });

  it("prefers otc:* over opentelekomcloud:* over OS_* for each setting", () => {
    const both = resolve({
      config: { ...PASSWORD_CONFIG, "opentelekomcloud:region": "eu-nl" },
      env: { OS_REGION_NAME: "eu-ch2" },
    });
    expect(both.region).toBe("eu-de");
    const legacy = resolve({
      config: { ...PASSWORD_CONFIG, "otc:region": undefined, "opentelekomcloud:region": "eu-nl" },
      env: { OS_REGION_NAME: "eu-ch2" },
    });
    expect(legacy.region).toBe("eu-nl");
    const env = resolve({
      config: { ...PASSWORD_CONFIG, "otc:region": "" },
      env: { OS_REGION_NAME: "eu-nl" },
    });
    expect(env.region).toBe("eu-nl");
  });

  it("reads the opentelekomcloud:* keys (tenantId/tenantName) and OS_* variables", () => {
    const s = resolve({
      config: {
        "opentelekomcloud:accessKey": "AK1",
        "opentelekomcloud:secretKey": "SK1",
        "opentelekomcloud:tenantName": "eu-nl_proj",
      },
    });
    expect(s).toMatchObject({
      authKind: "aksk",
      region: "eu-nl",
      projectName: "eu-nl_proj",
      projectId: undefined,
    });
    const e = resolve({
      env: { OS_TOKEN: "t", OS_TENANT_ID: PID.toUpperCase(), OS_REGION: "eu-de" },
    });
    expect(e).toMatchObject({ authKind: "token", projectId: PID });
  });

  it("reads the VPC endpoint from OTC_VPC_ENDPOINT", () => {
    const s = resolve({
      config: PASSWORD_CONFIG,
      env: { OTC_VPC_ENDPOINT: "http://127.0.0.1:9999/" },
    });
    expect(s).toMatchObject({ vpcEndpoint: "http://127.0.0.1:9999", vpcEndpointExplicit: true });
  });

  it("derives the region from the project name's prefix", () => {
    expect(resolve({ env: { OS_TOKEN: "t", OS_PROJECT_NAME: "eu-nl_abc" } }).region).toBe("eu-nl");
    expect(resolve({ env: { OS_TOKEN: "t", OS_PROJECT_NAME: "eu-de" } }).region).toBe("eu-de");
  });

  it("never assembles an identity from several sources", () => {
    const message = problemsOf({
      config: { "otc:region": "eu-de", "otc:userName": "alice", "otc:projectId": PID },
      env: { OS_PASSWORD: "from-env", OS_USER_DOMAIN_NAME: "dom" },
    });
    expect(message).toMatch(
      /otc:password: missing for password authentication: the identity comes from stack config \(otc:\*\)/,
    );
    // The variable already set is named as unused, never offered as the fix.
    expect(message).toMatch(/OS_PASSWORD \(environment \(OS_\*\)\) is set but not used/);
    expect(message).not.toMatch(/\(or env OS_PASSWORD\)/);
    expect(message).toMatch(/Set otc:password in stack config \(otc:\*\) too/);
    expect(message).toMatch(/otc:domainName/);
  });

  it("takes the whole identity from the first source that has one", () => {
    const s = resolve({
      config: { "otc:region": "eu-de", "otc:projectId": PID },
      env: { OS_ACCESS_KEY: "AK", OS_SECRET_KEY: "SK", OS_USERNAME: "u" },
    });
    expect(s.authKind).toBe("aksk");
    expect(s.identitySource).toBe("environment (OS_*)");
  });

  it("chooses token, then AK/SK, then password within a source", () => {
    const all = { ...PASSWORD_CONFIG, "otc:accessKey": "AK", "otc:secretKey": "SK" };
    expect(resolve({ config: { ...all, "otc:token": "tok" } }).authKind).toBe("token");
    const aksk = resolve({ config: all });
    expect(aksk.authKind).toBe("aksk");
    expect(aksk.warnings.join("\n")).toMatch(/using the access key pair/);
  });

  it("reports an access key without its secret key", () => {
    expect(
      problemsOf({
        config: { "otc:region": "eu-de", "otc:projectId": PID, "otc:accessKey": "AK" },
      }),
    ).toMatch(/otc:secretKey: missing: the access key is set.*Set otc:secretKey in stack config/);
  });
});

function errorOf(partial: Partial<SettingsSources>): ConfigurationError {
  try {
    resolve(partial);
  } catch (e) {
    if (e instanceof ConfigurationError) return e;
    throw e;
  }
  throw new Error("expected a ConfigurationError");
}

describe("isMissingCredentialsOnly: no secrets here, or a mistake?", () => {
  it("is true when no credentials (and perhaps no region) were given at all", () => {
    expect(isMissingCredentialsOnly(errorOf({}))).toBe(true);
    expect(isMissingCredentialsOnly(errorOf({ config: { "otc:region": "eu-de" } }))).toBe(true);
    expect(
      isMissingCredentialsOnly(
        errorOf({ config: { "otc:region": "eu-de", "otc:projectName": "eu-de_demo" } }),
      ),
    ).toBe(true);
  });

  it("is false when a value given is invalid, even without credentials", () => {
    expect(isMissingCredentialsOnly(errorOf({ config: { "otc:region": "eu_de" } }))).toBe(false);
    expect(
      isMissingCredentialsOnly(
        errorOf({
          config: { "otc:region": "eu-de", "otc:vpcEndpoint": "http://vpc.example.com" },
        }),
      ),
    ).toBe(false);
    expect(isMissingCredentialsOnly(errorOf({ config: { "otc:projectName": "demo" } }))).toBe(
      false,
    );
  });

  it("is false when credentials are there but the settings are incomplete or wrong", () => {
    expect(
      isMissingCredentialsOnly(
        errorOf({ config: { "otc:region": "eu-de", "otc:accessKey": "A", "otc:secretKey": "S" } }),
      ),
    ).toBe(false);
    expect(
      isMissingCredentialsOnly(errorOf({ config: { ...PASSWORD_CONFIG, "otc:region": "eu_de" } })),
    ).toBe(false);
    expect(isMissingCredentialsOnly(new ConfigurationError([{ key: "otc:x", reason: "?" }]))).toBe(
      false,
    );
  });
});

describe("resolveSettings: one error listing every problem", () => {
  it("lists the region and the credentials at once, with env variables", () => {
    const message = problemsOf({});
    expect(message).toMatch(/otc:region \(or env OS_REGION_NAME \/ OS_REGION\): missing/);
    expect(message).toMatch(/no credentials found/);
    expect(message).toMatch(/OS_CLOUD/);
  });

  it("lists invalid values together", () => {
    const message = problemsOf({
      config: {
        ...PASSWORD_CONFIG,
        "otc:region": "Germany",
        "otc:projectId": "nope",
        "otc:signingFormat": "v4",
        "otc:vpcEndpoint": "http://vpc.example.com",
      },
    });
    expect(message).toMatch(/otc:region.*"Germany" is not a region name/);
    expect(message).toMatch(/otc:projectId.*"nope" is not an OTC project id/);
    expect(message).toMatch(/otc:signingFormat.*"v4"/);
    expect(message).toMatch(/otc:vpcEndpoint.*http:\/\/ for a host that is not loopback/);
  });

  it("requires a project for AK/SK and password auth", () => {
    expect(
      problemsOf({ config: { "otc:region": "eu-de", "otc:accessKey": "A", "otc:secretKey": "S" } }),
    ).toMatch(/otc:projectId \/ otc:projectName.*X-Project-Id/);
  });

  it("asks for endpoints for a region it does not know", () => {
    expect(problemsOf({ config: { ...PASSWORD_CONFIG, "otc:region": "eu-xx" } })).toMatch(
      /otc:vpcEndpoint.*region "eu-xx" has no known endpoints/,
    );
    const s = resolve({
      config: {
        ...PASSWORD_CONFIG,
        "otc:region": "eu-xx",
        "otc:vpcEndpoint": "https://vpc.x/",
        "otc:authUrl": "https://iam.x/v3/",
      },
    });
    expect(s).toMatchObject({
      vpcEndpoint: "https://vpc.x",
      authUrl: "https://iam.x/v3",
      vpcEndpointExplicit: true,
    });
  });
});

describe("resolveSettings: endpoints", () => {
  it("knows eu-ch2's Swiss hosts and warns that IPv6 EIPs are undocumented there", () => {
    const s = resolve({ config: { ...PASSWORD_CONFIG, "otc:region": "eu-ch2" } });
    expect(s.vpcEndpoint).toBe("https://vpc.eu-ch2.sc.otc.t-systems.com");
    expect(s.authUrl).toBe("https://iam-pub.eu-ch2.sc.otc.t-systems.com/v3");
    expect(s.warnings.join("\n")).toMatch(/eu-ch2.*does not document IPv6 EIPs/);
  });

  it.each([
    "http://127.0.0.1:8080",
    "http://localhost:1",
    "http://[::1]:9",
    "https://vpc.example.com",
  ])("accepts %s", (url) => {
    expect(resolve({ config: { ...PASSWORD_CONFIG, "otc:vpcEndpoint": url } }).vpcEndpoint).toBe(
      url,
    );
  });

  it.each([
    "http://10.0.0.1",
    "http://127.example.com",
    "ftp://x",
    "not a url",
    "https://u:p@vpc.example.com",
  ])("rejects %s", (url) => {
    expect(problemsOf({ config: { ...PASSWORD_CONFIG, "otc:authUrl": url } })).toMatch(
      /otc:authUrl/,
    );
  });
});

describe("resolveSettings: clouds.yaml", () => {
  const clouds = {
    path: "/home/u/.config/openstack/clouds.yaml",
    text: `
clouds:
  otc:
    region_name: eu-nl
    auth:
      auth_url: https://iam.eu-nl.otc.t-systems.com/v3
      username: bob
      user_domain_name: OTC-EU-NL-1
      project_name: eu-nl_prod
  keys:
    region_name: eu-de
    ak: AK-TOP
    sk: SK-TOP
    auth:
      project_id: ${PID}
`,
  };
  const secure = {
    path: "/home/u/.config/openstack/secure.yaml",
    text: "clouds:\n  otc:\n    auth:\n      password: pw-from-secure\n",
  };

  it("reads the entry named by OS_CLOUD with secure.yaml merged over it", () => {
    const s = resolve({ env: { OS_CLOUD: "otc" }, cloudsYaml: clouds, secureYaml: secure });
    expect(s).toMatchObject({ authKind: "password", region: "eu-nl", projectName: "eu-nl_prod" });
    expect(s.credentials).toMatchObject({
      kind: "password",
      userName: "bob",
      domainName: "OTC-EU-NL-1",
    });
    expect(s.credentials.kind === "password" && s.credentials.password.reveal()).toBe(
      "pw-from-secure",
    );
    expect(s.identitySource).toMatch(/clouds\.yaml entry "otc"/);
  });

  it("accepts AK/SK at the entry's top level", () => {
    const s = resolve({ config: { "otc:cloud": "keys" }, cloudsYaml: clouds });
    expect(s).toMatchObject({ authKind: "aksk", region: "eu-de", projectId: PID });
  });

  it("names the entries it has when the cloud is missing", () => {
    expect(problemsOf({ env: { OS_CLOUD: "nope" }, cloudsYaml: clouds })).toMatch(
      /no entry clouds\."nope"; it has "otc", "keys"/,
    );
  });

  it("says where it looked when there is no clouds.yaml", () => {
    expect(
      problemsOf({
        env: { OS_CLOUD: "otc" },
        cloudsYamlSearched: ["/a/clouds.yaml", "/b/clouds.yaml"],
      }),
    ).toMatch(/no clouds\.yaml was found \(searched \/a\/clouds\.yaml, \/b\/clouds\.yaml\)/);
  });

  it("reports invalid YAML", () => {
    expect(
      problemsOf({
        env: { OS_CLOUD: "otc" },
        cloudsYaml: { path: "/x/clouds.yaml", text: "clouds: [\n" },
      }),
    ).toMatch(/\/x\/clouds\.yaml is not valid YAML/);
  });

  it("lets stack config win over the clouds.yaml entry", () => {
    const s = resolve({
      config: { "otc:region": "eu-de" },
      env: { OS_CLOUD: "otc" },
      cloudsYaml: clouds,
      secureYaml: secure,
    });
    expect(s.region).toBe("eu-de");
  });
});

describe("resolveSettings: TLS, debug and secrets", () => {
  const pem = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";

  it("accepts PEM text or a file that was read, and rejects an unread path", () => {
    expect(resolve({ config: { ...PASSWORD_CONFIG, "otc:caCert": pem } }).caCert).toBe(pem.trim());
    expect(
      resolve({
        config: { ...PASSWORD_CONFIG },
        env: { OS_CACERT: "/ca.pem" },
        caCertFile: { path: "/ca.pem", text: pem },
      }).caCert,
    ).toBe(pem);
    expect(problemsOf({ config: { ...PASSWORD_CONFIG, "otc:caCert": "/missing.pem" } })).toMatch(
      /otc:caCert.*OS_CACERT.*"\/missing.pem"/,
    );
  });

  it("ignores OS_INSECURE with a warning", () => {
    expect(
      resolve({ config: PASSWORD_CONFIG, env: { OS_INSECURE: "true" } }).warnings.join(),
    ).toMatch(/OS_INSECURE is ignored/);
  });

  it("turns on debug logging with OTC_DEBUG or OS_DEBUG", () => {
    expect(resolve({ config: PASSWORD_CONFIG }).debug).toBe(false);
    expect(resolve({ config: PASSWORD_CONFIG, env: { OTC_DEBUG: "1" } }).debug).toBe(true);
    expect(resolve({ config: PASSWORD_CONFIG, env: { OS_DEBUG: "true" } }).debug).toBe(true);
  });

  it("never shows a credential through JSON.stringify, util.inspect or string conversion", () => {
    const secrets = [
      "pw-Zq81-unique",
      "SK-Zq81-unique",
      "STS-Zq81-unique",
      "TOK-Zq81-unique",
      "proxyPw-Zq81",
    ];
    const all = [
      resolve({
        config: { ...PASSWORD_CONFIG, "otc:password": secrets[0] },
        env: { HTTPS_PROXY: `http://u:${secrets[4]}@proxy:3128` },
      }),
      resolve({
        config: {
          ...PASSWORD_CONFIG,
          "otc:accessKey": "AK",
          "otc:secretKey": secrets[1],
          "otc:securityToken": secrets[2],
        },
      }),
      resolve({ config: { ...PASSWORD_CONFIG, "otc:token": secrets[3] } }),
    ];
    for (const s of all) {
      const views = [
        JSON.stringify(s),
        inspect(s, { showHidden: true, depth: Infinity, getters: true }),
        JSON.stringify(s.credentials),
        inspect(s.credentials, { showHidden: true, depth: Infinity }),
        inspect(s.proxy, { showHidden: true, depth: Infinity }),
        String(Object.values(s.credentials)),
        `${JSON.stringify(Object.entries(s))}`,
      ];
      for (const view of views) for (const secret of secrets) expect(view).not.toContain(secret);
      expect(Object.keys(s)).not.toContain("credentials");
    }
  });
});
