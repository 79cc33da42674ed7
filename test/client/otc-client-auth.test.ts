import { AuthError, ConfigurationError } from "../../provider/core/errors";
import { createOtcClient } from "../../provider/client/otc-client";
import { resolveSettings } from "../../provider/client/settings/settings";
import { signRequest } from "../../provider/client/auth/sign-request";
import {
  startServer,
  type LoopbackServer,
  type Reply,
  type SeenRequest,
} from "./helpers/loopback-server";
import {
  akskSettings,
  passwordSettings,
  PROJECT_ID,
  tokenSettings,
  wireEip,
} from "./helpers/settings-fixtures";
import { testClock } from "./helpers/test-clock";

const EIP_ID = "2567f393-5c76-42db-a397-477723ce41f7";

let handler: (req: SeenRequest) => Reply | Promise<Reply> = () => ({ status: 500 });
let server: LoopbackServer;

beforeAll(async () => {
  server = await startServer((req) => handler(req));
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  server.requests.length = 0;
});

/** An IAM stand-in issuing tok-1, tok-2, … valid for `lifetimeMs` from `now()`. */
function iam(now: () => number, lifetimeMs = 24 * 3_600_000) {
  let issued = 0;
  return {
    issued: () => issued,
    answer(): Reply {
      issued++;
      return {
        status: 201,
        headers: { "x-subject-token": `tok-${issued}` },
        body: {
          token: {
            expires_at: new Date(now() + lifetimeMs).toISOString().replace("Z", "000Z"),
            project: { id: PROJECT_ID, name: "eu-de_test" },
          },
        },
      };
    },
  };
}

const eipAnswer: Reply = { status: 200, body: { floatingip: wireEip() } };

describe("password authentication", () => {
  it("sends the documented token request and uses X-Subject-Token", async () => {
    const clock = testClock();
    const tokens = iam(clock.now);
    handler = (req) => (req.path === "/v3/auth/tokens" ? tokens.answer() : eipAnswer);
    const client = createOtcClient(passwordSettings(server.url), { clock });
    await client.getIpv6FloatingIp(EIP_ID);
    await client.close();
    const [tokenReq, call] = server.requests;
    expect(tokenReq!.method).toBe("POST");
    expect(JSON.parse(tokenReq!.body)).toEqual({
      auth: {
        identity: {
          methods: ["password"],
          password: {
            user: {
              name: "alice",
              password: "pw-secret-0001",
              domain: { name: "OTC-EU-DE-00000000001000000001" },
            },
          },
        },
        scope: { project: { id: PROJECT_ID } },
      },
    });
    expect(call!.headers["x-auth-token"]).toBe("tok-1");
  });

  it("scopes by project name with the domain when no id is configured", async () => {
    const clock = testClock();
    const tokens = iam(clock.now);
    handler = (req) => (req.path === "/v3/auth/tokens" ? tokens.answer() : eipAnswer);
    const settings = resolveSettings({
      config: {
        "otc:vpcEndpoint": server.url,
        "otc:authUrl": `${server.url}/v3`,
        "otc:userName": "alice",
        "otc:password": "pw",
        "otc:domainName": "dom",
        "otc:projectName": "eu-de_test",
      },
      env: {},
    });
    expect(settings.region).toBe("eu-de");
    const client = createOtcClient(settings, { clock });
    expect(await client.projectId()).toBe(PROJECT_ID);
    await client.close();
    expect(JSON.parse(server.requests[0]!.body).auth.scope).toEqual({
      project: { name: "eu-de_test", domain: { name: "dom" } },
    });
  });

  it("makes exactly one token request for 50 concurrent calls", async () => {
    const clock = testClock();
    const tokens = iam(clock.now);
    handler = async (req) => {
      if (req.path === "/v3/auth/tokens") {
        // Hold the token answer so that every call is waiting for it.
        await new Promise((r) => setTimeout(r, 50));
        return tokens.answer();
      }
      return eipAnswer;
    };
    const client = createOtcClient(passwordSettings(server.url), {
      clock,
      maxConcurrentRequests: 50,
    });
    await Promise.all(Array.from({ length: 50 }, () => client.getIpv6FloatingIp(EIP_ID)));
    expect(client.requestCounts()).toEqual({ token: 1, "GET /v2.0/eip/floatingips_v6/{id}": 50 });
    await client.close();
  });

  it("renews the token ahead of its expiry", async () => {
    const clock = testClock();
    const tokens = iam(clock.now, 60 * 60_000);
    handler = (req) => (req.path === "/v3/auth/tokens" ? tokens.answer() : eipAnswer);
    const client = createOtcClient(passwordSettings(server.url), {
      clock,
      tokenRefreshAheadMs: 10 * 60_000,
    });
    await client.getIpv6FloatingIp(EIP_ID);
    clock.advance(45 * 60_000); // 15 minutes left: still outside the renewal window
    await client.getIpv6FloatingIp(EIP_ID);
    expect(tokens.issued()).toBe(1);
    clock.advance(6 * 60_000); // 9 minutes left: inside it
    await client.getIpv6FloatingIp(EIP_ID);
    expect(tokens.issued()).toBe(2);
    expect(server.requests.at(-1)!.headers["x-auth-token"]).toBe("tok-2");
    await client.close();
  });

  it("on a token 401 refreshes once and retries once", async () => {
    const clock = testClock();
    const tokens = iam(clock.now);
    handler = (req) => {
      if (req.path === "/v3/auth/tokens") return tokens.answer();
      return req.headers["x-auth-token"] === "tok-1"
        ? {
            status: 401,
            body: { error: { code: 401, title: "Unauthorized", message: "token revoked" } },
          }
        : eipAnswer;
    };
    const client = createOtcClient(passwordSettings(server.url), { clock });
    await expect(client.getIpv6FloatingIp(EIP_ID)).resolves.toMatchObject({ id: EIP_ID });
    expect(client.requestCounts()).toEqual({ token: 2, "GET /v2.0/eip/floatingips_v6/{id}": 2 });
    await client.close();
  });

  it("after a second 401 gives a clear AuthError and stops", async () => {
    const clock = testClock();
    const tokens = iam(clock.now);
    handler = (req) =>
      req.path === "/v3/auth/tokens"
        ? tokens.answer()
        : {
            status: 401,
            body: { error: { code: 401, title: "Unauthorized", message: "no access" } },
          };
    const client = createOtcClient(passwordSettings(server.url), { clock });
    const error = await client.getIpv6FloatingIp(EIP_ID).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect((error as AuthError).message).toMatch(
      /HTTP 401.*freshly issued IAM token was rejected too/,
    );
    expect(client.requestCounts()).toEqual({ token: 2, "GET /v2.0/eip/floatingips_v6/{id}": 2 });
    await client.close();
  });

  it("reports wrong password credentials without retrying the token request", async () => {
    handler = () => ({
      status: 401,
      body: {
        error: { code: 401, title: "Unauthorized", message: "The username or password is wrong." },
      },
    });
    const client = createOtcClient(passwordSettings(server.url), { clock: testClock() });
    const error = await client.getIpv6FloatingIp(EIP_ID).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect((error as Error).message).toMatch(/otc:userName, otc:password and otc:domainName/);
    expect(client.requestCounts()).toEqual({ token: 1 });
    await client.close();
  });
});

describe("pre-issued token", () => {
  it("refuses to act in another project than the token's", async () => {
    const other = "fedcba9876543210fedcba9876543210";
    handler = (req) =>
      req.path === "/v3/auth/tokens"
        ? { status: 200, body: { token: { project: { id: PROJECT_ID } } } }
        : eipAnswer;
    const configured = createOtcClient(tokenSettings(server.url), { projectId: other });
    await expect(configured.getIpv6FloatingIp(EIP_ID)).rejects.toThrow(
      new RegExp(
        `otc:token.*scoped to project ${PROJECT_ID}, but this resource belongs to project ${other}`,
      ),
    );
    await configured.close();
    expect(server.requests).toHaveLength(0);

    const unconfigured = resolveSettings({
      config: {
        "otc:region": "eu-de",
        "otc:vpcEndpoint": server.url,
        "otc:authUrl": `${server.url}/v3`,
        "otc:token": "tok-x",
      },
      env: {},
    });
    const asked = createOtcClient(unconfigured, { projectId: other });
    await expect(asked.getIpv6FloatingIp(EIP_ID)).rejects.toBeInstanceOf(ConfigurationError);
    expect(asked.requestCounts()).toEqual({ "GET /v3/auth/tokens": 1 });
    await asked.close();

    const same = createOtcClient(unconfigured, { projectId: PROJECT_ID });
    await expect(same.getIpv6FloatingIp(EIP_ID)).resolves.toMatchObject({ id: EIP_ID });
    await expect(same.getIpv6FloatingIp(EIP_ID)).resolves.toMatchObject({ id: EIP_ID });
    expect(same.requestCounts()).toEqual({
      "GET /v3/auth/tokens": 1,
      "GET /v2.0/eip/floatingips_v6/{id}": 2,
    });
    await same.close();
  });

  it("sends it as X-Auth-Token and never retries a 401", async () => {
    handler = () => ({
      status: 401,
      body: { error: { code: 401, title: "Unauthorized", message: "expired" } },
    });
    const client = createOtcClient(tokenSettings(server.url), { clock: testClock() });
    const error = await client.getIpv6FloatingIp(EIP_ID).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect((error as Error).message).toMatch(/otc:token \/ OS_TOKEN.*expired or was revoked/);
    expect(server.requests).toHaveLength(1);
    await client.close();
  });

  it("finds the project id from the token when none is configured", async () => {
    handler = (req) =>
      req.path === "/v3/auth/tokens" && req.headers["x-subject-token"] === "tok-x"
        ? { status: 200, body: { token: { project: { id: PROJECT_ID } } } }
        : { status: 400 };
    const settings = resolveSettings({
      config: {
        "otc:region": "eu-de",
        "otc:vpcEndpoint": server.url,
        "otc:authUrl": `${server.url}/v3`,
        "otc:token": "tok-x",
      },
      env: {},
    });
    const client = createOtcClient(settings);
    expect(await client.projectId()).toBe(PROJECT_ID);
    await client.close();
  });
});

/** Recomputes the signature from what the server received, with the rules of the reference. */
function verifySignature(req: SeenRequest, sk: string): boolean {
  const auth = String(req.headers.authorization);
  const signedNames = /SignedHeaders=([^,]+)/.exec(auth)![1]!.split(";");
  const headers = Object.fromEntries(signedNames.map((n) => [n, String(req.headers[n])]));
  const format = auth.includes("Credential=") ? "credential" : "access";
  const expected = signRequest(
    {
      method: req.method,
      url: `http://${String(req.headers.host)}${req.url}`,
      headers,
      body: req.body,
    },
    { accessKey: "AKTEST0000000000000", secretKey: sk },
    { format, now: new Date(0) },
  );
  return expected.authorization === auth;
}

describe("AK/SK authentication", () => {
  it.each(["credential", "access"])(
    "signs host, x-sdk-date, content-type and X-Project-Id (%s format)",
    async (format) => {
      handler = () => ({ status: 201, body: { floatingip: wireEip() } });
      const clock = testClock();
      const client = createOtcClient(akskSettings(server.url, { "otc:signingFormat": format }), {
        clock,
      });
      await client.createIpv6FloatingIp({
        floatingNetworkId: "0a2228f2-7f8a-45f1-8e09-9039e1d09975",
        portId: "552389f5-8f4c-4bb7-9991-07233c315d60",
      });
      await client.close();
      const req = server.requests[0]!;
      expect(req.headers["x-project-id"]).toBe(PROJECT_ID);
      expect(req.headers["x-sdk-date"]).toBe("20240102T030405Z");
      expect(req.headers.authorization).toMatch(
        format === "access"
          ? /^SDK-HMAC-SHA256 Access=AKTEST0000000000000, SignedHeaders=content-type;host;x-project-id;x-sdk-date, Signature=[0-9a-f]{64}$/
          : /^SDK-HMAC-SHA256 Credential=AKTEST0000000000000\/20240102\/\/\/sdk_request, SignedHeaders=content-type;host;x-project-id;x-sdk-date, Signature=[0-9a-f]{64}$/,
      );
      expect(verifySignature(req, "SKtest-secret-0001")).toBe(true);
      expect(verifySignature(req, "another-secret")).toBe(false);
    },
  );

  it("sends and signs X-Security-Token for temporary keys", async () => {
    handler = () => eipAnswer;
    const client = createOtcClient(
      akskSettings(server.url, { "otc:securityToken": "sts-token-0001" }),
      { clock: testClock() },
    );
    await client.getIpv6FloatingIp(EIP_ID);
    await client.close();
    const req = server.requests[0]!;
    expect(req.headers["x-security-token"]).toBe("sts-token-0001");
    expect(String(req.headers.authorization)).toContain(
      "SignedHeaders=host;x-project-id;x-sdk-date;x-security-token,",
    );
    expect(verifySignature(req, "SKtest-secret-0001")).toBe(true);
  });

  it("never retries a 401 when OTC's clock agrees, and says the clock is not the cause", async () => {
    handler = () => ({
      status: 401,
      body: {
        error_code: "APIG.0301",
        error_msg: "Incorrect IAM authentication information",
        request_id: "rid-1",
      },
    });
    // In step with the server's Date header: the rejection is not the clock's fault.
    const client = createOtcClient(akskSettings(server.url), { clock: testClock(Date.now()) });
    const error = await client.getIpv6FloatingIp(EIP_ID).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect((error as Error).message).toMatch(/APIG\.0301/);
    expect((error as Error).message).toMatch(/clock is not the cause/);
    expect((error as Error).message).toMatch(/rid-1/);
    expect(server.requests).toHaveLength(1);
    await client.close();
  });

  it("resolves the project id from a project name through IAM, once", async () => {
    handler = (req) =>
      req.path === "/v3/projects"
        ? { status: 200, body: { projects: [{ id: PROJECT_ID, name: "eu-de_test" }] } }
        : eipAnswer;
    const settings = resolveSettings({
      config: {
        "otc:vpcEndpoint": server.url,
        "otc:authUrl": `${server.url}/v3`,
        "otc:accessKey": "AKTEST0000000000000",
        "otc:secretKey": "SKtest-secret-0001",
        "otc:projectName": "eu-de_test",
      },
      env: {},
    });
    const client = createOtcClient(settings, { clock: testClock() });
    await Promise.all([client.getIpv6FloatingIp(EIP_ID), client.getIpv6FloatingIp(EIP_ID)]);
    await client.close();
    const lookup = server.requests.find((r) => r.path === "/v3/projects")!;
    expect(lookup.query.get("name")).toBe("eu-de_test");
    expect(lookup.headers["x-project-id"]).toBeUndefined();
    expect(verifySignature(lookup, "SKtest-secret-0001")).toBe(true);
    expect(client.requestCounts()).toEqual({
      "GET /v3/projects": 1,
      "GET /v2.0/eip/floatingips_v6/{id}": 2,
    });
    expect(
      server.requests
        .filter((r) => r.path !== "/v3/projects")
        .every((r) => r.headers["x-project-id"] === PROJECT_ID),
    ).toBe(true);
  });

  it("says which project name was not found", async () => {
    handler = () => ({ status: 200, body: { projects: [] } });
    const settings = resolveSettings({
      config: {
        "otc:vpcEndpoint": server.url,
        "otc:authUrl": `${server.url}/v3`,
        "otc:accessKey": "AK",
        "otc:secretKey": "SKtest-secret-0001",
        "otc:projectName": "eu-de_missing",
      },
      env: {},
    });
    const client = createOtcClient(settings, { clock: testClock() });
    const error = await client.projectId().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as Error).message).toMatch(/otc:projectName.*eu-de_missing/);
    await client.close();
  });
});
