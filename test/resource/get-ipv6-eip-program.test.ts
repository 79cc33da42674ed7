/**
 * `getIpv6Eip` and `getIpv6EipOutput` in Pulumi programs under `setMocks`, against the emulator:
 * the stack config (secrets included) comes from the runtime's config, as in `pulumi up`.
 * In this process from the source, and in a child program from the packed package.
 */
import { mkdtemp, writeFile } from "node:fs/promises";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { closeSharedClients } from "../../provider/client/otc-client";
import { EipLookupError, InvalidInputError, getIpv6Eip, getIpv6EipOutput } from "../../provider";
import type { GetIpv6EipResult } from "../../provider";
import { akskStackConfig, passwordStackConfig, startEmulator } from "../emulator";
import type { Emulator } from "../emulator";
import { runProgram, sharedUserProject } from "../harness";
import { PROD, createEip, prodConnectionConfig } from "../lookup/other-account";

jest.setTimeout(120_000);

/** The value an output resolves to (its `apply` runs once it is known). */
function valueOf<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => output.apply(resolve));
}

describe("getIpv6Eip in a setMocks program", () => {
  let emulator: Emulator;

  beforeAll(async () => {
    emulator = await startEmulator({ accounts: [PROD] });
    await pulumi.runtime.setMocks(
      {
        newResource: (args) => ({ id: `${args.name}-id`, state: args.inputs }),
        call: (args) => args.inputs,
      },
      "project",
      "stack",
      false,
    );
  });
  beforeEach(() => {
    pulumi.runtime.setAllConfig(passwordStackConfig(emulator), ["otc:password"]);
  });
  afterAll(async () => {
    await closeSharedClients();
    await emulator?.close();
  });

  it("reads the stack's otc:* config, secrets included, and finds the EIP", async () => {
    const nic = emulator.addPort("ecs");
    const eip = emulator.createIpv6Eip(nic.id);
    const found = await getIpv6Eip({ portId: nic.id });
    expect(found).toMatchObject({
      id: eip.id,
      portId: nic.id,
      portKind: "ecs",
      status: "ACTIVE",
      projectId: emulator.projectId,
      region: emulator.region,
    });
  });

  it("reads an AK/SK identity whose secret key is a secret", async () => {
    pulumi.runtime.setAllConfig(akskStackConfig(emulator), ["otc:secretKey"]);
    const eip = emulator.createIpv6Eip();
    expect((await getIpv6Eip({ address: eip.address })).id).toBe(eip.id);
  });

  it("reads a named connection's otc-prod:* config, its keys secrets, for another account", async () => {
    const eip = await createEip(emulator, prodConnectionConfig(emulator, "otc"));
    pulumi.runtime.setAllConfig(
      { ...passwordStackConfig(emulator), ...prodConnectionConfig(emulator, "otc-prod") },
      ["otc:password", "otc-prod:accessKey", "otc-prod:secretKey"],
    );
    const found = await getIpv6Eip({ id: eip.id, connection: "otc-prod" });
    expect(found).toMatchObject({ id: eip.id, projectId: emulator.project("eu-de_prod").id });
    const byOutput = getIpv6EipOutput({
      address: eip.address,
      connection: pulumi.output("otc-prod"),
    });
    expect(await valueOf(byOutput.id)).toBe(eip.id);
  });

  it("getIpv6EipOutput takes inputs (outputs of other resources) and returns an output", async () => {
    const nic = emulator.addPort("ecs");
    const eip = emulator.createIpv6Eip(nic.id);
    const port = pulumi.output(
      new Promise<string>((resolve) => setTimeout(() => resolve(nic.id), 5)),
    );
    const found: pulumi.Output<GetIpv6EipResult> = getIpv6EipOutput({ portId: port });
    expect(pulumi.Output.isInstance(found)).toBe(true);
    expect(await valueOf(found.floatingIpAddress)).toBe(
      (await getIpv6Eip({ id: eip.id })).floatingIpAddress,
    );
    expect(await valueOf(found.id)).toBe(eip.id);
  });

  it("fails with the error named for none, and for bad arguments before any call", async () => {
    const missing = getIpv6Eip({ id: "9b3c1b2e-5a6f-4c1d-8e7f-0a1b2c3d4e5f" });
    await expect(missing).rejects.toBeInstanceOf(EipLookupError);
    await expect(missing).rejects.toThrow("OTC shows no IPv6 EIP with id 9b3c1b2e-");
    emulator.resetLog();
    await expect(getIpv6Eip({})).rejects.toBeInstanceOf(InvalidInputError);
    await expect(getIpv6Eip({ id: "web" })).rejects.toThrow('Invalid id: "web" is not a valid id');
    expect(emulator.requestLog()).toEqual([]);
  });

  it("names the missing setting when the stack has no credentials", async () => {
    pulumi.runtime.setAllConfig({ "otc:region": emulator.region }, []);
    const eip = emulator.createIpv6Eip();
    await expect(getIpv6Eip({ id: eip.id })).rejects.toThrow("no credentials found");
  });
});

/** What the SDK keeps inside an output (not in its public types): whether it is known. */
interface OutputInternals {
  isKnown: Promise<boolean>;
}
function internals<T>(output: pulumi.Output<T>): OutputInternals {
  return output as unknown as OutputInternals;
}

describe("getIpv6EipOutput in a preview without credentials (a pull request from a fork)", () => {
  let emulator: Emulator;

  beforeAll(async () => {
    emulator = await startEmulator();
    await pulumi.runtime.setMocks(
      {
        newResource: (args) => ({ id: undefined, state: args.inputs }),
        call: (args) => args.inputs,
      },
      "project",
      "stack",
      true,
    );
  });
  afterAll(async () => {
    await closeSharedClients();
    await emulator?.close();
  });

  it("is unknown, with a warning, when no credential is configured at all", async () => {
    pulumi.runtime.setAllConfig({ "otc:region": emulator.region }, []);
    const warn = jest.spyOn(pulumi.log, "warn").mockImplementation(() => Promise.resolve());
    try {
      const found = getIpv6EipOutput({ id: emulator.createIpv6Eip().id });
      expect(await internals(found).isKnown).toBe(false);
      expect(warn).toHaveBeenCalledWith(
        expect.stringContaining("no OTC credentials in this preview"),
      );
    } finally {
      warn.mockRestore();
    }
  });
});

describe("getIpv6Eip in a program that installs the packed package", () => {
  let emulator: Emulator;
  let dir: string;

  beforeAll(async () => {
    [emulator, dir] = await Promise.all([startEmulator(), sharedUserProject()]);
  }, 300_000);
  afterAll(async () => {
    await emulator?.close();
  });

  it("finds the EIP from the program's stack config and prints what it found", async () => {
    const eip = emulator.createIpv6Eip();
    const programs = await mkdtemp(path.join(dir, "lookups-"));
    const file = path.join(programs, "index.js");
    await writeFile(
      file,
      `const { getIpv6Eip, getIpv6EipOutput } = require("pulumi-otc-ipv6-eip");\n` +
        `module.exports = async () => {\n` +
        `  const found = await getIpv6Eip({ address: ${JSON.stringify(eip.address)} });\n` +
        `  console.log("found " + found.id + " " + found.ipv4Address);\n` +
        `  const status = getIpv6EipOutput({ id: found.id }).status;\n` +
        `  console.log("status " + (await new Promise((resolve) => status.apply(resolve))));\n` +
        `};\n`,
    );
    const run = await runProgram({
      projectDir: dir,
      programFile: file,
      config: passwordStackConfig(emulator),
      env: { PULUMI_CONFIG_SECRET_KEYS: JSON.stringify(["otc:password"]) },
    });
    expect(run.error).toBeUndefined();
    expect(run.logs).toEqual(
      expect.arrayContaining([expect.stringMatching(`^found ${eip.id} \\d+\\.`), "status DOWN"]),
    );
  });
  it("in a preview, is unknown without any credential but fails the program for one given wrong", async () => {
    const eip = emulator.createIpv6Eip();
    const programs = await mkdtemp(path.join(dir, "lookups-preview-"));
    const file = path.join(programs, "index.js");
    await writeFile(
      file,
      `const { getIpv6EipOutput } = require("pulumi-otc-ipv6-eip");\n` +
        `getIpv6EipOutput({ id: ${JSON.stringify(eip.id)} }).id.apply((id) => console.log("found " + id));\n`,
    );
    const preview = (config: Record<string, string>) =>
      runProgram({ projectDir: dir, programFile: file, config, preview: true });
    const forked = await preview({ "otc:region": emulator.region });
    expect(forked.error).toBeUndefined();
    expect(forked.logs.join("\n")).toContain("no OTC credentials in this preview");
    expect(forked.logs.join("\n")).not.toContain("found ");
    const config = passwordStackConfig(emulator);
    delete config["otc:password"];
    const wrong = await preview(config);
    expect(wrong.error).toContain("otc:password");
  });
});
