/**
 * The sweeper against the emulator: it releases exactly what the ledger records — by id, or an
 * intent's EIP found on its NIC after the intent — confirms each with OTC's not-found, keeps an
 * entry open when a release fails (a later sweep finishes it), and touches nothing else.
 */
import { appendFileSync, mkdtempSync, rmSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { startEmulator } from "../emulator";
import type { Emulator } from "../emulator";
import { call } from "../emulator/helpers/emulator-client";
import { Ledger } from "./ledger";
import { ProbeSession } from "./probe-session";
import { sweep } from "./sweeper";

const QUICK = { intentLookupsMs: [0, 20] };

describe("the sweeper", () => {
  let emulator: Emulator;
  let session: ProbeSession;
  let dir: string;
  let ports: string[];

  async function createIpv6(portId: string | null): Promise<string> {
    const made = await call(emulator, {
      method: "POST",
      path: "/v2.0/eip/floatingips_v6",
      body: {
        floatingip: {
          floating_network_id: emulator.externalNetworkId,
          ...(portId ? { port_id: portId } : {}),
        },
      },
      aksk: { format: "credential" },
    });
    if (made.status !== 200) throw new Error(made.text);
    return String(made.json.floatingip.id);
  }

  const ids = (): string[] =>
    [...emulator.state().ipv6, ...emulator.state().ipv4].map((e) => e.id).sort();

  beforeEach(async () => {
    emulator = await startEmulator({ bindDelayMs: 30 });
    ports = emulator.ports.filter((p) => p.kind === "ecs").map((p) => p.id);
    dir = mkdtempSync(path.join(os.tmpdir(), "otc-sweeper-test-"));
    session = await ProbeSession.open(
      {
        OS_AUTH_URL: emulator.authUrl,
        OTC_VPC_ENDPOINT: emulator.vpcEndpoint,
        OS_REGION_NAME: emulator.region,
        OS_PROJECT_ID: emulator.projectId,
        OS_ACCESS_KEY: emulator.accessKey,
        OS_SECRET_KEY: emulator.secretKey,
      },
      1000,
    );
  });

  afterEach(async () => {
    await session.close();
    await emulator.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("releases the recorded EIPs (bound, unbound, IPv4) and leaves every other EIP alone", async () => {
    const foreign = [
      await createIpv6(ports[2]!),
      await createIpv6(null),
      emulator.createIpv4Eip(ports[3]).id,
    ];
    const ledger = Ledger.open(path.join(dir, "ledger.jsonl"));
    const bound = await createIpv6(ports[0]!);
    ledger.recordId(ledger.recordIntent("ipv6", ports[0]!, "bound"), bound);
    const ipv4 = emulator.createIpv4Eip(ports[1]).id;
    ledger.recordId(ledger.recordIntent("ipv4", ports[1]!, "ipv4"), ipv4);

    const result = await sweep(session, ledger, 60_000, QUICK);

    expect(result.failed).toEqual([]);
    expect(result.released.map((r) => [r.id, r.how]).sort()).toEqual(
      [
        [bound, "released"],
        [ipv4, "released"],
      ].sort(),
    );
    expect(ids()).toEqual([...foreign].sort());
    expect(Ledger.open(ledger.file).open()).toEqual([]);
  });

  it("finds an intent's EIP on its NIC when the answer was never read, and only that one", async () => {
    const foreign = await createIpv6(ports[1]!);
    const ledger = Ledger.open(path.join(dir, "ledger.jsonl"));
    const key = ledger.recordIntent("ipv6", ports[0]!, "answer lost");
    const lost = await createIpv6(ports[0]!);

    const result = await sweep(session, ledger, 60_000, QUICK);

    expect(result.released).toEqual([
      { id: lost, family: "ipv6", purpose: "answer lost", how: "released" },
    ]);
    expect(
      Ledger.open(ledger.file)
        .entries()
        .find((e) => e.key === key)?.id,
    ).toBe(lost);
    expect(ids()).toEqual([foreign]);
  });

  it("does not take an EIP that was on the NIC before the intent, and closes the intent as none appeared", async () => {
    const earlier = await createIpv6(ports[0]!);
    const file = path.join(dir, "ledger.jsonl");
    const later = new Date(Date.now() + 3_600_000).toISOString();
    appendFileSync(
      file,
      `${JSON.stringify({ op: "intent", key: "k1", family: "ipv6", portId: ports[0], intentAt: later, purpose: "future" })}\n`,
    );

    const result = await sweep(session, Ledger.open(file), 60_000, QUICK);

    expect(result.released).toEqual([]);
    expect(result.closedWithoutEip.map((c) => c.key)).toEqual(["k1"]);
    expect(ids()).toEqual([earlier]);
  });

  it("calls an EIP already gone only on OTC's not-found, and keeps a failed release open for the next sweep", async () => {
    const ledger = Ledger.open(path.join(dir, "ledger.jsonl"));
    const gone = await createIpv6(null);
    ledger.recordId(ledger.recordIntent("ipv6", ports[0]!, "gone"), gone);
    await call(emulator, {
      method: "DELETE",
      path: `/v2.0/eip/floatingips_v6/${gone}`,
      aksk: { format: "credential" },
    });
    const stuck = await createIpv6(ports[1]!);
    ledger.recordId(ledger.recordIntent("ipv6", ports[1]!, "stuck"), stuck);
    emulator.setFaults({
      next: [{ kind: "forbidden", method: "DELETE", path: "/v2.0/eip/floatingips_v6/{id}" }],
    });

    const first = await sweep(session, ledger, 60_000, QUICK);
    expect(first.released).toEqual([
      { id: gone, family: "ipv6", purpose: "gone", how: "already-gone" },
    ]);
    expect(first.failed.map((f) => f.id)).toEqual([stuck]);
    expect(ids()).toEqual([stuck]);

    const second = await sweep(session, Ledger.open(ledger.file), 60_000, QUICK);
    expect(second.released.map((r) => r.id)).toEqual([stuck]);
    expect(ids()).toEqual([]);
  });

  it("keeps the ledger's lines when the last one was cut short by a crash", () => {
    const file = path.join(dir, "ledger.jsonl");
    const ledger = Ledger.open(file);
    const key = ledger.recordIntent("ipv6", ports[0]!, "crash");
    appendFileSync(file, '{"op":"id","key":"');
    const reread = Ledger.open(file).entries();
    expect(reread.map((e) => [e.key, e.id])).toEqual([[key, undefined]]);
  });
});
