/**
 * The acceptance run against the emulator over HTTPS, as if it were the real cloud (connection in
 * `OS_*`, CA in `OS_CACERT`): every step passes, the observations match the emulator's declared
 * answers with no difference, the counts in the report are the requests the emulator received,
 * the report holds no credential, and the sweeper leaves nothing of the run behind while EIPs
 * that are not the run's stay untouched. A busy port is refused before anything is created.
 */
import { readFile } from "node:fs/promises";
import { startEmulator } from "../emulator";
import type { Emulator } from "../emulator";
import { sharedUserProject } from "../harness";
import { Ledger } from "./ledger";
import {
  emulatorEipIds,
  emulatorEnv,
  readReport,
  runFolder,
  seedForeignEips,
  startAcceptance,
  stopAcceptanceChildren,
} from "./helpers/acceptance-run";
import type { AcceptanceReportData } from "./acceptance-report";

jest.setTimeout(240_000);

/** The style the emulator answers in here: the API reference's own examples. */
const STYLE = "documented";

describe("the acceptance run against the HTTPS emulator (documented answer style)", () => {
  let emulator: Emulator;
  let projectDir: string;
  let folder: Awaited<ReturnType<typeof runFolder>>;
  let foreign: string[];
  let report: AcceptanceReportData;
  let code: number | null;
  let requestsSeen: number;
  let ports: string[];
  let stdout: string;

  beforeAll(async () => {
    projectDir = await sharedUserProject();
    emulator = await startEmulator({ https: true, bindDelayMs: 100, answerStyle: STYLE });
    folder = await runFolder();
    const ecs = emulator.ports.filter((p) => p.kind === "ecs").map((p) => p.id);
    const elb = emulator.ports.find((p) => p.kind === "elb")!.id;
    ports = [ecs[0]!, ecs[1]!];
    foreign = await seedForeignEips(emulator, { ipv6: ecs[2]!, ipv4: ecs[3]! });
    emulator.resetLog();
    const run = startAcceptance(
      emulatorEnv(emulator, ports, {
        OTC_ACCEPTANCE: "1",
        OTC_ACCEPTANCE_ELB_PORT: elb,
        OTC_ACCEPTANCE_LEDGER: folder.ledger,
        OTC_ACCEPTANCE_REPORT: folder.report,
        OTC_ACCEPTANCE_PROJECT_DIR: projectDir,
        OTC_ACCEPTANCE_EMULATOR_STYLE: STYLE,
      }),
    );
    code = await run.exited;
    stdout = run.lines.join("\n");
    if (code !== 0) console.error(`${stdout}\n${run.stderr()}`);
    requestsSeen = Object.values(emulator.counts()).reduce((a, b) => a + b, 0);
    report = await readReport(folder.report);
  });

  afterAll(async () => {
    stopAcceptanceChildren();
    await emulator?.close();
    await folder?.remove();
  });

  it("passes every step, the CLI's doctor included", () => {
    expect(code).toBe(0);
    expect(report.result).toBe("passed");
    expect(report.steps.filter((s) => s.status !== "passed").map((s) => s.name)).toEqual([]);
    expect(report.steps.map((s) => s.name)).toEqual([
      "preflight: the target and free ports",
      "preview: check a new Ipv6Eip",
      "guard: an IPv4 EIP already on the NIC",
      "up: create the IPv6 EIP bound",
      "the derived IPv4 (NAT64 twin)",
      "guard: a second IPv6 EIP on the NIC",
      "up: rebind to the second port",
      "refresh",
      "refresh after an out-of-band unbind",
      "destroy: delete",
      "adopt an existing IPv6 EIP (adoptId)",
      "cli: list",
      "cli: show (by the NAT64 IPv4)",
      "cli: nic",
      "cli: doctor",
      "destroy with retainOnDelete, then release the adopted EIP",
      "an IPv6 EIP on the ELB VIP port",
    ]);
  });

  it("lists no difference between what it observed and what the emulator declares", () => {
    expect(report.comparison?.styles).toEqual([STYLE]);
    expect(report.comparison?.differences).toEqual([]);
    expect(report.comparison?.notObserved).toEqual([]);
    expect(report.observations.length).toBeGreaterThanOrEqual(16);
  });

  it("counts exactly the requests the emulator received (the provider's, the CLI's and its own)", () => {
    expect(report.totals.providerCalls).toBeGreaterThan(0);
    expect(report.totals.runCalls).toBeGreaterThan(0);
    expect(report.totals.providerCalls + report.totals.runCalls).toBe(requestsSeen);
    const create = report.steps.find((s) => s.name === "up: create the IPv6 EIP bound")!;
    expect(create.providerCalls["POST /v2.0/eip/floatingips_v6"]).toBe(1);
  });

  it("reports the bind times it observed, each from the shows it took", () => {
    const what = report.bindTimings.map((t) => t.what);
    expect(what).toEqual(
      expect.arrayContaining([
        "IPv6 bind → ACTIVE",
        "IPv6 unbind → DOWN",
        "IPv6 create bound → ACTIVE",
      ]),
    );
    for (const t of report.bindTimings.filter((b) => b.what.startsWith("IPv")))
      expect(t.shows).toBeGreaterThanOrEqual(1);
  });

  it("leaves nothing of its own behind and never touches EIPs that are not its own", () => {
    expect(emulatorEipIds(emulator)).toEqual([...foreign].sort());
    expect(report.sweep?.failed).toEqual([]);
    const entries = Ledger.open(folder.ledger).entries();
    expect(entries.length).toBeGreaterThanOrEqual(5);
    expect(entries.filter((e) => e.closed === undefined)).toEqual([]);
    for (const id of foreign) expect(entries.some((e) => e.id === id)).toBe(false);
  });

  it("writes no credential into the report or its output", async () => {
    const text = await readFile(folder.report, "utf8");
    for (const secret of [emulator.password, emulator.secretKey, emulator.accessKey]) {
      expect(text).not.toContain(secret);
      expect(stdout).not.toContain(secret);
    }
    expect(text).not.toMatch(/x-auth-token|authorization/i);
  });

  it("refuses a port that already holds an EIP, before creating anything", async () => {
    const busy = emulator.ports.filter((p) => p.kind === "ecs")[2]!.id; // holds a foreign IPv6 EIP
    emulator.resetLog();
    const again = await runFolder();
    try {
      const run = startAcceptance(
        emulatorEnv(emulator, [ports[0]!, busy], {
          OTC_ACCEPTANCE: "1",
          OTC_ACCEPTANCE_LEDGER: again.ledger,
          OTC_ACCEPTANCE_REPORT: again.report,
          OTC_ACCEPTANCE_PROJECT_DIR: projectDir,
        }),
      );
      expect(await run.exited).toBe(1);
      const refused = await readReport(again.report);
      expect(refused.steps[0]?.status).toBe("failed");
      expect(refused.steps[0]?.detail).toContain(
        `port ${busy} (OTC_ACCEPTANCE_PORTS) already holds IPv6 EIP ${foreign[0]}`,
      );
      expect(refused.steps.slice(1).every((s) => s.status === "skipped")).toBe(true);
      const mutations = Object.entries(emulator.counts()).filter(([k]) =>
        /^(POST|PUT|DELETE) \/v2/.test(k),
      );
      expect(mutations).toEqual([]);
      expect(emulatorEipIds(emulator)).toEqual([...foreign].sort());
    } finally {
      await again.remove();
    }
  });
});
