/**
 * Several projects and accounts in one program (issue 16), through Pulumi's real provider path
 * against one emulator serving two projects of one account and a second account: `project` and
 * `connection` inputs, each call scoped to the EIP's project, one token per identity and project,
 * refresh and destroy after the default `otc:*` config changed, `Ipv6Eip.get`'s Read, and every
 * refusal named.
 */
import type { EmulatorAccountOptions, RequestLogEntry } from "../emulator";
import {
  inputsWith,
  passwordConfig,
  startCleanHelper,
  startEmulator,
  urn,
  userProvider,
} from "./real-path-fixture";
import type { Emulator, ProviderHelper } from "./real-path-fixture";

jest.setTimeout(120_000);

const OTHER: EmulatorAccountOptions = {
  domainName: "OTC-EU-DE-other",
  userName: "other-user",
  password: "other-password-not-a-secret",
  accessKey: "EMULATOROTHERAK00001",
  secretKey: "emulatorOtherSecretKey000000000000000000x",
  projects: ["eu-de_other"],
};
const TEAM_B = "eu-de_team-b";

/** The other account's AK/SK under the namespace `otc-other` (project by name). */
function otherConnection(e: Emulator): Record<string, string> {
  return {
    "otc-other:region": e.region,
    "otc-other:authUrl": e.authUrl,
    "otc-other:vpcEndpoint": e.vpcEndpoint,
    "otc-other:projectName": "eu-de_other",
    "otc-other:accessKey": OTHER.accessKey,
    "otc-other:secretKey": OTHER.secretKey,
  };
}

/** The emulator's own account by AK/SK under `otc-same`, scoped to its own project by id. */
function sameAccountConnection(e: Emulator): Record<string, string> {
  return {
    "otc-same:region": e.region,
    "otc-same:authUrl": e.authUrl,
    "otc-same:vpcEndpoint": e.vpcEndpoint,
    "otc-same:projectId": e.projectId,
    "otc-same:accessKey": e.accessKey,
    "otc-same:secretKey": e.secretKey,
  };
}

describe("projects and connections", () => {
  let emulator: Emulator;
  let dir: string;
  let provider: string;
  const helpers: ProviderHelper[] = [];
  const inputs = inputsWith(() => provider);
  const helperWith = async (config: Record<string, string>): Promise<ProviderHelper> => {
    const helper = await startCleanHelper(dir, config);
    helpers.push(helper);
    return helper;
  };
  const fullConfig = (): Record<string, string> => ({
    ...passwordConfig(emulator),
    ...otherConnection(emulator),
    ...sameAccountConnection(emulator),
  });
  const ecsPort = (project: string, index: number): string =>
    emulator.project(project).ports.filter((p) => p.kind === "ecs")[index]!.id;
  const tokenRequests = (): number =>
    emulator.requestLog().filter((e) => e.key === "POST /v3/auth/tokens").length;
  const holder = (id: string): string | undefined =>
    emulator.projects.find((p) => p.state().ipv6.some((e) => e.id === id))?.name;
  /** Every IPv6 API call naming an EIP went to the project that holds it. */
  const misScoped = (log: RequestLogEntry[], owners: Map<string, string>): RequestLogEntry[] =>
    log.filter((entry) => {
      const id = /\/v2\.0\/eip\/floatingips_v6\/([^/?]+)/.exec(entry.path)?.[1];
      return id !== undefined && owners.has(id) && owners.get(id) !== entry.projectId;
    });

  beforeAll(async () => {
    ({ dir, provider } = await userProvider());
    emulator = await startEmulator({ ecsPorts: 4, projects: [TEAM_B], accounts: [OTHER] });
  }, 300_000);

  afterAll(async () => {
    await Promise.all(helpers.map((h) => h.close()));
    await emulator?.close();
  });

  it("creates in both projects and another account in one run, one token per identity and project, each call scoped right", async () => {
    const helper = await helperWith(fullConfig());
    emulator.resetLog();
    const teamB = emulator.project(TEAM_B);
    const other = emulator.project("eu-de_other");
    const [own, byName, foreign] = await Promise.all([
      helper.create(urn("own"), inputs({ portId: ecsPort(emulator.projectName, 0) })),
      helper.create(urn("b-name"), inputs({ project: TEAM_B, portId: ecsPort(TEAM_B, 0) })),
      helper.create(
        urn("foreign"),
        inputs({ connection: "otc-other", portId: ecsPort("eu-de_other", 0) }),
      ),
    ]);
    // The same project by id, once its name was resolved: the same client, the same token.
    const byId = await helper.create(urn("b-id"), inputs({ project: teamB.id.toUpperCase() }));
    expect(own.properties).toMatchObject({ projectId: emulator.projectId, status: "ACTIVE" });
    expect(byName.properties).toMatchObject({ projectId: teamB.id, projectName: TEAM_B });
    expect(byName.properties["recordedInputs"]).toMatchObject({ project: TEAM_B });
    expect(byId.properties).toMatchObject({ projectId: teamB.id, status: "DOWN" });
    expect(foreign.properties).toMatchObject({ projectId: other.id, status: "ACTIVE" });
    expect(foreign.properties["recordedInputs"]).toMatchObject({ connection: "otc-other" });
    expect(holder(own.id)).toBe(emulator.projectName);
    expect([holder(byName.id), holder(byId.id)]).toEqual([TEAM_B, TEAM_B]);
    expect(holder(foreign.id)).toBe("eu-de_other");
    // Password identity: one token for its project, one for team-b (by name and by id alike);
    // the other account signs with AK/SK: no token at all.
    expect(tokenRequests()).toBe(2);
    // The other account's project is named: its id is looked up once for that key and name.
    const lookups = emulator.requestLog().filter((e) => e.key === "GET /v3/projects");
    expect(lookups.map((e) => [e.query, e.domainId !== undefined])).toEqual([
      ["name=eu-de_other", true],
    ]);
    const owners = new Map([
      [own.id, emulator.projectId],
      [byName.id, teamB.id],
      [byId.id, teamB.id],
      [foreign.id, other.id],
    ]);
    expect(misScoped(emulator.requestLog(), owners)).toEqual([]);
    const foreignCalls = emulator.requestLog().filter((e) => e.path.includes(foreign.id));
    expect(foreignCalls.length).toBeGreaterThan(0);
    expect(new Set(foreignCalls.map((e) => e.authKind))).toEqual(new Set(["aksk"]));

    // Refresh and destroy after the stack's default otc:* config changed (another project).
    const changed = await helperWith({
      ...fullConfig(),
      "otc:projectName": TEAM_B,
    });
    emulator.resetLog();
    for (const created of [own, byName, byId, foreign]) {
      const name = created === own ? "own" : created === foreign ? "foreign" : "b";
      const read = await changed.read(urn(name), created.id, created.properties);
      expect(read.id).toBe(created.id);
      expect(read.properties["projectId"]).toBe(created.properties["projectId"]);
      await changed.delete(urn(name), created.id, read.properties);
      expect(holder(created.id)).toBeUndefined();
    }
    expect(misScoped(emulator.requestLog(), owners)).toEqual([]);
  });

  it("refuses a project change that keeps the NIC at preview, naming both, with no call", async () => {
    const helper = await helperWith(fullConfig());
    const portId = ecsPort(emulator.projectName, 1);
    emulator.resetLog();
    const result = await helper.check(
      urn("move"),
      inputs({ project: emulator.projectName, portId }),
      inputs({ project: TEAM_B, portId }),
    );
    expect(result.failures).toHaveLength(1);
    expect(result.failures[0]?.property).toBe("project");
    for (const text of [
      emulator.projectName,
      TEAM_B,
      portId,
      "Change project and portId together",
    ]) {
      expect(result.failures[0]?.reason).toContain(text);
    }
    expect(emulator.requestLog()).toEqual([]);
    // One side names no project: the connection's (configured by name) is compared, no call.
    const implicit = await helper.check(
      urn("move"),
      inputs({ portId }),
      inputs({ project: TEAM_B, portId }),
    );
    expect(implicit.failures.map((f) => f.property)).toEqual(["project"]);
    expect(implicit.failures[0]?.reason).toContain(`from "${emulator.projectName}" to "${TEAM_B}"`);
    expect(emulator.requestLog()).toEqual([]);
    // By id against the configured name: the two scopes' ids are compared (the same project).
    const same = await helper.check(
      urn("move"),
      inputs({ portId }),
      inputs({ project: emulator.projectId, portId }),
    );
    expect(same.failures).toEqual([]);
  });

  it("replaces on another project, and refuses a named project that is not the EIP's", async () => {
    const helper = await helperWith(fullConfig());
    const created = await helper.create(urn("p"), inputs({ project: emulator.projectId }));
    const teamB = emulator.project(TEAM_B).id;
    const diff = (news: Record<string, unknown>) =>
      helper.diff(urn("p"), created.id, created.properties, inputs(news));
    expect(await diff({ project: teamB })).toMatchObject({ changes: true, replaces: ["project"] });
    expect(await diff({ project: emulator.projectId.toUpperCase() })).toMatchObject({
      changes: false,
      replaces: [],
    });
    // Given by id, the state knows no name: diff leaves it to update, which refuses team-b.
    expect(await diff({ project: TEAM_B })).toMatchObject({ changes: true, replaces: [] });
    const refused = await helper
      .update(urn("p"), created.id, created.properties, inputs({ project: TEAM_B }))
      .catch((e: unknown) => e as Error);
    expect((refused as Error).message).toContain(`"${TEAM_B}" is project ${teamB}`);
    expect((refused as Error).message).toContain(`lives in project ${emulator.projectId}`);
    const same = await helper.update(
      urn("p"),
      created.id,
      created.properties,
      inputs({ project: emulator.projectName }),
    );
    expect(same.properties["recordedInputs"]).toMatchObject({ project: emulator.projectName });
    await helper.delete(urn("p"), created.id, same.properties);
  });

  it("changes the connection in place within the account and project, and refuses one that points elsewhere", async () => {
    const helper = await helperWith(fullConfig());
    const created = await helper.create(
      urn("c"),
      inputs({ portId: ecsPort(emulator.projectName, 2) }),
    );
    const news = inputs({ portId: ecsPort(emulator.projectName, 2), connection: "otc-other" });
    const diff = await helper.diff(urn("c"), created.id, created.properties, news);
    expect(diff).toMatchObject({ changes: true, replaces: [] });
    const olds = inputs({ portId: ecsPort(emulator.projectName, 2) });
    emulator.resetLog();
    const preview = await helper.check(urn("c"), olds, news);
    expect(preview.failures).toEqual([
      {
        property: "connection",
        reason: expect.stringContaining(
          `"otc-other" (was "otc") uses project eu-de_other, but the EIP lives in project ${emulator.projectName}`,
        ),
      },
    ]);
    expect(emulator.requestLog()).toEqual([]);
    // By id on one side and by name on the other, the settings cannot tell: update checks live.
    const unclear = await helper.check(urn("c"), olds, { ...news, connection: "otc-same" });
    expect(unclear.failures).toEqual([]);
    const before = emulator.state().ipv6.find((e) => e.id === created.id);
    const refused = await helper
      .update(urn("c"), created.id, created.properties, news)
      .catch((e: unknown) => e as Error);
    expect(refused).toBeInstanceOf(Error);
    const message = (refused as Error).message;
    expect(message).toContain('"otc-other" (was "otc")');
    expect(message).toContain(emulator.project("eu-de_other").id);
    expect(message).toContain(emulator.projectId);
    expect(message).toContain("never moves an EIP to another project");
    expect(emulator.state().ipv6.find((e) => e.id === created.id)).toEqual(before);

    // The other account cannot reach the EIP even when told its project.
    const reach = await helper
      .update(urn("c"), created.id, created.properties, {
        ...news,
        project: emulator.projectId,
      })
      .catch((e: unknown) => e as Error);
    expect((reach as Error).message).toMatch(/"otc-other" \(was "otc"\) cannot reach IPv6 EIP/);

    const moved = await helper.update(urn("c"), created.id, created.properties, {
      ...news,
      connection: "otc-same",
    });
    expect(moved.properties["recordedInputs"]).toMatchObject({ connection: "otc-same" });
    emulator.resetLog();
    await helper.delete(urn("c"), created.id, moved.properties);
    const deletes = emulator.requestLog().filter((e) => e.method === "DELETE");
    expect(deletes.map((e) => e.authKind)).toEqual(["aksk"]);
    expect(holder(created.id)).toBeUndefined();
  });

  it("names the connection's keys when a named connection is incomplete", async () => {
    const helper = await helperWith({
      ...fullConfig(),
      "otc-half:accessKey": "AKHALF000000000000001",
    });
    const failure = await helper
      .create(urn("half"), inputs({ connection: "otc-half" }))
      .catch((e: unknown) => e as Error);
    expect((failure as Error).message).toContain("otc-half:secretKey");
    expect((failure as Error).message).toContain("otc-half:region");
    expect((failure as Error).message).not.toContain("OS_SECRET_KEY");
    const missing = await helper
      .create(urn("none"), inputs({ connection: "otc-nothing" }))
      .catch((e: unknown) => e as Error);
    expect((missing as Error).message).toMatch(/otc-nothing:/);
  });

  it("reads an existing EIP of another project as Ipv6Eip.get does (Read with inputs only)", async () => {
    const helper = await helperWith(fullConfig());
    const made = await helper.create(
      urn("made"),
      inputs({ project: TEAM_B, portId: ecsPort(TEAM_B, 1) }),
    );
    const got = await helper.read(urn("got"), made.id, {}, inputs({ project: TEAM_B }));
    expect(got.id).toBe(made.id);
    expect(got.properties).toMatchObject({
      projectId: emulator.project(TEAM_B).id,
      portId: ecsPort(TEAM_B, 1),
      floatingIpAddress: made.properties["floatingIpAddress"],
    });
    expect(got.properties["recordedInputs"]).toMatchObject({ project: TEAM_B });
    // Refresh of the read resource keeps it current.
    const again = await helper.read(urn("got"), made.id, got.properties);
    expect(again.properties).toMatchObject({ projectId: emulator.project(TEAM_B).id });
    await helper.delete(urn("made"), made.id, made.properties);
  });
});
