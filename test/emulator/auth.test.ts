import { startEmulator } from "./index";
import type { Emulator } from "./types";
import { call, getToken, passwordAuthBody } from "./helpers/emulator-client";

const V6 = "/v2.0/eip/floatingips_v6";

describe("IAM password tokens", () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startEmulator({ tokenLifetimeSeconds: 3600 });
  });
  afterAll(() => emu.close());

  it("answers 201 with X-Subject-Token and the documented body (scope by project id)", async () => {
    const before = Date.now();
    const res = await call(emu, {
      method: "POST",
      path: "/v3/auth/tokens",
      body: passwordAuthBody(emu),
    });
    expect(res.status).toBe(201);
    expect(typeof res.headers["x-subject-token"]).toBe("string");
    expect(res.text).not.toContain(res.headers["x-subject-token"] as string);
    const token = res.json.token;
    expect(token.expires_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    expect(token.issued_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    const lifetime = Date.parse(token.expires_at) - Date.parse(token.issued_at);
    expect(lifetime).toBe(3600 * 1000);
    expect(Date.parse(token.issued_at)).toBeGreaterThanOrEqual(before - 1000);
    expect(token.project).toEqual({
      id: emu.projectId,
      name: emu.projectName,
      domain: { id: expect.any(String), name: emu.domainName },
    });
    expect(token.user.name).toBe(emu.userName);
    expect(token.methods).toEqual(["password"]);
    expect(Array.isArray(token.roles)).toBe(true);
    expect(Array.isArray(token.catalog)).toBe(true);
  });

  it("scopes by project name and domain, and omits the catalog with nocatalog=true", async () => {
    const res = await call(emu, {
      method: "POST",
      path: "/v3/auth/tokens?nocatalog=true",
      body: passwordAuthBody(emu, {
        project: { name: emu.projectName, domain: { name: emu.domainName } },
      }),
    });
    expect(res.status).toBe(201);
    expect(res.json.token.project.id).toBe(emu.projectId);
    expect(res.json.token.catalog).toBeUndefined();
  });

  it("refuses wrong credentials with 401 in IAM's shape", async () => {
    const body = JSON.parse(JSON.stringify(passwordAuthBody(emu)));
    body.auth.identity.password.user.password = "wrong";
    const res = await call(emu, { method: "POST", path: "/v3/auth/tokens", body });
    expect(res.status).toBe(401);
    expect(res.json).toEqual({
      error: { code: 401, title: "Unauthorized", message: expect.any(String) },
    });
    expect(res.headers["x-subject-token"]).toBeUndefined();

    const wrongDomain = JSON.parse(JSON.stringify(passwordAuthBody(emu)));
    wrongDomain.auth.identity.password.user.domain = { name: "other" };
    expect(
      (await call(emu, { method: "POST", path: "/v3/auth/tokens", body: wrongDomain })).status,
    ).toBe(401);
  });

  it("refuses an unknown project (401) and a project name without its domain (400)", async () => {
    const unknown = await call(emu, {
      method: "POST",
      path: "/v3/auth/tokens",
      body: passwordAuthBody(emu, { project: { id: "f".repeat(32) } }),
    });
    expect(unknown.status).toBe(401);
    const nameOnly = await call(emu, {
      method: "POST",
      path: "/v3/auth/tokens",
      body: passwordAuthBody(emu, { project: { name: emu.projectName } }),
    });
    expect(nameOnly.status).toBe(400);
    expect(nameOnly.json.error.code).toBe(400);
    const garbage = await call(emu, { method: "POST", path: "/v3/auth/tokens", body: "{not json" });
    expect(garbage.status).toBe(400);
  });

  it("lets a scoped token call the VPC and refuses unknown, unscoped and expired tokens", async () => {
    const token = await getToken(emu);
    expect((await call(emu, { path: V6, token })).status).toBe(200);

    const unknown = await call(emu, { path: V6, token: "MIInot-a-token" });
    expect(unknown.status).toBe(401);
    expect(unknown.json).toEqual({
      error_code: "APIG.0307",
      error_msg: expect.any(String),
      request_id: expect.any(String),
    });

    const unscoped = await call(emu, {
      method: "POST",
      path: "/v3/auth/tokens",
      body: passwordAuthBody(emu, null),
    });
    expect(unscoped.status).toBe(201);
    expect(unscoped.json.token.project).toBeUndefined();
    const unscopedToken = unscoped.headers["x-subject-token"] as string;
    expect((await call(emu, { path: V6, token: unscopedToken })).status).toBe(401);
    // An unscoped token may still list projects (domain-level API).
    expect(
      (await call(emu, { path: `/v3/projects?name=${emu.projectName}`, token: unscopedToken }))
        .status,
    ).toBe(200);

    emu.advanceClock(3601);
    expect((await call(emu, { path: V6, token })).status).toBe(401);
  });
});

describe("AK/SK signatures", () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startEmulator();
  });
  afterAll(() => emu.close());

  it.each(["access", "credential"] as const)(
    "accepts the %s format, GET and signed POST",
    async (format) => {
      const list = await call(emu, { path: `${V6}?limit=5`, aksk: { format } });
      expect(list.status).toBe(200);
      const networks = await call(emu, {
        path: "/v2.0/networks?router:external=True",
        aksk: { format },
      });
      expect(networks.status).toBe(200);
      const create = await call(emu, {
        method: "POST",
        path: V6,
        aksk: { format },
        body: { floatingip: { floating_network_id: emu.externalNetworkId } },
      });
      expect(create.status).toBe(200);
      expect(
        (
          await call(emu, {
            method: "DELETE",
            path: `${V6}/${create.json.floatingip.id}`,
            aksk: { format },
          })
        ).status,
      ).toBe(204);
      const log = emu.requestLog().filter((e) => e.path.startsWith("/v2.0"));
      expect(log.every((e) => e.authKind === "aksk")).toBe(true);
      expect(log.every((e) => e.headers["authorization"] === "[REDACTED]")).toBe(true);
    },
  );

  it("accepts extra unsigned headers, as the gateway does", async () => {
    const res = await call(emu, {
      path: V6,
      aksk: { format: "credential", unsigned: { "user-agent": "test/1.0", "x-extra": "1" } },
    });
    expect(res.status).toBe(200);
  });

  it("refuses a tampered signature with 401 APIG.0301", async () => {
    const res = await call(emu, { path: V6, aksk: { format: "credential", tamper: true } });
    expect(res.status).toBe(401);
    expect(res.json).toEqual({
      error_code: "APIG.0301",
      error_msg: expect.stringContaining("signature"),
      request_id: expect.any(String),
    });
  });

  it("refuses a stale date and says the clock may be skewed", async () => {
    const res = await call(emu, {
      path: V6,
      aksk: { format: "access", date: Date.now() - 20 * 60 * 1000 },
    });
    expect(res.status).toBe(401);
    expect(res.json.error_code).toBe("APIG.0301");
    expect(res.json.error_msg).toMatch(/clock/i);
    const inWindow = await call(emu, {
      path: V6,
      aksk: { format: "access", date: Date.now() - 10 * 60 * 1000 },
    });
    expect(inWindow.status).toBe(200);
  });

  it("requires host and x-sdk-date to be signed", async () => {
    for (const header of ["host", "x-sdk-date"]) {
      const res = await call(emu, {
        path: V6,
        aksk: { format: "credential", leaveUnsigned: [header] },
      });
      expect(res.status).toBe(401);
      expect(res.json.error_msg).toContain(header);
    }
  });

  it("requires X-Project-Id on project APIs and refuses a foreign one, but not on IAM projects", async () => {
    const missing = await call(emu, { path: V6, aksk: { format: "credential", projectId: null } });
    expect(missing.status).toBe(401);
    expect(missing.json.error_msg).toContain("X-Project-Id");
    const foreign = await call(emu, {
      path: V6,
      aksk: { format: "credential", projectId: "0".repeat(32) },
    });
    expect(foreign.status).toBe(401);
    const projects = await call(emu, {
      path: `/v3/projects?name=${emu.projectName}`,
      aksk: { format: "credential", projectId: null },
    });
    expect(projects.status).toBe(200);
    expect(projects.json.projects).toEqual([
      expect.objectContaining({ id: emu.projectId, name: emu.projectName, enabled: true }),
    ]);
    const none = await call(emu, {
      path: "/v3/projects?name=nope",
      aksk: { format: "access", projectId: null },
    });
    expect(none.json.projects).toEqual([]);
  });

  it("accepts a temporary key only with its signed X-Security-Token", async () => {
    const temp = emu.temporaryCredentials;
    const aksk = {
      format: "credential" as const,
      accessKey: temp.accessKey,
      secretKey: temp.secretKey,
    };
    expect(
      (await call(emu, { path: V6, aksk: { ...aksk, securityToken: temp.securityToken } })).status,
    ).toBe(200);
    const without = await call(emu, { path: V6, aksk });
    expect([without.status, without.json.error_code]).toEqual([401, "APIG.0301"]);
    expect(without.json.error_msg).toContain("X-Security-Token");
    const wrong = await call(emu, { path: V6, aksk: { ...aksk, securityToken: "other" } });
    expect(wrong.status).toBe(401);
    const unsigned = await call(emu, {
      path: V6,
      aksk: { ...aksk, securityToken: temp.securityToken, leaveUnsigned: ["x-security-token"] },
    });
    expect(unsigned.status).toBe(401);
    expect(JSON.stringify(emu.requestLog())).not.toContain(temp.securityToken);
  });

  it("refuses an unknown access key and an unauthenticated request", async () => {
    const res = await call(emu, { path: V6, aksk: { format: "access", accessKey: "UNKNOWNAK" } });
    expect(res.status).toBe(401);
    expect(res.json.error_code).toBe("APIG.0301");
    const bare = await call(emu, { path: V6 });
    expect(bare.status).toBe(401);
    expect(emu.requestLog().at(-1)?.authKind).toBe("none");
  });
});

describe("AK/SK lockout", () => {
  it("locks the key after five consecutive failures, even for a correct signature, until it expires", async () => {
    const emu = await startEmulator({ lockoutSeconds: 300 });
    try {
      for (let i = 0; i < 4; i++) {
        expect(
          (await call(emu, { path: V6, aksk: { format: "credential", tamper: true } })).status,
        ).toBe(401);
      }
      // A success resets the streak.
      expect((await call(emu, { path: V6, aksk: { format: "credential" } })).status).toBe(200);
      for (let i = 0; i < 5; i++) {
        expect(
          (await call(emu, { path: V6, aksk: { format: "credential", tamper: true } })).status,
        ).toBe(401);
      }
      const locked = await call(emu, { path: V6, aksk: { format: "credential" } });
      expect(locked.status).toBe(401);
      expect(locked.json.error_msg).toMatch(/locked/);
      // The lock is per key.
      const temp = emu.temporaryCredentials;
      const other = await call(emu, {
        path: V6,
        aksk: {
          format: "access",
          accessKey: temp.accessKey,
          secretKey: temp.secretKey,
          securityToken: temp.securityToken,
        },
      });
      expect(other.status).toBe(200);
      emu.advanceClock(301);
      // The skew window follows the emulator's clock, so sign with it.
      const after = await call(emu, {
        path: V6,
        aksk: { format: "credential", date: Date.now() + 301_000 },
      });
      expect(after.status).toBe(200);
    } finally {
      await emu.close();
    }
  });
});
