/**
 * What the emulator gained to ship in the package: the quota call, IPv6 EIPs made through the
 * control endpoint (bound or unbound, of any age), a region without the IPv6 API, an environment
 * block with one identity, and a CLI that stops when the process that started it goes away.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { startEmulator } from "./index";
import type { Emulator } from "./types";
import { call, control } from "./helpers/emulator-client";

const V6 = "/v2.0/eip/floatingips_v6";
const AKSK = { format: "credential" } as const;

describe("quotas, control-made IPv6 EIPs, a hidden IPv6 API", () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startEmulator({ quota: 7 });
  });
  afterAll(() => emu.close());

  it("answers the floatingIp quota, counting both families", async () => {
    const path = `/v1/${emu.projectId}/quotas`;
    const before = await call(emu, { path: `${path}?type=floatingIp`, aksk: AKSK });
    expect(before.status).toBe(200);
    expect(before.json).toEqual({
      quotas: { resources: [{ type: "floatingIp", used: 0, quota: 7, min: 0 }] },
    });
    emu.createIpv4Eip();
    emu.createIpv6Eip();
    const after = await call(emu, { path: `${path}?type=floatingIp`, aksk: AKSK });
    expect(after.json.quotas.resources[0].used).toBe(2);
    const other = await call(emu, {
      path: `/v1/${"f".repeat(32)}/quotas?type=floatingIp`,
      aksk: AKSK,
    });
    expect(other.status).toBe(400);
  });

  it("makes IPv6 EIPs through the control endpoint: bound and settled, or unbound and old", async () => {
    const port = emu.ports.find((p) => p.kind === "ecs")?.id ?? "";
    const bound = await control(emu, "POST", "ipv6-eips", { port_id: port });
    expect(bound.status).toBe(201);
    const old = await control(emu, "POST", "ipv6-eips", { age_seconds: 10 * 86400 });
    expect(old.status).toBe(201);
    const shown = await call(emu, { path: `${V6}/${bound.json.id}`, aksk: AKSK });
    expect(shown.json.floatingip).toMatchObject({ status: "ACTIVE", port_id: port });
    const aged = emu.state().ipv6.find((e) => e.id === old.json.id);
    expect(aged?.port_id).toBeNull();
    const ageMs = Date.now() - Date.parse(`${aged?.created_at ?? ""}Z`);
    expect(ageMs).toBeGreaterThanOrEqual(10 * 86400 * 1000 - 60_000);
    const refused = await control(emu, "POST", "ipv6-eips", { age_seconds: -1 });
    expect(refused.status).toBe(400);
  });

  it("answers the gateway's 404 APIG.0101 for the IPv6 API when the region lacks it", async () => {
    const without = await startEmulator({
      hiddenPaths: [{ path: "/v2.0/eip/floatingips_v6*", as: "gateway" }],
    });
    try {
      const list = await call(without, { path: V6, aksk: AKSK });
      expect(list.status).toBe(404);
      expect(list.json.error_code).toBe("APIG.0101");
      expect((await call(without, { path: "/v2.0/floatingips", aksk: AKSK })).status).toBe(200);
    } finally {
      await without.close();
    }
  });
});

describe("the emulator CLI", () => {
  const cli = join(__dirname, "cli.ts");
  const root = join(__dirname, "..", "..");

  function isAlive(pid: number): boolean {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  }

  it("prints one identity in its environment block", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", cli], {
      cwd: root,
      stdio: ["ignore", "pipe", "pipe"],
    });
    const seen: string[] = [];
    try {
      await new Promise<void>((resolve) =>
        createInterface({ input: child.stdout }).on("line", (line) => {
          seen.push(line);
          if (line.startsWith("Stop with")) resolve();
        }),
      );
    } finally {
      child.kill("SIGTERM");
    }
    const exports = seen.filter((l) => /^\s*export /.test(l)).join("\n");
    expect(exports).toMatch(/export OS_ACCESS_KEY=/);
    expect(exports).not.toMatch(/OS_PASSWORD|OS_USERNAME/);
    // The password identity is offered only as a commented alternative.
    expect(seen.join("\n")).toMatch(
      /^\s*#.*unset OS_ACCESS_KEY OS_SECRET_KEY; export .*OS_PASSWORD=/m,
    );
  });

  it("stops when the process that started it is killed", async () => {
    // A parent shell that starts the emulator in the background and prints its pid, like npm run;
    // the emulator's first line goes to a file, so the test knows when it serves.
    const dir = mkdtempSync(join(tmpdir(), "otc-emu-parent-"));
    const out = join(dir, "out.json");
    const script = `node --import tsx ${JSON.stringify(cli)} --json > ${JSON.stringify(out)} & echo $!; wait`;
    const parent = spawn("sh", ["-c", script], { cwd: root, stdio: ["ignore", "pipe", "inherit"] });
    const pid = Number(
      await new Promise<string>((resolve) =>
        createInterface({ input: parent.stdout }).once("line", resolve),
      ),
    );
    try {
      // Bounded wait until it serves (its connection line is written), then kill only the parent.
      const serving = () => existsSync(out) && readFileSync(out, "utf8").includes("\n");
      for (let i = 0; i < 200 && !serving(); i++) await new Promise((r) => setTimeout(r, 100));
      expect(serving()).toBe(true);
      const url = (JSON.parse(readFileSync(out, "utf8")) as { url: string }).url;
      expect((await fetch(`${url}/__emulator/info`)).status).toBe(200);
      parent.kill("SIGKILL");
      for (let i = 0; i < 100 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
      expect(isAlive(pid)).toBe(false);
    } finally {
      parent.kill("SIGKILL");
      if (isAlive(pid)) process.kill(pid, "SIGKILL");
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
