import { cp } from "node:fs/promises";
import * as path from "node:path";
import { runProgram, serializeProviderObject, serializeResourceProvider, UNKNOWN } from "./index";
import { createFixtureProject, FIXTURE_MODULE, FIXTURE_TYPE } from "./fixtures/fixture-project";
import type { ScratchProject } from "./user-project";

const PROGRAMS = path.join(__dirname, "fixtures", "programs");

describe("serializing the provider in a plain node process", () => {
  let first: ScratchProject;
  let second: ScratchProject;

  beforeAll(async () => {
    [first, second] = await Promise.all([createFixtureProject(), createFixtureProject()]);
  });

  afterAll(async () => {
    await first?.cleanup();
    await second?.cleanup();
  });

  it("captures the same text the SDK's serializeFunction gives for the provider object", async () => {
    const fromResource = await serializeResourceProvider({
      projectDir: first.dir,
      modulePath: FIXTURE_MODULE,
      exportName: "FixtureResource",
      args: { value: "a" },
    });
    const fromObject = await serializeProviderObject({
      projectDir: first.dir,
      modulePath: FIXTURE_MODULE,
      exportName: "fixtureProvider",
    });
    expect(fromResource).toBe(fromObject);
    expect(fromResource).toContain("exports.handler");
    // The shim loads its lifecycle at call time: no file path of this machine is captured.
    expect(fromResource).toContain('("harness-fixture-pkg/lifecycle")');
    expect(fromResource).not.toContain(first.dir);
  }, 60_000);

  it("gives identical text from two projects, whatever the resource's args", async () => {
    const [a, b] = await Promise.all([
      serializeResourceProvider({
        projectDir: first.dir,
        modulePath: FIXTURE_MODULE,
        exportName: "FixtureResource",
        args: { value: "a" },
      }),
      serializeResourceProvider({
        projectDir: second.dir,
        modulePath: FIXTURE_MODULE,
        exportName: "FixtureResource",
        args: { value: "b", zone: "z" },
      }),
    ]);
    expect(a).toBe(b);
  }, 60_000);

  it("names the missing export", async () => {
    await expect(
      serializeResourceProvider({
        projectDir: first.dir,
        modulePath: FIXTURE_MODULE,
        exportName: "Nope",
      }),
    ).rejects.toThrow(/no export named Nope/);
  }, 60_000);
});

describe("runProgram", () => {
  let project: ScratchProject;

  beforeAll(async () => {
    project = await createFixtureProject();
    await cp(PROGRAMS, project.dir, { recursive: true });
  });

  afterAll(async () => {
    await project?.cleanup();
  });

  it("reports registered resources with their inputs, logs and config", async () => {
    const run = await runProgram({
      projectDir: project.dir,
      programFile: "two-resources.js",
      config: { "fixture:value": "from-config" },
    });
    expect(run.error).toBeUndefined();
    expect(run.resources.map((r) => [r.type, r.name])).toEqual([
      [FIXTURE_TYPE, "first"],
      [FIXTURE_TYPE, "second"],
    ]);
    const [first, second] = run.resources;
    expect(first!.inputs).toMatchObject({
      value: "from-config",
      __provider: expect.stringContaining("exports.handler"),
    });
    expect(second!.inputs).toMatchObject({ value: "after-first-id", secret: "s3" });
    expect(run.logs).toEqual(
      expect.arrayContaining(["warning: [runtime] fixture warning", "program ran"]),
    );
  }, 60_000);

  it("shows values not known during a preview as the engine's unknown sentinel", async () => {
    const run = await runProgram({
      projectDir: project.dir,
      programFile: "two-resources.js",
      config: { "fixture:value": "v" },
      preview: true,
    });
    expect(run.error).toBeUndefined();
    expect(run.resources.find((r) => r.name === "second")?.inputs.value).toBe(UNKNOWN);
  }, 60_000);

  it("reports a program that throws", async () => {
    const run = await runProgram({ projectDir: project.dir, programFile: "throws.js" });
    expect(run.error).toContain("guard: two resources on NIC n-1");
  }, 60_000);

  it("reports a failure inside an apply", async () => {
    const run = await runProgram({ projectDir: project.dir, programFile: "apply-throws.js" });
    expect(run.error).toContain("late guard tripped by first-id");
  }, 60_000);

  it("runs a TypeScript program", async () => {
    const run = await runProgram({
      projectDir: project.dir,
      programFile: "typed.ts",
      preview: true,
    });
    expect(run.error).toBeUndefined();
    expect(run.resources).toEqual([
      { type: FIXTURE_TYPE, name: "typed", inputs: expect.objectContaining({ value: "preview" }) },
    ]);
  }, 60_000);
});
