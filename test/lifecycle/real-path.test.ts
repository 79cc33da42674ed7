/**
 * The lifecycle through Pulumi's real provider path: the `__provider` text serialized from the
 * packed, installed package in a user project, run by the SDK's `cmd/dynamic-provider` helper
 * (working directory = that project) over gRPC, against the OTC emulator.
 */
import { ipv4FromIpv6Eip } from "../../provider/core/nat64";
import { HelperCallError, UNKNOWN } from "../harness";
import {
  inputsWith,
  outOfBand,
  passwordConfig,
  portDispenser,
  startCleanHelper,
  startEmulator,
  urn,
  userProvider,
} from "./real-path-fixture";
import type { Emulator, ProviderHelper } from "./real-path-fixture";

jest.setTimeout(60_000);

describe("Ipv6Eip through the real provider path", () => {
  let emulator: Emulator;
  let helper: ProviderHelper;
  let dir: string;
  let provider: string;
  /** A NIC no test used before. */
  const freshPort = portDispenser(() => emulator);
  const inputs = inputsWith(() => provider);
  const apiCalls = (): number =>
    Object.entries(emulator.counts())
      .filter(([key]) => key.includes("floatingips") || key.includes("networks"))
      .reduce((sum, [, n]) => sum + n, 0);

  beforeAll(async () => {
    ({ dir, provider } = await userProvider());
    emulator = await startEmulator({ ecsPorts: 40, bindDelayMs: 300 });
    helper = await startCleanHelper(dir, passwordConfig(emulator));
  }, 300_000);

  afterAll(async () => {
    await helper?.close();
    await emulator?.close();
  });

  describe("check (preview)", () => {
    it("accepts a free NIC and an unknown portId", async () => {
      const port = freshPort();
      expect((await helper.check(urn("a"), {}, inputs({ portId: port.id }))).failures).toEqual([]);
      const before = apiCalls();
      const unknown = await helper.check(urn("b"), {}, inputs({ portId: UNKNOWN }));
      expect(unknown.failures).toEqual([]);
      expect(apiCalls()).toBe(before);
    });

    it("refuses invalid inputs without any API call, naming property and value", async () => {
      const before = apiCalls();
      const result = await helper.check(
        urn("bad"),
        {},
        inputs({ portId: "eth0", region: "Frankfurt", timeouts: { create: -1, nap: 3 } }),
      );
      expect(result.failures).toEqual(
        expect.arrayContaining([
          { property: "portId", reason: expect.stringContaining('"eth0"') },
          { property: "region", reason: expect.stringContaining('"Frankfurt"') },
          { property: "timeouts.create", reason: expect.stringContaining("-1") },
          { property: "timeouts.nap", reason: expect.stringContaining("create, update, delete") },
        ]),
      );
      expect(apiCalls()).toBe(before);
    });

    it("refuses a NIC that already holds an IPv4 EIP, naming it", async () => {
      const port = freshPort();
      const v4 = emulator.createIpv4Eip(port.id);
      const result = await helper.check(urn("v4"), {}, inputs({ portId: port.id }));
      expect(result.failures).toHaveLength(1);
      expect(result.failures[0]?.property).toBe("portId");
      expect(result.failures[0]?.reason).toContain(v4.address);
      expect(result.failures[0]?.reason).toContain(v4.id);
      expect(result.failures[0]?.reason).toContain("one EIP per NIC");
    });

    it("refuses a NIC that already holds an IPv6 EIP, and offers to adopt it", async () => {
      const port = freshPort();
      const first = await helper.create(urn("v6-first"), inputs({ portId: port.id }));
      const result = await helper.check(urn("v6-second"), {}, inputs({ portId: port.id }));
      expect(result.failures[0]?.reason).toContain(first.id);
      expect(result.failures[0]?.reason).toContain(`adoptId: "${first.id}"`);
      const adopting = await helper.check(
        urn("v6-adopt"),
        {},
        inputs({ portId: port.id, adoptId: first.id }),
      );
      expect(adopting.failures).toEqual([]);
      // The resource that already holds the NIC passes its own check.
      const own = await helper.check(
        urn("v6-first"),
        { portId: port.id },
        inputs({ portId: port.id }),
      );
      expect(own.failures).toEqual([]);
    });
  });

  describe("create", () => {
    it("binds a new IPv6 EIP and reports every output as plain JSON", async () => {
      const port = freshPort();
      const created = await helper.create(urn("web"), inputs({ portId: port.id }));
      const p = created.properties;
      expect(p).toMatchObject({
        portId: port.id,
        status: "ACTIVE",
        fixedIpAddress: port.fixedIp,
        floatingNetworkId: emulator.externalNetworkId,
        projectId: emulator.projectId,
        region: emulator.region,
        recordedInputs: {
          portId: port.id,
          floatingNetworkId: null,
          region: null,
          adoptId: null,
          timeouts: null,
          suppressWarnings: true,
        },
        lookedUp: { floatingNetworkId: true, region: true },
        portKind: "ecs",
        vpcEndpoint: emulator.vpcEndpoint,
        stateSchemaVersion: 4,
        __provider: provider,
      });
      expect(p["ipv4Address"]).toBe(ipv4FromIpv6Eip(p["floatingIpAddress"] as string));
      expect(typeof p["createdAt"]).toBe("string");
      expect(p).toHaveProperty("routerId");
      expect(p).toHaveProperty("updatedAt");
      const live = emulator.state().ipv6.find((e) => e.id === created.id);
      expect(live).toMatchObject({ port_id: port.id, status: "ACTIVE" });
    });

    it("creates an unbound EIP when portId is left out", async () => {
      const created = await helper.create(urn("spare"), inputs({}));
      expect(created.properties).toMatchObject({
        portId: null,
        status: "DOWN",
        fixedIpAddress: null,
      });
    });

    it("adopts an existing IPv6 EIP instead of creating one, binding it as asked", async () => {
      const spare = await helper.create(urn("to-adopt"), inputs({}));
      const port = freshPort();
      const countBefore = emulator.state().ipv6.length;
      const adopted = await helper.create(
        urn("adopter"),
        inputs({ portId: port.id, adoptId: spare.id }),
      );
      expect(adopted.id).toBe(spare.id);
      expect(adopted.properties).toMatchObject({ portId: port.id, status: "ACTIVE" });
      expect(emulator.state().ipv6.length).toBe(countBefore);
    });

    it("turns an EIP that goes ERROR into an init failure carrying its id and outputs", async () => {
      const port = freshPort();
      emulator.setFaults({ next: [{ kind: "eip-error", method: "POST" }] });
      const failure = await helper
        .create(urn("broken"), inputs({ portId: port.id, timeouts: { create: 20 } }))
        .catch((e: unknown) => e);
      emulator.setFaults({});
      expect(failure).toBeInstanceOf(HelperCallError);
      const init = (failure as HelperCallError).initFailure;
      expect(init?.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(init?.properties).toMatchObject({ status: "ERROR", __provider: provider });
      expect(init?.reasons.join(" ")).toContain("ERROR");
      expect(emulator.state().ipv6.some((e) => e.id === init?.id)).toBe(true);
    });

    it("says what may exist when an unbound create's outcome is unknown, without resending", async () => {
      const before = emulator.state().ipv6.length;
      emulator.setFaults({
        next: [{ kind: "reset-after", method: "POST", path: "/v2.0/eip/floatingips_v6" }],
      });
      const failure = await helper.create(urn("lost"), inputs({})).catch((e: unknown) => e);
      emulator.setFaults({});
      expect((failure as Error).message).toMatch(/may now exist/);
      expect((failure as Error).message).toContain("adoptId");
      expect(emulator.state().ipv6.length).toBe(before + 1);
    });

    it("reconciles an outcome-unknown create by adopting the EIP made on the port", async () => {
      const port = freshPort();
      emulator.setFaults({
        next: [{ kind: "reset-after", method: "POST", path: "/v2.0/eip/floatingips_v6" }],
      });
      const created = await helper.create(urn("flaky"), inputs({ portId: port.id }));
      emulator.setFaults({});
      const onPort = emulator.state().ipv6.filter((e) => e.port_id === port.id);
      expect(onPort.map((e) => e.id)).toEqual([created.id]);
      expect(created.properties).toMatchObject({ status: "ACTIVE", portId: port.id });
    });
  });

  describe("diff", () => {
    let state: Record<string, unknown>;
    let port: string;
    beforeAll(async () => {
      port = freshPort().id;
      state = (await helper.create(urn("d"), inputs({ portId: port }))).properties;
    });
    const diff = (news: Record<string, unknown>, olds = state) =>
      helper.diff(urn("d"), "id", olds, inputs(news));

    it("sees no change for the same inputs, outputs alone or a different provider text", async () => {
      expect(await diff({ portId: port })).toMatchObject({ changes: false, replaces: [] });
      expect(
        await diff({ portId: port }, { ...state, fixedIpAddress: "10.9.9.9", updatedAt: "x" }),
      ).toMatchObject({ changes: false });
      expect(
        // A different provider text (e.g. another package version's) that works the same.
        await helper.diff(urn("d"), "id", state, {
          ...inputs({ portId: port }),
          __provider: `${provider}\n// another build\n`,
        }),
      ).toMatchObject({ changes: false });
    });

    it("updates in place for a portId change, also an unknown one", async () => {
      const other = freshPort().id;
      expect(await diff({ portId: other })).toMatchObject({
        changes: true,
        replaces: [],
        deleteBeforeReplace: false,
      });
      expect(await diff({ portId: UNKNOWN })).toMatchObject({ changes: true, replaces: [] });
      expect(await diff({})).toMatchObject({ changes: true, replaces: [] });
    });

    it("replaces, deleting first, for a new floatingNetworkId or region (also unknown)", async () => {
      const net = "5ce655fa-c911-4d2c-99f7-445bc1162ef8";
      expect(await diff({ portId: port, floatingNetworkId: net })).toMatchObject({
        changes: true,
        replaces: ["floatingNetworkId"],
        deleteBeforeReplace: true,
      });
      expect(await diff({ portId: port, region: "eu-nl" })).toMatchObject({
        replaces: ["region"],
        deleteBeforeReplace: true,
      });
      expect(await diff({ portId: port, region: UNKNOWN })).toMatchObject({ replaces: ["region"] });
    });

    it("sees no change when a looked-up value is given as it is, or adoptId changes", async () => {
      expect(
        await diff({
          portId: port,
          floatingNetworkId: emulator.externalNetworkId,
          region: emulator.region,
        }),
      ).toMatchObject({ changes: false });
      expect(
        await diff({ portId: port, adoptId: "2567f393-5c76-42db-a397-477723ce41f7" }),
      ).toMatchObject({
        changes: false,
      });
    });
  });

  describe("update, read and delete", () => {
    it("rebinds to another NIC: unbind, wait DOWN, bind, wait ACTIVE", async () => {
      const a = freshPort();
      const b = freshPort();
      const created = await helper.create(urn("mover"), inputs({ portId: a.id }));
      const updated = await helper.update(
        urn("mover"),
        created.id,
        created.properties,
        inputs({ portId: b.id }),
      );
      expect(updated.properties).toMatchObject({
        portId: b.id,
        status: "ACTIVE",
        fixedIpAddress: b.fixedIp,
      });
      expect(emulator.state().ipv6.find((e) => e.id === created.id)).toMatchObject({
        port_id: b.id,
      });
    });

    it("refuses a rebind onto a NIC that gained an EIP, changing nothing", async () => {
      const a = freshPort();
      const b = freshPort();
      const created = await helper.create(urn("blocked"), inputs({ portId: a.id }));
      emulator.createIpv4Eip(b.id);
      await expect(
        helper.update(urn("blocked"), created.id, created.properties, inputs({ portId: b.id })),
      ).rejects.toMatchObject({ message: expect.stringContaining("one EIP per NIC") });
      expect(emulator.state().ipv6.find((e) => e.id === created.id)).toMatchObject({
        port_id: a.id,
        status: "ACTIVE",
      });
    });

    it("shows an out-of-band unbind as portId drift that the next up repairs", async () => {
      const port = freshPort();
      const created = await helper.create(urn("drift"), inputs({ portId: port.id }));
      await outOfBand(emulator, "PUT", created.id, { floatingip: { port_id: null } });
      const read = await helper.read(urn("drift"), created.id, created.properties);
      expect(read.id).toBe(created.id);
      expect(read.properties).toMatchObject({ portId: null });
      expect(read.inputs).not.toHaveProperty("portId");
      const d = await helper.diff(
        urn("drift"),
        created.id,
        read.properties,
        inputs({ portId: port.id }),
      );
      expect(d).toMatchObject({ changes: true, replaces: [] });
      const check = await helper.check(
        urn("drift"),
        read.inputs ?? {},
        inputs({ portId: port.id }),
      );
      expect(check.failures).toEqual([]);
      const repaired = await helper.update(
        urn("drift"),
        created.id,
        read.properties,
        inputs({ portId: port.id }),
      );
      expect(repaired.properties).toMatchObject({ portId: port.id, status: "ACTIVE" });
    });

    it("reports a rebind that fails half-way as an init failure with the EIP's real state", async () => {
      const a = freshPort();
      const b = freshPort();
      const created = await helper.create(urn("half"), inputs({ portId: a.id }));
      // The first PUT is the unbind (no bind to fail), the second the bind.
      emulator.setFaults({ next: [{ kind: "eip-error", method: "PUT", count: 2 }] });
      const failure = await helper
        .update(urn("half"), created.id, created.properties, inputs({ portId: b.id }))
        .catch((e: unknown) => e);
      emulator.setFaults({});
      const init = (failure as HelperCallError).initFailure;
      expect(init?.id).toBe(created.id);
      const live = emulator.state().ipv6.find((e) => e.id === created.id);
      expect(init?.properties).toMatchObject({ status: live?.status, __provider: provider });
      expect(init?.reasons.join(" ")).toContain(`from NIC ${a.id} (ACTIVE) to NIC ${b.id}`);
      // The next up finishes the move.
      const retried = await helper.update(
        urn("half"),
        created.id,
        init!.properties,
        inputs({ portId: b.id }),
      );
      expect(retried.properties).toMatchObject({ portId: b.id, status: "ACTIVE" });
    });

    it("refreshes and deletes an EIP whose state an older layout wrote (no schema version)", async () => {
      const port = freshPort();
      const created = await helper.create(urn("old-state"), inputs({ portId: port.id }));
      const old = {
        __provider: provider,
        floatingIpAddress: created.properties["floatingIpAddress"],
        portId: port.id,
      };
      const read = await helper.read(urn("old-state"), created.id, old);
      expect(read.properties).toMatchObject({
        portId: port.id,
        stateSchemaVersion: 4,
        region: emulator.region,
      });
      expect(
        await helper.diff(urn("old-state"), created.id, old, {
          __provider: provider,
          portId: port.id,
        }),
      ).toMatchObject({
        changes: false,
      });
      await helper.delete(urn("old-state"), created.id, old);
      expect(emulator.state().ipv6.map((e) => e.id)).not.toContain(created.id);
    });

    it("drops an EIP deleted out of band on refresh (empty id)", async () => {
      const created = await helper.create(urn("vanish"), inputs({}));
      await outOfBand(emulator, "DELETE", created.id);
      expect((await helper.read(urn("vanish"), created.id, created.properties)).id).toBe("");
    });

    it("deletes a bound EIP (unbinding first), an unbound one, and both again", async () => {
      const port = freshPort();
      const bound = await helper.create(urn("del-bound"), inputs({ portId: port.id }));
      const unbound = await helper.create(urn("del-unbound"), inputs({}));
      await helper.delete(urn("del-bound"), bound.id, bound.properties);
      await helper.delete(urn("del-unbound"), unbound.id, unbound.properties);
      const ids = emulator.state().ipv6.map((e) => e.id);
      expect(ids).not.toContain(bound.id);
      expect(ids).not.toContain(unbound.id);
      await helper.delete(urn("del-bound"), bound.id, bound.properties);
      await helper.delete(urn("del-unbound"), unbound.id, unbound.properties);
      const busy = await helper.create(urn("del-busy"), inputs({}));
      emulator.setFaults({ next: [{ kind: "busy", method: "DELETE" }] });
      await helper.delete(urn("del-busy"), busy.id, busy.properties);
      emulator.setFaults({});
      expect(emulator.state().ipv6.map((e) => e.id)).not.toContain(busy.id);
      // The NIC is free again.
      expect((await helper.check(urn("reuse"), {}, inputs({ portId: port.id }))).failures).toEqual(
        [],
      );
    });
  });
});
