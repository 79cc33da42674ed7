/**
 * Every command of the built bin, made to wait before a retry (a 429 with `Retry-After`, a 503):
 * each must come back with the right answer, never exit 0 with no output while the retry is
 * pending. `npm test` builds first; run `npm run build` before running this file alone.
 */
import { mkdtempSync, rmSync } from "node:fs";
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
