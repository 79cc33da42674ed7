/**
 * The core lifecycle through Pulumi's real provider path under each answer style the API
 * reference documents (`classic`, `documented`, `sparse`; see `test/emulator/answer-style.ts`):
 * a bind that answers `ACTIVE` at once, an unbind that answers `ACTIVE` with no port, answers
 * without project or times, lists without `next` links. Binds take 300 ms, so an answer taken as
 * settled without a `show` shows up as a wrong binding in the emulator.
 */
import { ANSWER_STYLE_NAMES } from "../emulator";
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

describe("the lifecycle under each documented answer style", () => {
  let emulator: Emulator;
  let helper: ProviderHelper;
  let provider: string;
  /** A NIC no test used before. */
  const freshPort = portDispenser(() => emulator);
  const inputs = inputsWith(() => provider);
  const live = (id: string) => emulator.state().ipv6.find((e) => e.id === id);

  beforeAll(async () => {
    let dir: string;
    ({ dir, provider } = await userProvider());
    emulator = await startEmulator({ ecsPorts: 40, bindDelayMs: 300 });
    helper = await startCleanHelper(dir, passwordConfig(emulator));
  }, 300_000);
  afterAll(async () => {
    await helper?.close();
    await emulator?.close();
  });

  describe.each(ANSWER_STYLE_NAMES)("style %s", (style) => {
    beforeAll(() => emulator.setAnswerStyle(style));
    afterEach(() => emulator.setFaults({}));

    it("creates, refreshes, rebinds, refreshes and deletes a bound EIP", async () => {
      const a = freshPort();
      const b = freshPort();
      const name = urn(`matrix-${style}`);
      const checked = await helper.check(name, {}, inputs({ portId: a.id }));
      expect(checked.failures).toEqual([]);
      const created = await helper.create(name, checked.inputs);
      expect(created.properties).toMatchObject({
        portId: a.id,
        status: "ACTIVE",
        fixedIpAddress: a.fixedIp,
        projectId: emulator.projectId,
      });
      expect(typeof created.properties["createdAt"]).toBe("string");
      expect(live(created.id)).toMatchObject({ status: "ACTIVE", port_id: a.id });

      const read = await helper.read(name, created.id, created.properties);
      expect(read.properties).toMatchObject({ portId: a.id, status: "ACTIVE" });

      const moved = await helper.check(name, checked.inputs, inputs({ portId: b.id }));
      expect(moved.failures).toEqual([]);
      const updated = await helper.update(name, created.id, read.properties, moved.inputs);
      expect(updated.properties).toMatchObject({ portId: b.id, status: "ACTIVE" });
      expect(live(created.id)).toMatchObject({ status: "ACTIVE", port_id: b.id });

      const reread = await helper.read(name, created.id, updated.properties);
      expect(reread.properties).toMatchObject({ portId: b.id, fixedIpAddress: b.fixedIp });

      await helper.delete(name, created.id, reread.properties);
      expect(live(created.id)).toBeUndefined();
      await helper.delete(name, created.id, reread.properties);
      // The NICs are free again: the guard's filtered lists see everything without `next` links.
      for (const port of [a, b]) {
        expect(
          (await helper.check(urn("again"), {}, inputs({ portId: port.id }))).failures,
        ).toEqual([]);
      }
    });

    it("creates and deletes an unbound EIP", async () => {
      const name = urn(`matrix-free-${style}`);
      const created = await helper.create(name, inputs({}));
      expect(created.properties).toMatchObject({ portId: null, status: "DOWN" });
      await helper.delete(name, created.id, created.properties);
      expect(live(created.id)).toBeUndefined();
    });

    it("adopts the EIP its own lost create made, and no other", async () => {
      const port = freshPort();
      emulator.setFaults({ next: [{ kind: "reset-after", method: "POST", path: V6 }] });
      const created = await helper.create(urn(`matrix-lost-${style}`), inputs({ portId: port.id }));
      expect(
        emulator
          .state()
          .ipv6.filter((e) => e.port_id === port.id)
          .map((e) => e.id),
      ).toEqual([created.id]);
      expect(live(created.id)).toMatchObject({ status: "ACTIVE" });
    });

    it("sees an IPv6 EIP on a NIC in the guard's filtered list whatever the links", async () => {
      const port = freshPort();
      const token = await getToken(emulator);
      const made = await call(emulator, {
        method: "POST",
        path: V6,
        token,
        body: { floatingip: { floating_network_id: emulator.externalNetworkId, port_id: port.id } },
      });
      const id = (made.json as { floatingip: { id: string } }).floatingip.id;
      const result = await helper.check(
        urn(`matrix-taken-${style}`),
        {},
        inputs({ portId: port.id }),
      );
      expect(result.failures[0]?.reason).toContain(id);
    });
  });
});
