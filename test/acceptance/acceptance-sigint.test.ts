/**
 * SIGINT mid-run (Ctrl+C, or a cancelled CI job): the run stops, sweeps, and leaves nothing of
 * its own behind — here interrupted while the provider's create waits for the bind, so the
 * create's answer never reached the run and the sweeper must find the EIP by its NIC.
 */
import { startEmulator } from "../emulator";
import type { Emulator } from "../emulator";
import { sharedUserProject } from "../harness";
import { Ledger } from "./ledger";
import { INTERRUPTED_EXIT } from "./run-acceptance";
import {
  emulatorEipIds,
  emulatorEnv,
  readReport,
  runFolder,
  seedForeignEips,
  startAcceptance,
  stopAcceptanceChildren,
} from "./helpers/acceptance-run";

jest.setTimeout(240_000);

describe("the acceptance run interrupted with SIGINT", () => {
  let emulator: Emulator;
  let folder: Awaited<ReturnType<typeof runFolder>>;

  beforeAll(async () => {
    // Binds take 4 s here, so the interrupt lands while the provider waits for its create.
    emulator = await startEmulator({ https: true, bindDelayMs: 4000 });
    folder = await runFolder();
  });

  afterAll(async () => {
    stopAcceptanceChildren();
    await emulator?.close();
    await folder?.remove();
  });

  it("sweeps what it made, including an EIP whose create answer it never read", async () => {
    const projectDir = await sharedUserProject();
    const ecs = emulator.ports.filter((p) => p.kind === "ecs").map((p) => p.id);
    const foreign = await seedForeignEips(emulator, { ipv6: ecs[2]!, ipv4: ecs[3]! });
    emulator.resetLog();
    const run = startAcceptance(
      emulatorEnv(emulator, [ecs[0]!], {
        OTC_ACCEPTANCE: "1",
        OTC_ACCEPTANCE_LEDGER: folder.ledger,
        OTC_ACCEPTANCE_REPORT: folder.report,
        OTC_ACCEPTANCE_PROJECT_DIR: projectDir,
      }),
    );
    await run.waitForLine(/^ok {3}guard: an IPv4 EIP already on the NIC/);
    // The create step starts now: wait until its POST reached the emulator, then interrupt.
    for (let i = 0; i < 600 && !(emulator.counts()["POST /v2.0/eip/floatingips_v6"] ?? 0); i++) {
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(emulator.state().ipv6.some((e) => e.port_id === ecs[0])).toBe(true);
    run.child.kill("SIGINT");

    expect(await run.exited).toBe(INTERRUPTED_EXIT);
    const report = await readReport(folder.report);
    expect(report.result).toBe("interrupted");
    expect(report.sweep?.failed).toEqual([]);
    expect(report.sweep?.released.map((r) => r.purpose)).toEqual([
      "Ipv6Eip created by the provider",
    ]);
    expect(report.steps.find((s) => s.name === "destroy: delete")?.detail).toMatch(
      /^not run: interrupted/,
    );
    expect(emulatorEipIds(emulator)).toEqual([...foreign].sort());
    expect(Ledger.open(folder.ledger).open()).toEqual([]);
  });
});
