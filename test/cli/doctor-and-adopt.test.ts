/**
 * `doctor`, `adopt` and the "no stack" column through the built bin against the emulator: each
 * doctor check passes where it should and fails with its fix where it should, exit 0 only when all
 * pass; adopt prints the program to paste. `npm test` builds first; run `npm run build` alone.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Emulator } from "../emulator";
import { startEmulator } from "../emulator";
import { CREDENTIALS } from "./emulator-fixture";
import type { BinRun } from "./run-bin";
import { requireBuiltBin, runBin } from "./run-bin";

jest.setTimeout(120_000);

interface Check {
  name: string;
  status: "pass" | "fail" | "skip";
  detail: string;
  fix?: string;
}

/** An emulator on the real clock: one bound EIP, two unbound three days old, one unbound new. */
interface Seeded {
  emulator: Emulator;
  akskEnv: Record<string, string>;
  bound: string[];
  oldUnbound: string[];
}

let home: string;
let f: Seeded;
const outputs: BinRun[] = [];

async function seed(): Promise<Seeded> {
  const emulator = await startEmulator({ credentials: CREDENTIALS });
  const port = emulator.ports.find((p) => p.kind === "ecs")?.id;
  const bound = [emulator.createIpv6Eip(port).id];
  const oldUnbound = [
    emulator.createIpv6Eip(undefined, 3 * 86400).id,
    emulator.createIpv6Eip(undefined, 3 * 86400).id,
  ];
  emulator.createIpv6Eip();
  return {
    emulator,
    bound,
    oldUnbound,
    akskEnv: {
      OS_ACCESS_KEY: emulator.accessKey,
      OS_SECRET_KEY: emulator.secretKey,
      OS_PROJECT_ID: emulator.projectId,
      OS_AUTH_URL: emulator.authUrl,
      OS_REGION_NAME: emulator.region,
      OTC_VPC_ENDPOINT: emulator.vpcEndpoint,
    },
  };
}

async function bin(argv: string[], env: Record<string, string> = f.akskEnv): Promise<BinRun> {
  const r = await runBin(argv, env, home);
  outputs.push(r);
  return r;
}

function checks(r: BinRun): Record<string, Check> {
  const report = JSON.parse(r.stdout) as { checks: Check[] };
  return Object.fromEntries(report.checks.map((c) => [c.name, c]));
}

beforeAll(async () => {
  requireBuiltBin();
  home = mkdtempSync(join(tmpdir(), "otc-cli-doctor-"));
  f = await seed();
});

afterAll(async () => {
  await f?.emulator.close();
  if (home) rmSync(home, { recursive: true, force: true });
});

describe("doctor", () => {
  it("passes every check, naming where each setting came from; exit 0", async () => {
    const r = await bin(["doctor", "--json"]);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.ok).toBe(true);
    expect(Object.values(checks(r)).map((c) => [c.name, c.status])).toEqual([
      ["settings", "pass"],
      ["VPC endpoint", "pass"],
      ["IAM endpoint", "pass"],
      ["clock", "pass"],
      ["credentials", "pass"],
      ["IPv6 EIP API", "pass"],
      ["external network", "pass"],
      ["EIP quota", "pass"],
    ]);
    expect(checks(r)["EIP quota"]?.detail).toMatch(/^4 of 50 used/);
    expect(report.settings).toContainEqual({
      setting: "VPC endpoint",
      value: f.emulator.vpcEndpoint,
      from: "OTC_VPC_ENDPOINT",
    });
    const text = await bin(["doctor", "--region", f.emulator.region]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^ {2}region\s+eu-de\s+from --region$/m);
    expect(text.stdout).toMatch(/All checks passed/);
  });

  it("fails the credentials with their fix and skips what needs them; exit 6", async () => {
    const r = await bin(["doctor", "--json"], { ...f.akskEnv, OS_SECRET_KEY: "not-the-key" });
    expect(r.code).toBe(6);
    const c = checks(r);
    expect(c["credentials"]).toMatchObject({
      status: "fail",
      fix: expect.stringMatching(/OS_SECRET_KEY/),
    });
    expect(c["credentials"]?.detail).not.toMatch(/otc:/);
    expect(c["IPv6 EIP API"]?.status).toBe("skip");
    expect(c["EIP quota"]?.status).toBe("skip");
  });

  it("tells the gateway's 404 APIG.0101 (no IPv6 API in the region) from an empty list", async () => {
    f.emulator.hidePaths([{ path: "/v2.0/eip/floatingips_v6*", as: "gateway" }]);
    try {
      const r = await bin(["doctor", "--json"]);
      expect(r.code).toBe(6);
      expect(checks(r)["IPv6 EIP API"]).toMatchObject({
        status: "fail",
        detail: expect.stringMatching(/not published in eu-de: .*404 APIG\.0101/),
      });
      expect(checks(r)["credentials"]?.status).toBe("pass");
    } finally {
      f.emulator.hidePaths([]);
    }
  });

  it("fails on missing settings, naming the variables, and skips the rest", async () => {
    const r = await bin(["doctor", "--json"], {});
    expect(r.code).toBe(6);
    const c = checks(r);
    expect(c["settings"]?.status).toBe("fail");
    expect(c["settings"]?.detail).toMatch(/OS_REGION_NAME/);
    expect(c["settings"]?.detail).not.toMatch(/otc:/);
    expect(Object.values(c).filter((x) => x.status === "skip")).toHaveLength(7);
  });

  it("fails an unreachable VPC endpoint with the network fix", async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as AddressInfo).port;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const r = await bin(["doctor", "--json", "--vpc-endpoint", `http://127.0.0.1:${port}`]);
    expect(r.code).toBe(6);
    expect(checks(r)["VPC endpoint"]).toMatchObject({
      status: "fail",
      detail: expect.stringMatching(/unreachable: .*ECONNREFUSED/),
    });
  });

  describe("against a project at its quota, with a clock 20 minutes off", () => {
    let small: Emulator;
    let env: Record<string, string>;
    beforeAll(async () => {
      small = await startEmulator({ quota: 2 });
      small.createIpv6Eip();
      small.createIpv4Eip();
      env = {
        OS_ACCESS_KEY: small.accessKey,
        OS_SECRET_KEY: small.secretKey,
        OS_PROJECT_ID: small.projectId,
        OS_AUTH_URL: small.authUrl,
        OS_REGION_NAME: small.region,
        OTC_VPC_ENDPOINT: small.vpcEndpoint,
      };
    });
    afterAll(() => small?.close());

    it("fails the quota with VPC.0521 and the fix", async () => {
      const r = await bin(["doctor", "--json"], env);
      expect(r.code).toBe(6);
      expect(checks(r)["EIP quota"]).toMatchObject({
        status: "fail",
        detail: expect.stringMatching(/^2 of 2 used .*VPC\.0521/),
        fix: expect.stringMatching(/orphans/),
      });
    });

    it("fails the clock against OTC's Date header", async () => {
      small.advanceClock(20 * 60);
      const r = await bin(["doctor", "--json"], env);
      expect(r.code).toBe(6);
      expect(checks(r)["clock"]).toMatchObject({
        status: "fail",
        detail: expect.stringMatching(/^20 min behind OTC's clock/),
        fix: expect.stringMatching(/NTP/),
      });
    });
  });
});

describe("doctor and adopt after a wait, and when the wait never ends", () => {
  // The same class of bug the other commands are tested for (cli-bin-waits.test.ts): a command
  // must never end while a retry is pending, and never with exit 0 without its answer.
  afterEach(() => f.emulator.setFaults({}));

  it.each([
    ["a 429 with Retry-After", { kind: "throttle", retryAfterSeconds: 1 }],
    ["a 503", { kind: "server-error", status: 503 }],
  ] as const)(
    "after %s on the first VPC call, doctor passes every check; exit 0",
    async (_n, wait) => {
      f.emulator.resetLog();
      f.emulator.setFaults({ next: [{ ...wait, path: "/v2.0/*" }] });
      const r = await bin(["doctor", "--json"]);
      expect(f.emulator.requestLog().some((e) => e.fault === wait.kind)).toBe(true);
      expect(r.code).toBe(0);
      expect(Object.values(checks(r)).filter((c) => c.status !== "pass")).toEqual([]);
    },
  );

  it("after a 429 on its look-up, adopt prints the program; exit 0", async () => {
    f.emulator.resetLog();
    f.emulator.setFaults({ next: [{ kind: "throttle", retryAfterSeconds: 1, path: "/v2.0/*" }] });
    const r = await bin(["adopt", f.bound[0] ?? "", "--json"]);
    expect(f.emulator.requestLog().some((e) => e.fault === "throttle")).toBe(true);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ eip: { id: f.bound[0] } });
  });

  it("a throttle that does not end: doctor fails the check with the 429 (exit 6), adopt exits 1", async () => {
    f.emulator.setFaults({ next: [{ kind: "throttle", path: "/v2.0/*", count: 10_000 }] });
    const doctor = await bin(["doctor", "--json", "--timeout", "2s"]);
    expect(doctor.code).toBe(6);
    const failed = Object.values(checks(doctor)).filter((c) => c.status === "fail");
    expect(failed.map((c) => c.detail).join("\n")).toMatch(/429/);
    const adopt = await bin(["adopt", f.bound[0] ?? "", "--timeout", "2s"]);
    expect({ code: adopt.code, stdout: adopt.stdout }).toEqual({ code: 1, stdout: "" });
    expect(adopt.stderr).toMatch(/^otc-ipv6-eip: .*429/);
  });
});

describe("adopt", () => {
  it("prints the Ipv6Eip with adoptId and the EIP's current NIC, and the pulumi commands", async () => {
    const target = f.emulator.state().ipv6.find((e) => e.id === f.bound[0]);
    if (!target) throw new Error("seeded EIP missing");
    const r = await bin(["adopt", target.floating_ip_address, "--name", "web-ipv6"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('const webIpv6 = new Ipv6Eip(\n  "web-ipv6",');
    expect(r.stdout).toContain(`adoptId: "${target.id}",`);
    expect(r.stdout).toContain(`portId: "${target.port_id ?? ""}",`);
    expect(r.stdout).toMatch(/^ {2}pulumi preview/m);
    expect(r.stdout).toMatch(/^ {2}pulumi up/m);
  });

  it("leaves portId out for an unbound EIP; --json; exit 4 when nothing matches", async () => {
    const id = f.oldUnbound[0] ?? "";
    const r = await bin(["adopt", id, "--json"]);
    expect(r.code).toBe(0);
    const parsed = JSON.parse(r.stdout);
    expect(parsed.eip.id).toBe(id);
    expect(parsed.snippet).not.toContain("portId:");
    expect(parsed.commands).toEqual(["pulumi preview", "pulumi up"]);
    const missing = await bin(["adopt", "10.9.8.7"]);
    expect(missing.code).toBe(4);
  });
});

it("list and orphans mark the EIPs no stack is likely to know (unbound, over a day old)", async () => {
  const list = await bin(["list", "--json"]);
  const marked = (JSON.parse(list.stdout) as { id: string; likelyOrphan: boolean }[])
    .filter((v) => v.likelyOrphan)
    .map((v) => v.id)
    .sort();
  expect(marked).toEqual([...f.oldUnbound].sort());
  const orphans = await bin(["orphans"]);
  expect(orphans.stdout).toMatch(/NO STACK\?/);
  expect(orphans.stdout.match(/ likely$/gm)).toHaveLength(2);
  expect(orphans.stdout).toMatch(/^3 unbound IPv6 EIPs:/);
});

it("never prints a credential", () => {
  expect(outputs.length).toBeGreaterThan(8);
  for (const r of outputs) {
    for (const secret of Object.values(CREDENTIALS)) {
      expect(r.stdout + r.stderr).not.toContain(secret);
    }
    expect(r.stdout + r.stderr).not.toContain("not-the-key");
  }
});
