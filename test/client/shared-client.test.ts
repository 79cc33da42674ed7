import { ConfigurationError } from "../../provider/core/errors";
import {
  applyOverrides,
  closeSharedClients,
  getSharedClient,
  setSharedClientOptions,
} from "../../provider/client/otc-client";
import type * as otcClientModule from "../../provider/client/otc-client";
import { resolveSettings } from "../../provider/client/settings/settings";
import { startServer, type LoopbackServer } from "./helpers/loopback-server";
import { passwordSettings, PROJECT_ID, wireEip } from "./helpers/settings-fixtures";

const OTHER_PROJECT = "fedcba9876543210fedcba9876543210";
const EIP_ID = "2567f393-5c76-42db-a397-477723ce41f7";

let server: LoopbackServer;
let issued = 0;

beforeAll(async () => {
  server = await startServer((req) => {
    if (req.path === "/v3/auth/tokens") {
      issued++;
      // A scope by name stands for PROJECT_ID here.
      const scope =
        (JSON.parse(req.body).auth.scope.project.id as string | undefined) ?? PROJECT_ID;
      return {
        status: 201,
        headers: { "x-subject-token": `tok-${scope}-${issued}` },
        body: { token: { expires_at: "2099-01-01T00:00:00Z", project: { id: scope } } },
      };
    }
    return { status: 200, body: { floatingip: wireEip() } };
  });
});
afterAll(async () => {
  await closeSharedClients();
  await server.close();
});
afterEach(async () => {
  await closeSharedClients();
  server.requests.length = 0;
});

describe("getSharedClient", () => {
  it("gives one client (one token) to every caller with the same settings", async () => {
    const a = getSharedClient(passwordSettings(server.url));
    const b = getSharedClient(passwordSettings(server.url));
    expect(b).toBe(a);
    await Promise.all([a.getIpv6FloatingIp(EIP_ID), b.getIpv6FloatingIp(EIP_ID)]);
    expect(a.requestCounts()).toEqual({ token: 1, "GET /v2.0/eip/floatingips_v6/{id}": 2 });
  });

  it("separates identities and projects", async () => {
    const a = getSharedClient(passwordSettings(server.url));
    expect(getSharedClient(passwordSettings(server.url, "another-password"))).not.toBe(a);
    const scoped = getSharedClient(passwordSettings(server.url), { projectId: OTHER_PROJECT });
    expect(scoped).not.toBe(a);
    expect(getSharedClient(passwordSettings(server.url), { projectId: PROJECT_ID })).toBe(a);
    expect(await scoped.projectId()).toBe(OTHER_PROJECT);
    await scoped.getIpv6FloatingIp(EIP_ID);
    const tokenRequest = server.requests.find((r) => r.path === "/v3/auth/tokens")!;
    expect(JSON.parse(tokenRequest.body).auth.scope).toEqual({ project: { id: OTHER_PROJECT } });
    expect(server.requests.at(-1)!.headers["x-auth-token"]).toMatch(
      new RegExp(`^tok-${OTHER_PROJECT}`),
    );
  });

  it("lets a client scoped by project name serve that project's id, with one token", async () => {
    const byName = resolveSettings({
      config: {
        "otc:region": "eu-de",
        "otc:vpcEndpoint": server.url,
        "otc:authUrl": `${server.url}/v3`,
        "otc:userName": "alice",
        "otc:password": "pw-secret-0001",
        "otc:domainName": "OTC-EU-DE-00000000001000000001",
        "otc:projectName": "eu-de_demo",
      },
      env: {},
    });
    const a = getSharedClient(byName);
    expect(getSharedClient(byName, { projectId: PROJECT_ID })).not.toBe(a);
    await closeSharedClients();

    const named = getSharedClient(byName);
    await named.getIpv6FloatingIp(EIP_ID);
    const byId = getSharedClient(byName, { projectId: PROJECT_ID });
    expect(byId).toBe(named);
    await byId.getIpv6FloatingIp(EIP_ID);
    expect(named.requestCounts().token).toBe(1);
    expect(getSharedClient(byName, { projectId: OTHER_PROJECT })).not.toBe(named);
    await named.close();
    expect(getSharedClient(byName, { projectId: PROJECT_ID })).not.toBe(named);
  });

  it("applies the shared options to clients created afterwards", async () => {
    const lines: string[] = [];
    setSharedClientOptions({ debug: true, logger: (l) => lines.push(l) });
    try {
      await getSharedClient(passwordSettings(server.url)).getIpv6FloatingIp(EIP_ID);
    } finally {
      setSharedClientOptions({});
    }
    expect(lines.some((l) => l.includes("GET /v2.0/eip/floatingips_v6/"))).toBe(true);
  });

  it("is shared by a second loaded copy of the module", () => {
    const a = getSharedClient(passwordSettings(server.url));
    let second: typeof otcClientModule | undefined;
    jest.isolateModules(() => {
      second = jest.requireActual<typeof otcClientModule>("../../provider/client/otc-client");
    });
    expect(second!.getSharedClient).not.toBe(getSharedClient);
    expect(second!.getSharedClient(passwordSettings(server.url))).toBe(a);
  });

  it("forgets a client once it is closed", async () => {
    const a = getSharedClient(passwordSettings(server.url));
    await a.close();
    expect(getSharedClient(passwordSettings(server.url))).not.toBe(a);
  });
});

describe("region overrides", () => {
  const regional = resolveSettings({
    config: { "otc:region": "eu-de", "otc:token": "t", "otc:projectId": PROJECT_ID },
    env: {},
  });

  it("use the other region's endpoints", () => {
    const nl = applyOverrides(regional, { region: "eu-nl" });
    expect(nl).toMatchObject({
      region: "eu-nl",
      vpcEndpoint: "https://vpc.eu-nl.otc.t-systems.com",
      authUrl: "https://iam.eu-nl.otc.t-systems.com/v3",
    });
    expect(nl.credentials).toBe(regional.credentials);
    expect(Object.keys(nl)).not.toContain("credentials");
    expect(getSharedClient(regional, { region: "eu-nl" }).region).toBe("eu-nl");
    expect(applyOverrides(regional, { region: "eu-ch2" }).warnings.join()).toMatch(/eu-ch2/);
  });

  it("keep explicitly configured endpoints", () => {
    const explicit = passwordSettings(server.url);
    expect(applyOverrides(explicit, { region: "eu-nl" })).toMatchObject({
      region: "eu-nl",
      vpcEndpoint: server.url,
      authUrl: `${server.url}/v3`,
    });
  });

  it("refuse an unknown region without explicit endpoints", () => {
    expect(() => applyOverrides(regional, { region: "eu-xx" })).toThrow(ConfigurationError);
  });
});
