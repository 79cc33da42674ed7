/**
 * The built executable (`dist/cli/main.js`, the package's `bin`), run as a child process against
 * the emulator: exit codes, the non-terminal refusal, and no credential in any output.
 * `npm test` builds first; run `npm run build` before running this file alone.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseIpv6Eip } from "../../provider/core/nat64";
import type { CliEmulator } from "./emulator-fixture";
import { CREDENTIALS, startCliEmulator } from "./emulator-fixture";

// Each case spawns Node a few times; a loaded CI machine needs more than the default 30 s.
jest.setTimeout(90_000);

const BIN = join(__dirname, "..", "..", "dist", "cli", "main.js");

interface BinRun {
  code: number;
  stdout: string;
  stderr: string;
}

const outputs: BinRun[] = [];
let f: CliEmulator;
let home: string;

/** Runs the bin with only the given environment (plus PATH), stdin closed, in an empty directory. */
function bin(argv: string[], env: Record<string, string> = f.env): Promise<BinRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...argv],
      {
        cwd: home,
        env: { PATH: process.env.PATH ?? "", HOME: home, ...env },
        timeout: 20_000,
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : -1) : 0;
        const result = { code, stdout, stderr };
        outputs.push(result);
        resolve(result);
      },
    );
  });
}

beforeAll(async () => {
  if (!existsSync(BIN)) {
    throw new Error(`${BIN} is missing: run \`npm run build\` first (npm test does).`);
  }
  home = mkdtempSync(join(tmpdir(), "otc-cli-bin-"));
  f = await startCliEmulator();
});

afterAll(async () => {
  await f?.emulator.close();
  if (home) rmSync(home, { recursive: true, force: true });
});

it("is a node script with a shebang", () => {
  expect(readFileSync(BIN, "utf8").startsWith("#!/usr/bin/env node\n")).toBe(true);
});

it("prints help and its version, exit 0", async () => {
  const help = await bin(["orphans", "--help"]);
  expect(help).toMatchObject({ code: 0, stderr: "" });
  expect(help.stdout).toMatch(/^Usage: otc-ipv6-eip orphans/);
  const version = await bin(["--version"]);
  const pkg = JSON.parse(readFileSync(join(__dirname, "..", "..", "package.json"), "utf8"));
  expect(version.stdout).toBe(`${pkg.version}\n`);
});

it("exits 2 on a usage error", async () => {
  const r = await bin(["list", "--bogus"]);
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(/Unknown option --bogus/);
});

it("lists every EIP across pages, reverse-looks-up an IPv4 and checks NICs", async () => {
  const list = await bin(["list", "--json", "--page-size", "2", ...f.flags]);
  expect(list.code).toBe(0);
  expect(JSON.parse(list.stdout)).toHaveLength(7);

  const target = f.emulator.state().ipv6.find((e) => e.id === f.bound[1]);
  if (!target) throw new Error("seeded EIP missing");
  const show = await bin(["show", parseIpv6Eip(target.floating_ip_address).ipv4, ...f.flags]);
  expect(show.code).toBe(0);
  expect(show.stdout).toMatch(new RegExp(`^ID\\s+${target.id}$`, "m"));

  expect((await bin(["nic", f.ports[1] ?? "", ...f.flags])).code).toBe(5);
  expect((await bin(["nic", f.ports[2] ?? "", ...f.flags])).code).toBe(5);
  expect((await bin(["nic", f.ports[3] ?? "", ...f.flags])).code).toBe(0);
});

it("nic: exit 4 naming a port OTC does not know, and an ELB VIP shown as such", async () => {
  const unknown = "0d5e7c1a-9b3f-4e2d-8c6a-1f0e9d8c7b6a";
  const missing = await bin(["nic", unknown, ...f.flags]);
  expect(missing).toMatchObject({ code: 4, stdout: "" });
  expect(missing.stderr).toMatch(new RegExp(`No port ${unknown} in this project and region`));
  const elb = f.emulator.ports.find((p) => p.kind === "elb");
  if (!elb) throw new Error("the emulator has no ELB port");
  const vip = await bin(["nic", elb.id, "--json", ...f.flags]);
  expect(vip.code).toBe(0);
  expect(JSON.parse(vip.stdout)).toMatchObject({ port: { kind: "ELB VIP" }, hasEip: false });
});

it("refuses orphans --delete without --yes (stdin is no terminal), then releases with --yes", async () => {
  const refused = await bin(["orphans", "--delete", ...f.flags]);
  expect(refused.code).toBe(2);
  expect(refused.stderr).toMatch(/Pass --yes/);
  expect(f.emulator.state().ipv6).toHaveLength(7);

  const released = await bin(["orphans", "--delete", "--yes"], f.akskEnv);
  expect(released.code).toBe(0);
  expect(released.stdout).toMatch(/Released 5, skipped 0, failed 0\./);
  expect(
    f.emulator
      .state()
      .ipv6.map((e) => e.id)
      .sort(),
  ).toEqual([...f.bound].sort());

  const gone = await bin(["show", f.freshUnbound[0] ?? "", ...f.flags]);
  expect(gone.code).toBe(4);
});

it("exits 3 on refused credentials", async () => {
  const r = await bin(["list", ...f.flags], { ...f.env, OS_PASSWORD: "not-the-password" });
  expect(r.code).toBe(3);
  expect(r.stderr).toMatch(/^otc-ipv6-eip: /);
});

it("never prints a credential", () => {
  expect(outputs.length).toBeGreaterThanOrEqual(10);
  for (const r of outputs) {
    for (const secret of Object.values(CREDENTIALS)) {
      expect(r.stdout).not.toContain(secret);
      expect(r.stderr).not.toContain(secret);
    }
    expect(r.stdout + r.stderr).not.toContain("[redacted]");
  }
});
