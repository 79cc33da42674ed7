/**
 * Every command of `otc-ipv6-eip` in-process against the OTC API emulator, through the real
 * settings resolution and the real client.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createCliClient } from "../../provider/cli/create-cli-client";
import { ExitCode } from "../../provider/cli/exit-codes";
import { parseIpv6Eip } from "../../provider/core/nat64";
import type { CliRun, RunOptions } from "./cli-harness";
import { run } from "./cli-harness";
import type { CliEmulator } from "./emulator-fixture";
import { CREDENTIALS, startCliEmulator } from "./emulator-fixture";

const outputs: CliRun[] = [];

async function cli(f: CliEmulator, argv: string[], options: RunOptions = {}): Promise<CliRun> {
  const r = await run([...argv, ...f.flags], {
    createClient: createCliClient,
    env: f.env,
    now: f.now,
    ...options,
  });
  outputs.push(r);
  return r;
}

const ids = (json: string): string[] =>
  (JSON.parse(json) as { id: string }[]).map((v) => v.id).sort();

describe("otc-ipv6-eip against the emulator (read-only commands)", () => {
  let f: CliEmulator;
  beforeAll(async () => {
    f = await startCliEmulator();
  });
  afterAll(async () => {
    await f?.emulator.close();
  });

  it("list reads every page and prints each EIP with its NAT64 IPv4", async () => {
    f.emulator.resetLog();
    const r = await cli(f, ["list", "--json", "--page-size", "2"]);
    expect(r.code).toBe(ExitCode.Ok);
    const views = JSON.parse(r.stdout) as { id: string; ipv6: string; ipv4: string }[];
    const state = f.emulator.state().ipv6;
    expect(views.map((v) => v.id).sort()).toEqual(state.map((e) => e.id).sort());
    expect(views).toHaveLength(7);
    for (const v of views) expect(v.ipv4).toBe(parseIpv6Eip(v.ipv6).ipv4);
    // Seven EIPs two per page: four pages at least (a last, empty page is allowed).
    expect(f.emulator.counts()["GET /v2.0/eip/floatingips_v6"]).toBeGreaterThanOrEqual(4);
  });

  it("list prints a table with a summary, and progress on request", async () => {
    const r = await cli(f, ["list", "--page-size", "3", "--progress"]);
    expect(r.code).toBe(0);
    for (const id of [...f.bound, ...f.oldUnbound, ...f.freshUnbound])
      expect(r.stdout).toContain(id);
    expect(r.stdout).toMatch(/7 IPv6 EIPs, 5 unbound\.\n$/);
    expect(r.stderr).toMatch(/^Listing IPv6 EIPs: 3 so far…\nListing IPv6 EIPs: 6 so far…\n/);
  });

  it("list filters by --port, --unbound and --status", async () => {
    const byPort = await cli(f, ["list", "--json", "--port", f.ports[1] ?? ""]);
    expect(ids(byPort.stdout)).toEqual([f.bound[1]]);
    const unbound = await cli(f, ["list", "--json", "--unbound"]);
    expect(ids(unbound.stdout)).toEqual([...f.oldUnbound, ...f.freshUnbound].sort());
    const active = await cli(f, ["list", "--json", "--status", "ACTIVE"]);
    expect(ids(active.stdout)).toEqual([...f.bound].sort());
  });

  it("works with AK/SK and the VPC endpoint from OTC_VPC_ENDPOINT", async () => {
    const r = await run(["list", "--json"], {
      createClient: createCliClient,
      env: f.akskEnv,
      now: f.now,
    });
    outputs.push(r);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toHaveLength(7);
  });

  it("--cloud picks the clouds.yaml entry, and names a missing one (exit 3)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "otc-cli-clouds-"));
    try {
      const file = join(dir, "clouds.yaml");
      writeFileSync(
        file,
        [
          "clouds:",
          "  other:",
          "    auth: { auth_url: 'http://127.0.0.1:1/v3', username: x, password: y }",
          "  emu:",
          `    region_name: ${f.emulator.region}`,
          "    auth:",
          `      auth_url: ${f.emulator.authUrl}`,
          `      project_id: ${f.emulator.projectId}`,
          `      ak: ${f.emulator.accessKey}`,
          `      sk: ${f.emulator.secretKey}`,
          "",
        ].join("\n"),
      );
      const env = {
        OS_CLIENT_CONFIG_FILE: file,
        HOME: dir,
        OTC_VPC_ENDPOINT: f.emulator.vpcEndpoint,
      };
      const ok = await run(["list", "--json", "--cloud", "emu"], {
        createClient: createCliClient,
        env,
        now: f.now,
      });
      outputs.push(ok);
      expect(ok.code).toBe(ExitCode.Ok);
      expect(JSON.parse(ok.stdout)).toHaveLength(7);
      const missing = await run(["list", "--cloud", "nope"], {
        createClient: createCliClient,
        env,
      });
      outputs.push(missing);
      expect(missing.code).toBe(ExitCode.Config);
      expect(missing.stderr).toMatch(/no entry clouds\."nope"; it has "other", "emu"/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("show finds an EIP by id, by IPv6 (any form) and by its IPv4 (reverse NAT64)", async () => {
    const target = f.emulator.state().ipv6.find((e) => e.id === f.bound[0]);
    if (!target) throw new Error("seeded EIP missing");
    const { canonical, ipv4 } = parseIpv6Eip(target.floating_ip_address);
    const expanded = canonical
      .split(":")
      .map((g) => g.padStart(4, "0").toUpperCase())
      .join(":");
    for (const query of [target.id, expanded, ipv4]) {
      const r = await cli(f, ["show", query, "--json", "--page-size", "2"]);
      expect(r.code).toBe(ExitCode.Ok);
      expect(JSON.parse(r.stdout)).toMatchObject({
        id: target.id,
        ipv6: canonical,
        ipv4,
        portId: f.ports[0],
        status: "ACTIVE",
      });
    }
    const text = await cli(f, ["show", ipv4]);
    expect(text.stdout).toMatch(new RegExp(`^Port\\s+${f.ports[0]}$`, "m"));
  });

  it("show exits 4 for an id, an IPv6 or an IPv4 that no EIP has", async () => {
    for (const query of ["0d1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d", "2001:db8::1:2", "203.0.113.9"]) {
      const r = await cli(f, ["show", query]);
      expect(r.code).toBe(ExitCode.NotFound);
      expect(r.stderr).toMatch(/^otc-ipv6-eip: No IPv6 EIP/);
    }
  });

  it("nic exits 5 for a NIC with an IPv6 or an IPv4 EIP and 0 for a free one", async () => {
    const ipv6 = await cli(f, ["nic", f.ports[0] ?? "", "--json"]);
    expect(ipv6.code).toBe(ExitCode.NicHasEip);
    expect(JSON.parse(ipv6.stdout)).toMatchObject({
      hasEip: true,
      ipv4: [],
      ipv6: [{ id: f.bound[0] }],
    });
    const ipv4 = await cli(f, ["nic", f.ports[2] ?? ""]);
    expect(ipv4.code).toBe(ExitCode.NicHasEip);
    expect(ipv4.stdout).toMatch(/IPv4 EIP\s+\d+\.\d+\.\d+\.\d+/);
    const free = await cli(f, ["nic", f.ports[3] ?? ""]);
    expect(free.code).toBe(ExitCode.Ok);
    expect(free.stdout).toMatch(/holds no EIP/);
  });

  it("orphans lists the unbound EIPs, and --older-than only the old ones", async () => {
    const all = await cli(f, ["orphans", "--json", "--page-size", "2"]);
    expect(ids(all.stdout)).toEqual([...f.oldUnbound, ...f.freshUnbound].sort());
    const old = await cli(f, ["orphans", "--json", "--older-than", "7d"]);
    expect(ids(old.stdout)).toEqual([...f.oldUnbound].sort());
  });

  it("a wrong password exits 3 without printing it", async () => {
    const wrong = "WRONG-pw-CANARY-8d3e";
    const r = await cli(f, ["list"], { env: { ...f.env, OS_PASSWORD: wrong } });
    expect(r.code).toBe(ExitCode.Config);
    expect(r.stderr).toMatch(/^otc-ipv6-eip: /);
    expect(r.stderr).not.toContain(wrong);
  });

  it("missing credentials exit 3 and name what to set", async () => {
    const r = await cli(f, ["list"], { env: {} });
    expect(r.code).toBe(ExitCode.Config);
    expect(r.stderr).toMatch(/OS_PASSWORD|OS_ACCESS_KEY|OS_TOKEN/);
  });
});

describe("otc-ipv6-eip orphans --delete against the emulator", () => {
  let f: CliEmulator;
  beforeAll(async () => {
    f = await startCliEmulator();
  });
  afterAll(async () => {
    await f?.emulator.close();
  });

  it("refuses without --yes when stdin is not a terminal, releasing nothing", async () => {
    const r = await cli(f, ["orphans", "--delete"], { stdinIsTty: false });
    expect(r.code).toBe(ExitCode.Usage);
    expect(r.stderr).toMatch(/Pass --yes/);
    expect(f.emulator.state().ipv6).toHaveLength(7);
  });

  it("releases nothing when the confirmation is declined", async () => {
    const r = await cli(f, ["orphans", "--delete"], { stdinIsTty: true, answer: "no" });
    expect(r.code).toBe(ExitCode.Failure);
    expect(f.emulator.state().ipv6).toHaveLength(7);
  });

  it("--older-than 7d --delete --yes releases only the old orphans", async () => {
    const r = await cli(f, ["orphans", "--older-than", "7d", "--delete", "--yes"]);
    expect(r.code).toBe(ExitCode.Ok);
    for (const id of f.oldUnbound) expect(r.stdout).toMatch(new RegExp(`^Released ${id}`, "m"));
    expect(
      f.emulator
        .state()
        .ipv6.map((e) => e.id)
        .sort(),
    ).toEqual([...f.bound, ...f.freshUnbound].sort());
  });

  it("--delete after a confirmation releases every orphan and leaves the bound EIPs alone", async () => {
    const r = await cli(f, ["orphans", "--delete", "--json"], { stdinIsTty: true, answer: "yes" });
    expect(r.code).toBe(ExitCode.Ok);
    expect(r.questions).toHaveLength(1);
    const outcome = JSON.parse(r.stdout);
    expect(outcome.released.map((v: { id: string }) => v.id).sort()).toEqual(
      [...f.freshUnbound].sort(),
    );
    expect(outcome.failed).toEqual([]);
    const left = f.emulator.state().ipv6;
    expect(left.map((e) => e.id).sort()).toEqual([...f.bound].sort());
    expect(left.every((e) => e.port_id !== null && e.status === "ACTIVE")).toBe(true);
    expect(f.emulator.counts()["DELETE /v2.0/eip/floatingips_v6/{id}"]).toBe(5);
  });

  it("then finds nothing to release", async () => {
    const r = await cli(f, ["orphans", "--delete", "--yes"]);
    expect(r).toMatchObject({ code: 0, stdout: "No unbound IPv6 EIPs: nothing to release.\n" });
  });
});

describe("no credential in any output", () => {
  it("appears in none of the runs above, not even masked", () => {
    expect(outputs.length).toBeGreaterThan(20);
    for (const r of outputs) {
      for (const text of [r.stdout, r.stderr, ...r.questions]) {
        for (const secret of Object.values(CREDENTIALS)) expect(text).not.toContain(secret);
        // The output filter would print "[redacted]": it must never have had anything to mask.
        expect(text).not.toContain("[redacted]");
      }
    }
  });
});
