/**
 * One emulator, several projects and accounts: each call is served by the project it is scoped to
 * (the token's project, or the signed X-Project-Id), so one project's EIPs are invisible from
 * another, and an account's key or user reaches only that account's projects.
 */
import { startEmulator } from "./index";
import type { Emulator } from "./index";
import { call } from "./helpers/emulator-client";

const OTHER = {
  domainName: "OTC-EU-DE-other",
  userName: "other-user",
  password: "other-password-not-a-secret",
  accessKey: "EMULATOROTHERAK00001",
  secretKey: "emulatorOtherSecretKey000000000000000000x",
  projects: ["eu-de_other"],
};

async function tokenFor(
  emulator: Emulator,
  user: { userName: string; password: string; domainName: string },
  projectName: string,
): Promise<{ status: number; token: string | undefined; projectId: unknown }> {
  const domain = { name: user.domainName };
  const result = await call(emulator, {
    method: "POST",
    path: "/v3/auth/tokens",
    body: {
      auth: {
        identity: {
          methods: ["password"],
          password: { user: { name: user.userName, password: user.password, domain } },
        },
        scope: { project: { name: projectName, domain } },
      },
    },
  });
  const token = result.headers["x-subject-token"];
  return {
    status: result.status,
    token: typeof token === "string" ? token : undefined,
    projectId: result.json?.token?.project?.id,
  };
}

describe("emulated projects and accounts", () => {
  let emulator: Emulator;

  beforeAll(async () => {
    emulator = await startEmulator({ projects: ["eu-de_team-b"], accounts: [OTHER] });
  });
  afterAll(async () => emulator?.close());

  it("lists every project, the emulator's own first, each with its own ports", () => {
    expect(emulator.projects.map((p) => [p.name, p.domainName])).toEqual([
      [emulator.projectName, emulator.domainName],
      ["eu-de_team-b", emulator.domainName],
      ["eu-de_other", OTHER.domainName],
    ]);
    expect(emulator.projects[0]!.id).toBe(emulator.projectId);
    const own = emulator.ports.map((p) => p.id);
    expect(emulator.project("eu-de_team-b").ports.some((p) => own.includes(p.id))).toBe(false);
  });

  it("serves each token from its own project: an EIP of one is invisible from the other", async () => {
    const a = await tokenFor(emulator, emulator, emulator.projectName);
    const b = await tokenFor(emulator, emulator, "eu-de_team-b");
    expect(b.projectId).toBe(emulator.project("eu-de_team-b").id);
    const created = await call(emulator, {
      method: "POST",
      path: "/v2.0/eip/floatingips_v6",
      token: b.token!,
      body: { floatingip: { floating_network_id: emulator.externalNetworkId } },
    });
    expect(created.status).toBeLessThan(300);
    const id = created.json.floatingip.id as string;
    expect(
      emulator
        .project("eu-de_team-b")
        .state()
        .ipv6.map((e) => e.id),
    ).toEqual([id]);
    expect(emulator.state().ipv6).toEqual([]);
    const fromA = await call(emulator, { path: `/v2.0/eip/floatingips_v6/${id}`, token: a.token! });
    expect(fromA.status).toBe(404);
    const fromB = await call(emulator, { path: `/v2.0/eip/floatingips_v6/${id}`, token: b.token! });
    expect(fromB.status).toBe(200);
    const log = emulator.requestLog().filter((e) => e.path.startsWith("/v2.0/eip"));
    expect(log.map((e) => e.projectId)).toEqual([b.projectId, a.projectId, b.projectId]);
  });

  it("keeps each account to its own projects, by password and by key", async () => {
    expect((await tokenFor(emulator, OTHER, emulator.projectName)).status).toBe(401);
    expect((await tokenFor(emulator, emulator, "eu-de_other")).status).toBe(401);
    const other = emulator.project("eu-de_other");
    const keyOf = (project: string, key: { accessKey: string; secretKey: string }) =>
      call(emulator, {
        path: "/v2.0/eip/floatingips_v6",
        aksk: {
          format: "credential",
          projectId: project,
          accessKey: key.accessKey,
          secretKey: key.secretKey,
        },
      });
    expect((await keyOf(other.id, OTHER)).status).toBe(200);
    expect((await keyOf(emulator.projectId, OTHER)).status).toBe(401);
    expect((await keyOf(other.id, emulator)).status).toBe(401);
    const names = await call(emulator, {
      path: "/v3/projects?name=eu-de_other",
      aksk: {
        format: "credential",
        projectId: null,
        accessKey: OTHER.accessKey,
        secretKey: OTHER.secretKey,
      },
    });
    expect(names.json.projects.map((p: { id: string }) => p.id)).toEqual([other.id]);
    const hidden = await call(emulator, {
      path: "/v3/projects?name=eu-de_other",
      aksk: { format: "credential", projectId: null },
    });
    expect(hidden.json.projects).toEqual([]);
  });
});
