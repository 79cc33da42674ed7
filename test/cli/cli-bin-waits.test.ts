/**
 * Every command of the built bin, made to wait before a retry (a 429 with `Retry-After`, a 503):
 * each must come back with the right answer, never exit 0 with no output while the retry is
 * pending. Against a refused connection, an unresolvable host or a throttle that does not end,
 * each must end non-zero with a message once `--timeout` is spent. `npm test` builds first; run
 * `npm run build` before running this file alone.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TargetedFault } from "../emulator";
import type { CliEmulator } from "./emulator-fixture";
import { startCliEmulator } from "./emulator-fixture";
import type { BinRun } from "./run-bin";
import { requireBuiltBin, runBin } from "./run-bin";

jest.setTimeout(120_000);

let home: string;

beforeAll(() => {
  requireBuiltBin();
  home = mkdtempSync(join(tmpdir(), "otc-cli-waits-"));
});

afterAll(() => {
  if (home) rmSync(home, { recursive: true, force: true });
});

/** The faults that make the client wait and retry; each hits the first matching VPC request. */
const WAITS: Record<string, Omit<TargetedFault, "path" | "method">> = {
  "a 429 with Retry-After": { kind: "throttle", retryAfterSeconds: 1 },
  "a 503": { kind: "server-error", status: 503 },
};

describe.each(Object.entries(WAITS))("after %s, every command answers", (_name, wait) => {
  let f: CliEmulator;

  beforeAll(async () => {
    f = await startCliEmulator();
  });

  afterAll(async () => {
    await f?.emulator.close();
  });

  /** Runs the bin with the fault armed on the first request matching `method` and `path`. */
  async function runWaiting(argv: string[], method?: string, path = "/v2.0/*"): Promise<BinRun> {
    f.emulator.resetLog();
    f.emulator.setFaults({ next: [{ ...wait, path, ...(method ? { method } : {}) }] });
    const r = await runBin([...argv, ...f.flags], f.env, home);
    // The fault really happened and was answered by a retry of the same request.
    const log = f.emulator.requestLog();
    const faulted = log.findIndex((e) => e.fault === wait.kind);
    expect(faulted).toBeGreaterThanOrEqual(0);
    expect(log.slice(faulted + 1).some((e) => e.key === log[faulted]?.key)).toBe(true);
    return r;
  }

  it("list", async () => {
    const r = await runWaiting(["list", "--json"]);
    expect(r).toMatchObject({ code: 0, stderr: "" });
    expect(JSON.parse(r.stdout)).toHaveLength(7);
  });

  it("show", async () => {
    const id = f.bound[0] ?? "";
    const r = await runWaiting(["show", id, "--json"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ id });
  });

  it("nic on an occupied NIC exits 5, never 0", async () => {
    const r = await runWaiting(["nic", f.ports[0] ?? ""], undefined, "/v2.0/eip/*");
    expect(r.code).toBe(5);
    expect(r.stdout).toMatch(/already holds an EIP/);
  });

  it("nic on a free NIC exits 0 with its verdict", async () => {
    const r = await runWaiting(["nic", f.ports[3] ?? "", "--json"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ hasEip: false });
  });

  it("orphans", async () => {
    const r = await runWaiting(["orphans", "--json"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toHaveLength(5);
  });

  it("orphans --delete --yes, the wait on a release", async () => {
    const r = await runWaiting(["orphans", "--delete", "--yes", "--json"], "DELETE");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ skipped: [], failed: [] });
    expect(JSON.parse(r.stdout).released).toHaveLength(5);
    expect(f.emulator.state().ipv6).toHaveLength(2);
  });
});

/**
 * Every command, with what it needs to reach OTC (orphans --delete finds nothing to release).
 * `doctor` reports such failures as failed checks (exit 6): doctor-and-adopt.test.ts.
 */
function everyCommand(f: CliEmulator): string[][] {
  return [
    ["list"],
    ["show", f.bound[0] ?? ""],
    ["show", "192.19.128.150"],
    ["nic", f.ports[3] ?? ""],
    ["orphans"],
    ["orphans", "--delete", "--yes"],
    ["adopt", f.bound[0] ?? ""],
  ];
}

/** A 127.0.0.1 port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe("when OTC never answers well, every command ends non-zero with a message", () => {
  let f: CliEmulator;

  beforeAll(async () => {
    f = await startCliEmulator();
  });

  afterAll(async () => {
    await f?.emulator.close();
  });

  it("a refused connection (the VPC endpoint)", async () => {
    const vpc = `http://127.0.0.1:${await closedPort()}`;
    for (const argv of everyCommand(f)) {
      const r = await runBin(
        [...argv, "--timeout", "2s", "--auth-url", f.emulator.authUrl, "--vpc-endpoint", vpc],
        { ...f.env, OS_REGION_NAME: f.emulator.region },
        home,
      );
      expect({ argv, code: r.code, stdout: r.stdout }).toEqual({ argv, code: 1, stdout: "" });
      expect(r.stderr).toMatch(/^otc-ipv6-eip: .*ECONNREFUSED.*Check the endpoint URL/);
    }
  });

  it("an unresolvable host (the VPC endpoint), for nic and list", async () => {
    // A reserved name (RFC 2606) that never resolves; HTTPS, since plain HTTP is loopback-only.
    // The same retry path as a refused connection (tested above for every command), so two
    // commands suffice: the pre-bind check and a listing.
    const vpc = "https://vpc.no-such-host.invalid";
    for (const argv of [["nic", f.ports[3] ?? ""], ["list"]]) {
      const r = await runBin(
        [...argv, "--timeout", "2s", "--auth-url", f.emulator.authUrl, "--vpc-endpoint", vpc],
        { ...f.env, OS_REGION_NAME: f.emulator.region },
        home,
      );
      expect({ argv, code: r.code, stdout: r.stdout }).toEqual({ argv, code: 1, stdout: "" });
      expect(r.stderr).toMatch(/^otc-ipv6-eip: .*(ENOTFOUND|EAI_AGAIN).*Check the endpoint URL/);
    }
  });

  it("a refused connection (IAM, before the first VPC call)", async () => {
    const iam = `http://127.0.0.1:${await closedPort()}/v3`;
    const r = await runBin(
      ["nic", f.ports[0] ?? "", "--timeout", "2s", "--auth-url", iam],
      { ...f.env, OS_REGION_NAME: f.emulator.region, OTC_VPC_ENDPOINT: f.emulator.vpcEndpoint },
      home,
    );
    expect(r).toMatchObject({ code: 1, stdout: "" });
    expect(r.stderr).toMatch(/ECONNREFUSED/);
  });

  it("a throttle that does not end", async () => {
    for (const argv of everyCommand(f)) {
      f.emulator.setFaults({ next: [{ kind: "throttle", path: "/v2.0/*", count: 10_000 }] });
      const r = await runBin([...argv, "--timeout", "2s", ...f.flags], f.env, home);
      expect({ argv, code: r.code, stdout: r.stdout }).toEqual({ argv, code: 1, stdout: "" });
      expect(r.stderr).toMatch(/^otc-ipv6-eip: .*429/);
    }
    f.emulator.setFaults({});
    expect(f.emulator.state().ipv6).toHaveLength(7);
  });
});
