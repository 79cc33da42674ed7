import { copyFile, mkdir, readFile } from "node:fs/promises";
import * as path from "node:path";
import { parse as parseYaml } from "yaml";
import { ipv4FromIpv6Eip } from "pulumi-otc-ipv6-eip";
import { passwordStackConfig, startEmulator } from "../emulator";
import type { Emulator } from "../emulator";
import {
  IPV6_EIP_TYPE,
  UNKNOWN,
  createLinkedProject,
  repoRoot,
  runProgram,
  startProviderHelper,
  urnFor,
} from "../harness";
import type { ProgramRun, ProviderHelper, RegisteredResource, ScratchProject } from "../harness";
import { findEipPerNicViolations, findUnjudgeableBindings } from "../../examples/policy-pack/rules";
import type { StackResource } from "../../examples/policy-pack/rules";
import { examplePath } from "./example-projects";

/** Copies an example program into the linked project, where it resolves the package. */
async function installExample(project: ScratchProject, example: string): Promise<string> {
  const dir = path.join(project.dir, example);
  await mkdir(dir, { recursive: true });
  await copyFile(examplePath(example, "index.ts"), path.join(dir, "index.ts"));
  const manifest = parseYaml(await readFile(examplePath(example, "Pulumi.yaml"), "utf8")) as {
    name: string;
  };
  return manifest.name;
}

function onlyIpv6Eips(run: ProgramRun): RegisteredResource[] {
  return run.resources.filter((r) => r.type === IPV6_EIP_TYPE);
}

describe("the examples, run through Pulumi's provider helper against the emulator", () => {
  let emulator: Emulator;
  let project: ScratchProject;
  let helper: ProviderHelper;
  const projectNames: Record<string, string> = {};
  // The basic program's run (a preview), shared: a program run costs seconds.
  let basic: { nic: { id: string }; run: ProgramRun };

  beforeAll(async () => {
    emulator = await startEmulator();
    project = await createLinkedProject({
      links: {
        "pulumi-otc-ipv6-eip": repoRoot,
        "@pulumi/openstack": path.join(repoRoot, "node_modules", "@pulumi", "openstack"),
      },
    });
    for (const example of ["basic", "guard", "dual-stack-ecs", "elb", "adopt"]) {
      projectNames[example] = await installExample(project, example);
    }
    helper = await startProviderHelper({ cwd: project.dir, config: passwordStackConfig(emulator) });
    const nic = emulator.addPort("ecs");
    basic = { nic, run: await runExample("basic", { portId: nic.id }) };
  }, 120_000);

  afterAll(async () => {
    await helper?.close();
    await project?.cleanup();
    await emulator?.close();
  });

  function runExample(example: string, config: Record<string, string>): Promise<ProgramRun> {
    const name = projectNames[example] ?? example;
    const stackConfig: Record<string, string> = { ...passwordStackConfig(emulator) };
    for (const [key, value] of Object.entries(config)) stackConfig[`${name}:${key}`] = value;
    return runProgram({
      projectDir: project.dir,
      programFile: path.join(example, "index.ts"),
      project: name,
      stack: "dev",
      config: stackConfig,
      preview: true,
    });
  }

  it("basic: previews, creates an IPv6 EIP on the NIC and outputs both addresses", async () => {
    const { nic, run } = basic;
    expect(run.error).toBeUndefined();
    const [web, ...others] = onlyIpv6Eips(run);
    expect(others).toEqual([]);
    expect(web).toMatchObject({ name: "web", inputs: { portId: nic.id } });
    expect(typeof web?.inputs.__provider).toBe("string");

    const urn = urnFor(IPV6_EIP_TYPE, "web", projectNames.basic, "dev");
    const checked = await helper.check(urn, {}, web!.inputs);
    expect(checked.failures).toEqual([]);

    const created = await helper.create(urn, checked.inputs);
    const outputs = created.properties;
    expect(outputs).toMatchObject({ portId: nic.id, status: "ACTIVE", region: emulator.region });
    expect(typeof outputs.floatingIpAddress).toBe("string");
    expect(outputs.ipv4Address).toBe(ipv4FromIpv6Eip(outputs.floatingIpAddress as string));
    expect(emulator.state().ipv6).toEqual([
      expect.objectContaining({ id: created.id, port_id: nic.id, status: "ACTIVE" }),
    ]);

    await helper.delete(urn, created.id, outputs);
    expect(emulator.state().ipv6).toEqual([]);
  });

  it("guard: two EIPs on one NIC fail the preview, naming both and the NIC", async () => {
    const nic = emulator.addPort("ecs");
    const run = await runExample("guard", { portId: nic.id });
    expect(run.error).toBeDefined();
    expect(run.error).toContain("first");
    expect(run.error).toContain("second");
    expect(run.error).toContain(nic.id);
    expect(emulator.state().ipv6).toEqual([]);
  });

  it("guard: the live guard refuses a NIC that already holds an IPv4 EIP", async () => {
    const nic = emulator.addPort("ecs");
    const existing = emulator.createIpv4Eip(nic.id);
    // The example's resource as the program registered it, aimed at a NIC that OTC already
    // binds: the check of the guard example's first EIP refuses it.
    const [web] = onlyIpv6Eips(basic.run);
    const urn = urnFor(IPV6_EIP_TYPE, "first", projectNames.guard, "dev");
    const checked = await helper.check(urn, {}, { ...web!.inputs, portId: nic.id });
    expect(checked.failures).toEqual([
      {
        property: "portId",
        reason: expect.stringContaining(existing.address),
      },
    ]);
    expect(checked.failures[0]?.reason).toContain(nic.id);
    expect(emulator.state().ipv6).toEqual([]);
  });

  it("dual-stack-ecs: the policy pack reads its real registrations by type token", async () => {
    const ipv6Nic = emulator.addPort("ecs");
    const run = await runExample("dual-stack-ecs", {
      instanceId: "c0ffee00-0000-4000-8000-000000000001",
      ipv6PortId: ipv6Nic.id,
      outboundNetworkId: emulator.externalNetworkId,
    });
    expect(run.error).toBeUndefined();
    const resources: StackResource[] = run.resources.map((r) => ({
      type: r.type,
      name: r.name,
      urn: urnFor(r.type, r.name, projectNames["dual-stack-ecs"], "dev"),
      props: r.inputs,
    }));
    const outbound = resources.find((r) => r.name === "outbound-v4");
    expect(outbound?.props.portId).toBe(UNKNOWN);

    // As planned: one EIP per NIC holds; the IPv4 EIP's port is made in the same update.
    expect(findEipPerNicViolations(resources)).toEqual([]);
    expect(findUnjudgeableBindings(resources).map((f) => f.urn)).toEqual([outbound?.urn]);

    // The same registrations with the IPv4 EIP aimed at the IPv6 EIP's NIC: refused, both named.
    const conflicting = resources.map((r) =>
      r === outbound ? { ...r, props: { ...r.props, portId: ipv6Nic.id } } : r,
    );
    const names = findEipPerNicViolations(conflicting).map((f) => f.urn.split("::").pop());
    expect(names.sort()).toEqual(["inbound-v6", "outbound-v4"]);
  });

  it("elb and adopt: register their Ipv6Eip from stack config", async () => {
    const vip = emulator.state().ports.find((p) => p.kind === "elb");
    const nic = emulator.addPort("ecs");
    const eipId = "9b3c1b2e-5a6f-4c1d-8e7f-0a1b2c3d4e5f";
    const [elb, adopt] = await Promise.all([
      runExample("elb", { vipPortId: vip!.id }),
      runExample("adopt", { eipId, portId: nic.id }),
    ]);
    expect(elb.error).toBeUndefined();
    expect(onlyIpv6Eips(elb)).toEqual([
      expect.objectContaining({ name: "lb", inputs: expect.objectContaining({ portId: vip!.id }) }),
    ]);
    expect(adopt.error).toBeUndefined();
    expect(onlyIpv6Eips(adopt)).toEqual([
      expect.objectContaining({
        name: "existing",
        inputs: expect.objectContaining({ adoptId: eipId, portId: nic.id }),
      }),
    ]);
  });
});

describe("examples/multi-project, run through Pulumi's provider helper against the emulator", () => {
  const PROD = {
    domainName: "OTC-EU-DE-prod",
    userName: "prod-user",
    password: "prod-password-not-a-secret",
    accessKey: "EMULATORPRODAK000001",
    secretKey: "emulatorProdSecretKey0000000000000000000x",
    projects: ["eu-de_prod"],
  };
  let emulator: Emulator;
  let project: ScratchProject;
  let helper: ProviderHelper;
  let name: string;

  const stackConfig = (): Record<string, string> => ({
    ...passwordStackConfig(emulator),
    "otc-prod:region": emulator.region,
    "otc-prod:authUrl": emulator.authUrl,
    "otc-prod:vpcEndpoint": emulator.vpcEndpoint,
    "otc-prod:projectName": "eu-de_prod",
    "otc-prod:accessKey": PROD.accessKey,
    "otc-prod:secretKey": PROD.secretKey,
  });
  const ecsPort = (projectName: string): string =>
    emulator.project(projectName).ports.find((p) => p.kind === "ecs")!.id;

  beforeAll(async () => {
    emulator = await startEmulator({ projects: ["eu-de_team-b"], accounts: [PROD] });
    project = await createLinkedProject({ links: { "pulumi-otc-ipv6-eip": repoRoot } });
    name = await installExample(project, "multi-project");
    helper = await startProviderHelper({ cwd: project.dir, config: stackConfig() });
  }, 120_000);

  afterAll(async () => {
    await helper?.close();
    await project?.cleanup();
    await emulator?.close();
  });

  function run(config: Record<string, string>): Promise<ProgramRun> {
    const all: Record<string, string> = { ...stackConfig() };
    for (const [key, value] of Object.entries(config)) all[`${name}:${key}`] = value;
    return runProgram({
      projectDir: project.dir,
      programFile: path.join("multi-project", "index.ts"),
      project: name,
      stack: "dev",
      config: all,
      preview: true,
    });
  }

  it("looks the shared EIP up, and makes one EIP in each project through its own scope", async () => {
    const shared = emulator.createIpv6Eip(emulator.addPort("ecs").id);
    const teamBPort = ecsPort("eu-de_team-b");
    const prodPort = ecsPort("eu-de_prod");
    emulator.resetLog();
    const planned = await run({
      teamBProject: "eu-de_team-b",
      teamBPortId: teamBPort,
      prodPortId: prodPort,
      sharedIpv4: ipv4FromIpv6Eip(shared.address),
    });
    expect(planned.error).toBeUndefined();
    // The look-up ran in the program, in the stack's own project.
    const lookups = emulator.requestLog().filter((e) => e.path === "/v2.0/eip/floatingips_v6");
    expect(lookups.map((e) => e.projectId)).toContain(emulator.projectId);

    const [teamB, prod, ...others] = onlyIpv6Eips(planned);
    expect(others).toEqual([]);
    expect(teamB).toMatchObject({
      name: "team-b",
      inputs: { project: "eu-de_team-b", portId: teamBPort },
    });
    expect(prod).toMatchObject({
      name: "prod",
      inputs: { connection: "otc-prod", portId: prodPort },
    });
    const made: { urn: string; id: string; outputs: Record<string, unknown> }[] = [];
    for (const resource of [teamB!, prod!]) {
      const urn = urnFor(IPV6_EIP_TYPE, resource.name, name, "dev");
      const checked = await helper.check(urn, {}, resource.inputs);
      expect(checked.failures).toEqual([]);
      const created = await helper.create(urn, checked.inputs);
      made.push({ urn, id: created.id, outputs: created.properties });
    }
    const holder = (id: string) =>
      emulator.projects.find((p) => p.state().ipv6.some((e) => e.id === id))?.name;
    expect(made.map((m) => holder(m.id))).toEqual(["eu-de_team-b", "eu-de_prod"]);
    expect(made.map((m) => m.outputs.projectId)).toEqual([
      emulator.project("eu-de_team-b").id,
      emulator.project("eu-de_prod").id,
    ]);
    for (const m of made) await helper.delete(m.urn, m.id, m.outputs);
    expect(made.map((m) => holder(m.id))).toEqual([undefined, undefined]);
  });

  it("fails the program when the shared EIP is not there, naming what was looked for", async () => {
    const run404 = await run({ teamBProject: "eu-de_team-b", sharedIpv4: "198.19.22.227" });
    expect(run404.error).toContain("OTC shows no IPv6 EIP with ipv4Address 198.19.22.227");
  });
});
