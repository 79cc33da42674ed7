/**
 * The tool as a user gets it: the packed tarball installed in a scratch project (the run's shared
 * one), run through `node_modules/.bin/otc-ipv6-eip`. The emulator subcommand starts from the
 * installed package, `doctor` passes against it with the environment it prints, fails with the
 * documented code on a wrong password (printing no credential), the EIPs its control endpoint makes
 * show in nic and orphans (NO STACK?), its code requires nothing outside dist/emulator, and it
 * stops on SIGTERM, on SIGINT and when its parent goes away.
 */
import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, realpathSync, rmSync } from "node:fs";
import { builtinModules } from "node:module";
import { tmpdir } from "node:os";
import { delimiter, dirname, join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { ExitCode } from "../../provider/cli/exit-codes";
import { sharedUserProject } from "../harness";
import type { BinRun } from "./run-bin";

jest.setTimeout(120_000);

/** The part of the emulator's `--json` line this test reads. */
interface EmulatorLine {
  url: string;
  userName: string;
  password: string;
  domainName: string;
  secretKey: string;
  ports: { id: string; kind: string }[];
  env: Record<string, string>;
}

interface Check {
  name: string;
  status: "pass" | "fail" | "skip";
  fix?: string;
}

let home: string;
let installedBin: string;
let emulator: ChildProcess;
let info: EmulatorLine;
let exited: Promise<number | null>;
const outputs: BinRun[] = [];

/** PATH with this node first: the bin's `#!/usr/bin/env node` finds the node running the tests. */
const PATH = [dirname(process.execPath), process.env.PATH ?? ""].join(delimiter);

/** Runs the installed bin itself (not `node <file>`), with only the given environment. */
function installed(argv: string[], env: Record<string, string>): Promise<BinRun> {
  return new Promise((resolve) => {
    const child = spawn(installedBin, argv, {
      cwd: home,
      env: { PATH, HOME: home, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (s: string) => (stdout += s));
    child.stderr.setEncoding("utf8").on("data", (s: string) => (stderr += s));
    const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
    child.once("close", (code) => {
      clearTimeout(timer);
      const run = { code: code ?? -1, stdout, stderr };
      outputs.push(run);
      resolve(run);
    });
  });
}

function checksOf(run: BinRun): Check[] {
  return (JSON.parse(run.stdout) as { checks: Check[] }).checks;
}

beforeAll(async () => {
  const project = await sharedUserProject();
  home = mkdtempSync(join(tmpdir(), "otc-cli-installed-"));
  installedBin = join(project, "node_modules", ".bin", "otc-ipv6-eip");
  emulator = spawn(installedBin, ["emulator", "--port", "0", "--json"], {
    cwd: home,
    env: { PATH, HOME: home },
    stdio: ["ignore", "pipe", "inherit"],
  });
  exited = new Promise((resolve) => emulator.once("exit", (code) => resolve(code)));
  const first = await new Promise<string>((resolve, reject) => {
    createInterface({ input: emulator.stdout! }).once("line", resolve);
    emulator.once("exit", (code) => reject(new Error(`the emulator exited with ${code}`)));
  });
  info = JSON.parse(first) as EmulatorLine;
}, 300_000);

afterAll(() => {
  if (emulator?.exitCode === null) emulator.kill("SIGKILL");
  if (home) rmSync(home, { recursive: true, force: true });
});

it("is the package's bin, installed from the tarball (not a link to the repository)", () => {
  const project = dirname(dirname(dirname(installedBin)));
  expect(realpathSync(installedBin)).toBe(
    join(realpathSync(project), "node_modules", "pulumi-otc-ipv6-eip", "dist", "cli", "main.js"),
  );
});

it("emulator --port 0 --json prints the connection line with one identity in env", () => {
  expect(info.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  expect(Number(new URL(info.url).port)).toBeGreaterThan(0);
  expect(Object.keys(info.env).sort()).toEqual([
    "OS_ACCESS_KEY",
    "OS_AUTH_URL",
    "OS_PROJECT_ID",
    "OS_REGION_NAME",
    "OS_SECRET_KEY",
    "OTC_VPC_ENDPOINT",
  ]);
});

it("doctor --json with the printed environment passes every check; exit 0", async () => {
  const run = await installed(["doctor", "--json"], info.env);
  expect(run.code).toBe(ExitCode.Ok);
  expect(JSON.parse(run.stdout)).toMatchObject({ ok: true, warnings: [] });
  const checks = checksOf(run);
  expect(checks.length).toBeGreaterThanOrEqual(8);
  expect(checks.filter((c) => c.status !== "pass")).toEqual([]);
});

it("nic on one of its ports answers: the NIC is free, exit 0", async () => {
  const port = info.ports.find((p) => p.kind === "ecs");
  const run = await installed(["nic", port?.id ?? "", "--json"], info.env);
  expect(run.code).toBe(ExitCode.Ok);
  expect(JSON.parse(run.stdout)).toMatchObject({ portId: port?.id, hasEip: false });
});

it("its control endpoint makes IPv6 EIPs that the installed tool sees: nic exit 5, orphans with NO STACK?", async () => {
  const [taken, free] = info.ports.filter((p) => p.kind === "ecs");
  const control = (body: object): Promise<Response> =>
    fetch(`${info.url}/__emulator/ipv6-eips`, { method: "POST", body: JSON.stringify(body) });
  expect((await control({ port_id: taken?.id })).status).toBe(201);
  const old = (await (await control({ age_seconds: 10 * 86_400 })).json()) as { id: string };
  expect((await control({})).status).toBe(201);

  const nic = await installed(["nic", taken?.id ?? ""], info.env);
  expect(nic.code).toBe(ExitCode.NicHasEip);
  expect((await installed(["nic", free?.id ?? ""], info.env)).code).toBe(ExitCode.Ok);

  const orphans = await installed(["orphans", "--older-than", "7d"], info.env);
  expect(orphans.code).toBe(ExitCode.Ok);
  const [header, ...rows] = orphans.stdout.split("\n").filter((l) => /^(ID|[0-9a-f]{8}-)/.test(l));
  expect(header).toMatch(/\bNO STACK\?$/);
  expect(rows).toEqual([expect.stringMatching(new RegExp(`^${old.id}\\s.*\\slikely$`))]);
  const none = await installed(["orphans", "--older-than", "30d"], info.env);
  expect(none.stdout).toMatch(/2 younger ones were left out/);
});

it("doctor with a wrong password fails the credentials with their fix; exit 6, no credential printed", async () => {
  const { OS_ACCESS_KEY: _ak, OS_SECRET_KEY: _sk, ...place } = info.env;
  const wrong = "wrong-pw-INSTALLED-CANARY-7c1d";
  const run = await installed(["doctor", "--json"], {
    ...place,
    OS_USER_DOMAIN_NAME: info.domainName,
    OS_USERNAME: info.userName,
    OS_PASSWORD: wrong,
  });
  expect(run.code).toBe(ExitCode.DoctorFailed);
  const credentials = checksOf(run).find((c) => c.name === "credentials");
  expect(credentials).toMatchObject({ status: "fail", fix: expect.stringMatching(/OS_PASSWORD/) });
  expect(run.stdout + run.stderr).not.toContain(wrong);
});

it("never prints a credential of the emulator's either", () => {
  expect(outputs.length).toBeGreaterThanOrEqual(3);
  for (const run of outputs) {
    for (const secret of [info.password, info.secretKey]) {
      expect(run.stdout + run.stderr).not.toContain(secret);
    }
  }
});

it("its emulator imports nothing from the provider's code (an independent implementation)", () => {
  const dir = join(dirname(realpathSync(installedBin)), "..", "emulator");
  const files = readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((f) =>
    f.endsWith(".js"),
  );
  expect(files.length).toBeGreaterThan(10);
  for (const file of files) {
    const text = readFileSync(join(dir, file), "utf8");
    for (const [, spec = ""] of text.matchAll(/require\("([^"]+)"\)/g)) {
      const inside = spec.startsWith(".") && resolve(dir, dirname(file), spec).startsWith(dir);
      const builtin = spec.startsWith("node:") || builtinModules.includes(spec);
      expect({ file, spec, ok: inside || builtin }).toEqual({ file, spec, ok: true });
    }
  }
});

it("without --json: an environment block of one identity; SIGINT stops it with exit 0", async () => {
  const child = spawn(installedBin, ["emulator", "--port", "0"], {
    cwd: home,
    env: { PATH, HOME: home },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const code = new Promise<number | null>((r) => child.once("exit", (c) => r(c)));
  const lines: string[] = [];
  await new Promise<void>((resolve) =>
    createInterface({ input: child.stdout }).on("line", (line) => {
      lines.push(line);
      if (line.startsWith("Stop with")) resolve();
    }),
  );
  child.kill("SIGINT");
  const exported = lines.filter((l) => /^\s*export /.test(l)).join("\n");
  expect(exported).toMatch(/export OS_ACCESS_KEY=/);
  expect(exported).not.toMatch(/OS_PASSWORD|OS_USERNAME/);
  expect(await code).toBe(0);
});

it("an emulator whose parent goes away stops too", async () => {
  // A shell that starts the installed emulator in the background and prints its pid, like
  // `npm run` or a CI step; killing the shell does not signal the emulator.
  // Its connection line goes to a file: the test kills the shell only once the emulator serves.
  const out = join(home, "parent-gone.json");
  const script = `${JSON.stringify(installedBin)} emulator --port 0 --json > ${JSON.stringify(out)} & echo $!; wait`;
  const parent = spawn("sh", ["-c", script], {
    cwd: home,
    env: { PATH, HOME: home },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const pid = Number(
    await new Promise<string>((r) => createInterface({ input: parent.stdout }).once("line", r)),
  );
  const alive = (): boolean => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  const serving = (): boolean => existsSync(out) && readFileSync(out, "utf8").includes("\n");
  try {
    for (let i = 0; i < 200 && !serving(); i++) await new Promise((r) => setTimeout(r, 100));
    expect(serving()).toBe(true);
    parent.kill("SIGKILL");
    for (let i = 0; i < 100 && alive(); i++) await new Promise((r) => setTimeout(r, 100));
    expect(alive()).toBe(false);
  } finally {
    if (alive()) process.kill(pid, "SIGKILL");
  }
});

it("SIGTERM stops the emulator: exit 0, and it no longer serves", async () => {
  expect((await fetch(`${info.url}/__emulator/info`)).status).toBe(200);
  emulator.kill("SIGTERM");
  expect(await exited).toBe(0);
  await expect(fetch(`${info.url}/__emulator/info`)).rejects.toThrow();
});
