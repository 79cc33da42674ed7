import {
  connectionConfigKeys,
  loadConnectionSettings,
} from "../../provider/client/settings/connection-settings";
import { isMissingCredentialsOnly } from "../../provider/client/settings/settings";
import { ConfigurationError } from "../../provider/core/errors";

const PROJECT = "0123456789abcdef0123456789abcdef";

describe("named connections", () => {
  it("reads <namespace>:* with the rules of otc:*, naming the namespace as the source", async () => {
    const settings = await loadConnectionSettings(
      "otc-prod",
      {
        "otc-prod:region": "eu-nl",
        "otc-prod:projectId": PROJECT,
        "otc-prod:accessKey": "AKPROD",
        "otc-prod:secretKey": "SKPROD",
        "otc:region": "eu-de",
        "otc:token": "not-this-one",
      },
      { HTTPS_PROXY: "http://proxy.example:3128", OS_PASSWORD: "env-password" },
    );
    expect(settings).toMatchObject({
      region: "eu-nl",
      vpcEndpoint: "https://vpc.eu-nl.otc.t-systems.com",
      projectId: PROJECT,
      authKind: "aksk",
      identitySource: "stack config (otc-prod:*)",
    });
    expect(settings.proxy.httpsProxy?.reveal()).toBe("http://proxy.example:3128");
    expect(connectionConfigKeys("otc-prod")).toContain("otc-prod:secretKey");
  });

  it("never falls back to OS_* or otc:*, and names its own keys in every problem", async () => {
    const failure = await loadConnectionSettings(
      "otc-prod",
      { "otc-prod:accessKey": "AKPROD", "otc:secretKey": "SK", "otc:region": "eu-de" },
      { OS_SECRET_KEY: "from-env", OS_REGION_NAME: "eu-de" },
    ).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ConfigurationError);
    const keys = (failure as ConfigurationError).problems.map((p) => p.key);
    expect(keys).toEqual(expect.arrayContaining(["otc-prod:secretKey", "otc-prod:region"]));
    expect((failure as Error).message).not.toMatch(/\botc:|OS_SECRET_KEY/);
  });

  it("tells a connection without any credential apart (a preview of a fork)", async () => {
    const failure = (await loadConnectionSettings(
      "otc-prod",
      { "otc-prod:region": "eu-de" },
      {},
    ).catch((e: unknown) => e)) as ConfigurationError;
    expect(isMissingCredentialsOnly(failure)).toBe(true);
  });
});
