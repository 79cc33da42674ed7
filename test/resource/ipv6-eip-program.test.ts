/**
 * `Ipv6Eip` in a Pulumi program under `setMocks`, loaded from the packed package installed in a
 * user project: the registration, the in-program one-EIP-per-NIC guard and the warnings.
 */
import { mkdtemp, writeFile } from "node:fs/promises";
import * as path from "node:path";
import { runProgram, sharedUserProject } from "../harness";
import type { ProgramRun } from "../harness";

jest.setTimeout(120_000);

const NIC_A = "552389f5-8f4c-4bb7-9991-07233c315d60";
const NIC_B = "7b6fb4e1-4bb9-4f3e-8d3a-2b0f3a1c9e11";

describe("Ipv6Eip in a program", () => {
  let dir: string;
  let programs: string;

  beforeAll(async () => {
    dir = await sharedUserProject();
    programs = await mkdtemp(path.join(dir, "programs-"));
  }, 300_000);

  /** Runs a program body (CommonJS) with `pulumi` and `Ipv6Eip` in scope. */
  async function run(body: string, preview = true): Promise<ProgramRun> {
    const file = path.join(programs, `p${Math.random().toString(36).slice(2)}.js`);
    await writeFile(
      file,
      `const pulumi = require("@pulumi/pulumi");\nconst { Ipv6Eip } = require("pulumi-otc-ipv6-eip");\n${body}\n`,
    );
    return runProgram({ projectDir: dir, programFile: file, preview });
  }
  const warnings = (r: ProgramRun): number =>
    r.logs.filter((l) => l.includes("Security groups do not apply to IPv6 clients")).length;

  it("registers pulumi-nodejs:dynamic/otc:Ipv6Eip with the inputs and a small __provider", async () => {
    const r = await run(
      `new Ipv6Eip("web", { portId: "${NIC_A}", timeouts: { create: 60 } });\nnew Ipv6Eip("spare", {});`,
    );
    expect(r.error).toBeUndefined();
    expect(r.resources.map((x) => x.type)).toEqual([
      "pulumi-nodejs:dynamic/otc:Ipv6Eip",
      "pulumi-nodejs:dynamic/otc:Ipv6Eip",
    ]);
    const web = r.resources.find((x) => x.name === "web")!.inputs;
    expect(web).toMatchObject({ portId: NIC_A, timeouts: { create: 60 } });
    expect(typeof web["__provider"]).toBe("string");
    expect((web["__provider"] as string).length).toBeLessThan(4096);
  });

  it("prints the IPv6 EIP warnings once per program, not per resource", async () => {
    const r = await run(`for (let i = 0; i < 3; i++) new Ipv6Eip("e" + i, {});`);
    expect(warnings(r)).toBe(1);
    for (const topic of ["Anti-DDoS", "anti-spoofing", "outbound", "NAT64"]) {
      expect(r.logs.join("\n")).toContain(topic);
    }
  });

  it("prints no warning when every resource sets suppressWarnings", async () => {
    const r = await run(
      `new Ipv6Eip("a", { suppressWarnings: true });\nnew Ipv6Eip("b", { suppressWarnings: pulumi.output(true) });`,
    );
    expect(r.error).toBeUndefined();
    expect(warnings(r)).toBe(0);
  });

  it("fails the preview when two resources bind one NIC by literal value, naming both and the NIC", async () => {
    const r = await run(
      `new Ipv6Eip("first", { portId: "${NIC_A}", suppressWarnings: true });\nnew Ipv6Eip("second", { portId: "${NIC_A.toUpperCase()}", suppressWarnings: true });`,
    );
    expect(r.error).toBeDefined();
    expect(r.error).toContain('"first"');
    expect(r.error).toContain('"second"');
    expect(r.error?.toLowerCase()).toContain(NIC_A);
  });

  it("fails the preview when outputs resolving during the program put two EIPs on one NIC", async () => {
    const r = await run(
      `const nic = pulumi.output(new Promise((resolve) => setTimeout(() => resolve("${NIC_B}"), 20)));\n` +
        `new Ipv6Eip("left", { portId: nic, suppressWarnings: true });\n` +
        `new Ipv6Eip("right", { portId: pulumi.output("${NIC_B}"), suppressWarnings: true });`,
    );
    expect(r.error).toBeDefined();
    expect(r.error).toContain('"left"');
    expect(r.error).toContain('"right"');
    expect(r.error).toContain(NIC_B);
  });

  it("lets different NICs and unbound EIPs coexist", async () => {
    const r = await run(
      `new Ipv6Eip("a", { portId: "${NIC_A}", suppressWarnings: true });\n` +
        `new Ipv6Eip("b", { portId: pulumi.output("${NIC_B}"), suppressWarnings: true });\n` +
        `new Ipv6Eip("c", { suppressWarnings: true });\nnew Ipv6Eip("d", { suppressWarnings: true });`,
    );
    expect(r.error).toBeUndefined();
    expect(r.resources).toHaveLength(4);
  });

  it("keys the NIC guard by project and region: one port id in two projects is two NICs", async () => {
    const apart = await run(
      `new Ipv6Eip("a", { portId: "${NIC_A}", project: "eu-de_team-a", suppressWarnings: true });\n` +
        `new Ipv6Eip("b", { portId: "${NIC_A}", project: "eu-de_team-b", suppressWarnings: true });\n` +
        `new Ipv6Eip("c", { portId: "${NIC_A}", region: "eu-nl", suppressWarnings: true });`,
    );
    expect(apart.error).toBeUndefined();
    expect(apart.resources).toHaveLength(3);
    const clash = await run(
      `new Ipv6Eip("x", { portId: "${NIC_B}", project: pulumi.output("eu-de_team-a"), suppressWarnings: true });\n` +
        `new Ipv6Eip("y", { portId: "${NIC_B}", project: "eu-de_team-a", suppressWarnings: true });`,
    );
    expect(clash.error).toContain('"x"');
    expect(clash.error).toContain('"y"');
  });

  it("passes project and connection as inputs, and reads with Ipv6Eip.get", async () => {
    const r = await run(
      `new Ipv6Eip("p", { project: "eu-de_team-a", connection: "otc-prod", suppressWarnings: true });\n` +
        `Ipv6Eip.get("legacy", "2567f393-5c76-42db-a397-477723ce41f7", { project: "eu-de_team-a", connection: "otc-prod" });`,
      false,
    );
    expect(r.error).toBeUndefined();
    expect(r.resources.find((x) => x.name === "p")!.inputs).toMatchObject({
      project: "eu-de_team-a",
      connection: "otc-prod",
    });
    const got = r.resources.find((x) => x.name === "legacy");
    expect(got?.inputs).toMatchObject({ project: "eu-de_team-a", connection: "otc-prod" });
  });
});
