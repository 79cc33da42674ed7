import type { ProviderHelper } from "./index";
import {
  HelperCallError,
  serializeResourceProvider,
  startProviderHelper,
  UNKNOWN,
  urnFor,
} from "./index";
import { createFixtureProject, FIXTURE_MODULE, FIXTURE_TYPE } from "./fixtures/fixture-project";
import type { ScratchProject } from "./user-project";

describe("startProviderHelper driving the SDK's dynamic-provider helper", () => {
  let project: ScratchProject;
  let helper: ProviderHelper;
  let provider: string;
  const urn = urnFor(FIXTURE_TYPE, "one");

  beforeAll(async () => {
    project = await createFixtureProject();
    provider = await serializeResourceProvider({
      projectDir: project.dir,
      modulePath: FIXTURE_MODULE,
      exportName: "FixtureResource",
      args: { value: "a" },
    });
    helper = await startProviderHelper({ cwd: project.dir });
    await helper.configure({ "fixture:region": "eu-de" });
  }, 60_000);

  afterAll(async () => {
    await helper?.close();
    await project?.cleanup();
  });

  it("hands the configuration to the provider before its first call", async () => {
    const result = await helper.check(urn, {}, { __provider: provider, value: "a" });
    expect(result.failures).toEqual([]);
    expect(result.inputs).toMatchObject({ value: "a", region: "eu-de", __provider: provider });
  });

  it("returns check failures in the response, not as an error", async () => {
    const result = await helper.check(urn, {}, { __provider: provider, value: "bad" });
    expect(result.failures).toEqual([
      { property: "value", reason: expect.stringContaining('"bad"') },
    ]);
  });

  it("carries the unknown sentinel, null and nested values both ways", async () => {
    const news = {
      __provider: provider,
      value: UNKNOWN,
      nested: { list: [UNKNOWN, null, 1.5, { deep: UNKNOWN }], empty: {}, flag: false },
    };
    const result = await helper.check(urn, {}, news);
    expect(result.inputs).toMatchObject({ ...news, sawUnknown: true });
  });

  it("creates, reads, diffs, updates and deletes, echoing __provider into the outputs", async () => {
    const created = await helper.create(urn, { __provider: provider, value: "a", zone: "z1" });
    expect(created.id).toMatch(/^fx-\d+$/);
    expect(created.properties).toMatchObject({
      created: true,
      region: "eu-de",
      __provider: provider,
    });

    const read = await helper.read(urn, created.id, created.properties);
    expect(read.id).toBe(created.id);
    expect(read.properties).toMatchObject({ refreshed: true });
    expect(read.inputs).toEqual({ value: "a", __provider: provider });

    const gone = await helper.read(urn, "gone", created.properties);
    expect(gone.id).toBe("");

    const same = await helper.diff(urn, created.id, created.properties, {
      __provider: provider,
      value: "a",
      zone: "z1",
    });
    expect(same).toMatchObject({ changes: false, replaces: [], deleteBeforeReplace: false });
    const replace = await helper.diff(urn, created.id, created.properties, {
      __provider: provider,
      value: "a",
      zone: "z2",
    });
    expect(replace).toMatchObject({ changes: true, replaces: ["zone"], deleteBeforeReplace: true });

    const updated = await helper.update(urn, created.id, created.properties, {
      __provider: provider,
      value: "b",
      zone: "z1",
    });
    expect(updated.properties).toMatchObject({ value: "b", updated: true, __provider: provider });

    await helper.delete(urn, created.id, updated.properties);
    expect(helper.stdout).toEqual(
      expect.arrayContaining([`fixture create ${created.id}`, `fixture delete ${created.id}`]),
    );
  });

  it("serves concurrent calls, as a parallel update makes them", async () => {
    const creates = Array.from({ length: 32 }, (_, i) =>
      helper.create(urnFor(FIXTURE_TYPE, `p${i}`), { __provider: provider, value: `v${i}` }),
    );
    const ids = (await Promise.all(creates)).map((c) => c.id);
    expect(new Set(ids).size).toBe(32);
  });

  it("turns a thrown provider error into a HelperCallError with gRPC code 2", async () => {
    const failure = await helper
      .create(urn, { __provider: provider, mode: "throw" })
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(HelperCallError);
    expect(failure).toMatchObject({ method: "Create", grpcCode: 2, initFailure: undefined });
    expect((failure as Error).message).toContain("told to throw");
  });

  it("decodes ErrorResourceInitFailed when the error carries an id", async () => {
    const failure = await helper
      .create(urn, { __provider: provider, mode: "init-fail", value: "v" })
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(HelperCallError);
    const { initFailure } = failure as HelperCallError;
    expect(initFailure).toEqual({
      id: expect.stringMatching(/^fx-\d+$/),
      properties: { value: "v", state: "half-done" },
      reasons: ["not ready after 3 polls"],
    });
    expect((failure as Error).message).toContain(`created ${initFailure!.id}`);
  });

  it("surfaces a failed delete as an error", async () => {
    await expect(
      helper.delete(urn, "fx-x", { __provider: provider, mode: "delete-throws" }),
    ).rejects.toMatchObject({
      grpcCode: 2,
      message: expect.stringContaining("delete of fx-x failed"),
    });
  });

  it("refuses inputs the wire cannot carry, naming the property", async () => {
    await expect(
      helper.check(urn, {}, { __provider: provider, when: new Date(0) }),
    ).rejects.toThrow(/when/);
  });

  it("reports the helper's peak memory and cold start", () => {
    expect(helper.peakRssMb()).toBeGreaterThan(10);
    expect(helper.startupMs).toBeGreaterThan(0);
  });
});

describe("a provider whose configure fails", () => {
  let project: ScratchProject;
  let helper: ProviderHelper;

  beforeAll(async () => {
    project = await createFixtureProject();
  }, 30_000);

  afterAll(async () => {
    await helper?.close();
    await project?.cleanup();
  });

  it("fails the first call with the configure error", async () => {
    const provider = await serializeResourceProvider({
      projectDir: project.dir,
      modulePath: FIXTURE_MODULE,
      exportName: "FixtureResource",
    });
    helper = await startProviderHelper({ cwd: project.dir, config: { "fixture:fail": "yes" } });
    await expect(
      helper.check(urnFor(FIXTURE_TYPE, "x"), {}, { __provider: provider }),
    ).rejects.toMatchObject({
      grpcCode: 2,
      message: expect.stringContaining("configure refused"),
    });
  }, 60_000);

  it("gives up on a call that outlives its deadline", async () => {
    // A provider text that never answers: the call must end with DEADLINE_EXCEEDED (4).
    const hanging = "exports.handler = () => ({ check: () => new Promise(() => undefined) });";
    await expect(
      helper.check(urnFor(FIXTURE_TYPE, "y"), {}, { __provider: hanging }, { deadlineMs: 300 }),
    ).rejects.toMatchObject({ grpcCode: 4 });
  });
});
