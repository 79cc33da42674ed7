/**
 * "Ours" needs proof, through Pulumi's real provider path: after a bound create whose answer was
 * lost, an IPv6 EIP on the NIC is adopted only when it can be this create's. A foreign, older EIP
 * that another stack or tool put there between preview and up is refused, named (id, address,
 * age) with the way out, and left where it is.
 */
import { call, getToken } from "../emulator/helpers/emulator-client";
import {
  inputsWith,
  passwordConfig,
  portDispenser,
  startCleanHelper,
  startEmulator,
  urn,
  userProvider,
} from "./real-path-fixture";
import type { Emulator, ProviderHelper } from "./real-path-fixture";

jest.setTimeout(60_000);

const V6 = "/v2.0/eip/floatingips_v6";

describe("a lost create adopts only what it made", () => {
  let emulator: Emulator;
  let helper: ProviderHelper;
  let provider: string;
  const nextPort = portDispenser(() => emulator);
  /** The id of a NIC no test used before. */
  const freshPort = (): string => nextPort().id;
  const inputs = inputsWith(() => provider);

  beforeAll(async () => {
    let dir: string;
    ({ dir, provider } = await userProvider());
    emulator = await startEmulator({ ecsPorts: 8 });
    helper = await startCleanHelper(dir, passwordConfig(emulator));
  }, 300_000);
  afterEach(() => emulator.setFaults({}));
  afterAll(async () => {
    await helper?.close();
    await emulator?.close();
  });

  /** Another tool binds an IPv6 EIP to `portId` (bypassing this provider). */
  async function foreignEip(portId: string): Promise<{ id: string; address: string }> {
    const token = await getToken(emulator);
    const made = await call(emulator, {
      method: "POST",
      path: V6,
      token,
      body: { floatingip: { floating_network_id: emulator.externalNetworkId, port_id: portId } },
    });
    const eip = (made.json as { floatingip: { id: string; floating_ip_address: string } })
      .floatingip;
    return { id: eip.id, address: eip.floating_ip_address };
  }

  it.each<["reset before it was handled" | "a 503", "reset-before" | "server-error"]>([
    ["reset before it was handled", "reset-before"],
    ["a 503", "server-error"],
  ])("refuses a foreign, older EIP after a POST lost to %s", async (_name, kind) => {
    const port = freshPort();
    const name = urn(`foreign-${kind}`);
    expect((await helper.check(name, {}, inputs({ portId: port }))).failures).toEqual([]);
    // Between preview and up, another stack takes the NIC; two minutes pass.
    const foreign = await foreignEip(port);
    emulator.advanceClock(120);
    const before = emulator.state().ipv6.length;
    emulator.setFaults({ next: [{ kind, method: "POST", path: V6 }] });
    const failure = await helper.create(name, inputs({ portId: port })).then(
      (created) => new Error(`create adopted ${created.id}`),
      (e: unknown) => e as Error,
    );
    expect(failure.message).toContain(foreign.id);
    expect(failure.message).toContain(foreign.address);
    expect(failure.message).toMatch(/\b1[12]\d s ago/);
    expect(failure.message).toContain(`adoptId: "${foreign.id}"`);
    expect(failure.message).toMatch(/left where it is/);
    const onPort = emulator.state().ipv6.filter((e) => e.port_id === port);
    expect(onPort.map((e) => [e.id, e.status])).toEqual([[foreign.id, "ACTIVE"]]);
    expect(emulator.state().ipv6.length).toBe(before);
  });

  it("adopts the EIP its own POST made when the answer was lost after it", async () => {
    const port = freshPort();
    emulator.setFaults({ next: [{ kind: "reset-after", method: "POST", path: V6 }] });
    const created = await helper.create(urn("own"), inputs({ portId: port }));
    const onPort = emulator.state().ipv6.filter((e) => e.port_id === port);
    expect(onPort.map((e) => e.id)).toEqual([created.id]);
  });

  it("resends after several lost answers in a row, each after a look at the NIC", async () => {
    const port = freshPort();
    emulator.setFaults({ next: [{ kind: "reset-before", method: "POST", path: V6, count: 4 }] });
    emulator.resetLog();
    const created = await helper.create(urn("many-lost"), inputs({ portId: port }));
    expect(created.properties).toMatchObject({ portId: port, status: "ACTIVE" });
    const sequence = emulator
      .requestLog()
      .filter(
        (e) =>
          (e.method === "POST" && e.path === V6) ||
          (e.method === "GET" && e.path === V6 && e.query.includes("port_id")),
      )
      .map((e) => e.method);
    expect(sequence.filter((m) => m === "POST")).toHaveLength(5);
    for (let i = 1; i < sequence.length; i++) {
      if (sequence[i] === "POST") expect(sequence[i - 1]).toBe("GET");
    }
  });
});
