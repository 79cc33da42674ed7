/**
 * examples/basic followed as its README says, from a copy outside the repository: the README's
 * install steps, read from the README, run in a temp folder laid out like the repository (the
 * tarball at the root, the example in examples/basic); then `tsc --noEmit` with the example's own
 * TypeScript, and the program run against the emulator with the package it installed.
 * `npm pack` is the run's shared one (the harness packs the repository once per jest run).
 */
import { execFile } from "node:child_process";
import { copyFile, cp, mkdtemp, readFile, realpath, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { parse as parseYaml } from "yaml";
import { passwordStackConfig, startEmulator } from "../emulator";
import type { Emulator } from "../emulator";
import { IPV6_EIP_TYPE, runProgram, sharedPackage, startProviderHelper, urnFor } from "../harness";
import type { ProviderHelper } from "../harness";
import { examplePath } from "./example-projects";
import { readInstallSteps } from "./readme-steps";
import type { Command } from "./readme-steps";

const exec = promisify(execFile);
const EXAMPLE = "basic";
/** What the test adds to the README's `npm install`: the cache first, no audit or funding noise. */
const NPM_FLAGS = ["--prefer-offline", "--no-audit", "--no-fund"];

jest.setTimeout(300_000);

let root: string;
let exampleDir: string;
let emulator: Emulator | undefined;
let helper: ProviderHelper | undefined;

/**
 * Runs the README's steps from `root` (a stand-in for the repository's root): `npm ci` there is
 * the repository's own install (already done), `npm pack` puts the run's tarball at the root
 * under npm's name, `cd` moves, `npm install <args>` runs as written. Any other step fails.
 */
async function followSteps(steps: Command[], tarball: string): Promise<string> {
  let cwd = root;
  let packed = false;
  for (const [tool, ...args] of steps) {
    const step = [tool, ...args].join(" ");
    if (step === "npm ci" && cwd === root) continue;
    if (step === "npm pack" && cwd === root) {
      await copyFile(tarball, path.join(root, path.basename(tarball)));
      packed = true;
    } else if (tool === "cd" && args.length === 1) {
      cwd = path.resolve(cwd, args[0] ?? "");
    } else if (tool === "npm" && args[0] === "install" && packed) {
      await exec("npm", [...args, ...NPM_FLAGS], { cwd, timeout: 240_000, maxBuffer: 1 << 26 });
    } else {
      throw new Error(`the test does not know how to follow the README step "${step}" in ${cwd}`);
    }
  }
  return cwd;
}

beforeAll(async () => {
  const { tarball } = await sharedPackage();
  root = await mkdtemp(path.join(tmpdir(), "otc-ipv6-eip-readme-"));
  await cp(examplePath(EXAMPLE), path.join(root, "examples", EXAMPLE), {
    recursive: true,
    filter: (source) => path.basename(source) !== "node_modules",
  });
  const readme = await readFile(examplePath(EXAMPLE, "README.md"), "utf8");
  exampleDir = await followSteps(readInstallSteps(readme), tarball);
}, 300_000);

afterAll(async () => {
  await helper?.close();
  await emulator?.close();
  if (root) await rm(root, { recursive: true, force: true });
});

it("ends in the example's folder, outside the repository, with the package from the tarball", async () => {
  expect(exampleDir).toBe(path.join(root, "examples", EXAMPLE));
  const fromExample = createRequire(path.join(exampleDir, "index.js"));
  const lifecycle = await realpath(fromExample.resolve("pulumi-otc-ipv6-eip/lifecycle"));
  expect(lifecycle).toBe(
    path.join(
      await realpath(exampleDir),
      "node_modules",
      "pulumi-otc-ipv6-eip",
      "dist",
      "lifecycle",
      "index.js",
    ),
  );
});

it("type-checks with the example's own TypeScript (tsc --noEmit)", async () => {
  const tsc = path.join(exampleDir, "node_modules", "typescript", "bin", "tsc");
  await expect(
    exec(process.execPath, [tsc, "--noEmit"], { cwd: exampleDir, timeout: 120_000 }),
  ).resolves.toBeDefined();
});

it("runs against the emulator: the program registers the EIP, the helper creates and deletes it", async () => {
  emulator = await startEmulator();
  const nic = emulator.addPort("ecs");
  const project = (
    parseYaml(await readFile(path.join(exampleDir, "Pulumi.yaml"), "utf8")) as { name: string }
  ).name;
  const run = await runProgram({
    projectDir: exampleDir,
    programFile: "index.ts",
    project,
    stack: "dev",
    config: { ...passwordStackConfig(emulator), [`${project}:portId`]: nic.id },
    preview: true,
  });
  expect(run.error).toBeUndefined();
  const web = run.resources.find((r) => r.type === IPV6_EIP_TYPE);
  expect(web).toMatchObject({ name: "web", inputs: { portId: nic.id } });

  helper = await startProviderHelper({ cwd: exampleDir, config: passwordStackConfig(emulator) });
  const urn = urnFor(IPV6_EIP_TYPE, "web", project, "dev");
  const checked = await helper.check(urn, {}, web!.inputs);
  expect(checked.failures).toEqual([]);
  const created = await helper.create(urn, checked.inputs);
  expect(created.properties).toMatchObject({ portId: nic.id, status: "ACTIVE" });
  expect(emulator.state().ipv6).toEqual([expect.objectContaining({ id: created.id })]);
  await helper.delete(urn, created.id, created.properties);
  expect(emulator.state().ipv6).toEqual([]);
});
