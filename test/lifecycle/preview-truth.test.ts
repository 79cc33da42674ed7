/**
 * Issue 12 and issue 11 point 4 through Pulumi's real provider path (the packed package's
 * `__provider` run by the SDK's helper, over gRPC, against the emulator): previews that catch
 * unknown ports, ports that cannot hold an EIP, internal networks and impossible replacements;
 * broken EIPs repaired by the next `up`; the interrupted `up`; and a refused rebind that puts the
 * EIP back.
 */
import { HelperCallError } from "../harness";
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

const MUTATIONS = /^(POST|PUT|DELETE) /;

describe("previews that tell the whole truth", () => {
  let emulator: Emulator;
  let helper: ProviderHelper;
  let dir: string;
  let provider: string;
  /** A NIC no test used before. */
  const freshPort = portDispenser(() => emulator);
  const inputs = inputsWith(() => provider);
  /** API calls by counts key since the last reset, token requests aside. */
  const calls = (): Record<string, number> =>
    Object.fromEntries(
      Object.entries(emulator.counts()).filter(([key]) => !key.startsWith("POST /v3")),
    );
  const mutations = (): string[] => Object.keys(calls()).filter((key) => MUTATIONS.test(key));
  const failureOf = async (promise: Promise<unknown>): Promise<HelperCallError> => {
    const error = await promise.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(HelperCallError);
    return error as HelperCallError;
  };

  beforeAll(async () => {
    ({ dir, provider } = await userProvider());
    emulator = await startEmulator({ ecsPorts: 30, bindDelayMs: 300 });
    helper = await startCleanHelper(dir, passwordConfig(emulator));
    // Warm the token, so that counts below are the calls of the operation alone.
    await helper.check(urn("warm"), {}, inputs({ portId: freshPort().id }));
  }, 300_000);

  afterAll(async () => {
    await helper?.close();
    await emulator?.close();
  });

  beforeEach(() => emulator.resetLog());

  describe("a port that does not exist or is not a NIC (12.1)", () => {
    it("looks the port up with the two EIP lists in one round trip: 3 calls", async () => {
      // Each call is held 300 ms at the emulator: one round trip means all three arrived before
      // the first answer left (an order, not a duration).
      const hold = (path: string) => ({
        kind: "delay" as const,
        method: "GET",
        path,
        delayMs: 300,
      });
      emulator.setFaults({
        next: [
          hold("/v2.0/ports/{id}"),
          hold("/v2.0/floatingips"),
          hold("/v2.0/eip/floatingips_v6"),
        ],
      });
      const result = await helper.check(urn("new"), {}, inputs({ portId: freshPort().id }));
      emulator.setFaults({});
      expect(result.failures).toEqual([]);
      expect(calls()).toEqual({
        "GET /v2.0/ports/{id}": 1,
        "GET /v2.0/floatingips": 1,
        "GET /v2.0/eip/floatingips_v6": 1,
      });
      const log = emulator.requestLog().filter((e) => !e.path.startsWith("/v3"));
      const firstAnswer = Math.min(...log.map((e) => e.startedAt + e.durationMs));
      expect(log.every((e) => e.startedAt < firstAnswer)).toBe(true);
    });

    it("refuses an unknown port, naming it, the project and region, and how to find the id", async () => {
      const missing = "552389f5-8f4c-4bb7-9991-07233c315d60";
      const result = await helper.check(urn("typo"), {}, inputs({ portId: missing }));
      expect(result.failures).toHaveLength(1);
      const [failure] = result.failures;
      expect(failure?.property).toBe("portId");
      expect(failure?.reason).toContain(missing);
      expect(failure?.reason).toContain(emulator.projectId);
      expect(failure?.reason).toContain(emulator.region);
      expect(failure?.reason).toContain("NIC ID");
      expect(mutations()).toEqual([]);
    });

    it("refuses a router-interface or DHCP port, saying what it is", async () => {
      for (const kind of ["router-interface", "dhcp"] as const) {
        const port = emulator.addPort(kind);
        const result = await helper.check(urn(kind), {}, inputs({ portId: port.id }));
        expect(result.failures).toEqual([
          { property: "portId", reason: expect.stringContaining(port.deviceOwner) },
        ]);
        expect(result.failures[0]?.reason).toContain("ECS NIC");
      }
      expect(mutations()).toEqual([]);
    });

    it("reports portKind: ecs for an ECS NIC, elb for an ELB VIP, null unbound", async () => {
      const ecs = await helper.create(urn("kind-ecs"), inputs({ portId: freshPort().id }));
      expect(ecs.properties).toMatchObject({ portKind: "ecs", stateSchemaVersion: 4 });
      const vip = emulator.addPort("elb");
      const checked = await helper.check(urn("kind-elb"), {}, inputs({ portId: vip.id }));
      expect(checked.failures).toEqual([]);
      emulator.resetLog();
      const elb = await helper.create(urn("kind-elb"), inputs({ portId: vip.id }));
      expect(elb.properties).toMatchObject({ portKind: "elb", status: "ACTIVE" });
      // The check in this run already told the kind: the create asks no port.
      expect(calls()["GET /v2.0/ports/{id}"]).toBeUndefined();
      const unbound = await helper.create(urn("kind-none"), inputs({}));
      expect(unbound.properties).toMatchObject({ portKind: null });
      const refreshed = await helper.read(urn("kind-elb"), elb.id, elb.properties);
      expect(refreshed.properties).toMatchObject({ portKind: "elb" });
    });

    it("names an ELB VIP as such when another EIP is on it", async () => {
      const vip = emulator.addPort("elb");
      emulator.createIpv4Eip(vip.id);
      const result = await helper.check(urn("elb-taken"), {}, inputs({ portId: vip.id }));
      expect(result.failures[0]?.reason).toContain(`ELB VIP port "${vip.id}"`);
    });
  });

  describe("floatingNetworkId that is not the external network (12.2)", () => {
    it("refuses a new resource on an internal network, offering the external id", async () => {
      const result = await helper.check(
        urn("internal"),
        {},
        inputs({ portId: freshPort().id, floatingNetworkId: emulator.privateNetworkId }),
      );
      expect(result.failures).toEqual([
        { property: "floatingNetworkId", reason: expect.stringContaining("router:external") },
      ]);
      expect(result.failures[0]?.reason).toContain(emulator.externalNetworkId);
      expect(mutations()).toEqual([]);
    });

    it("refuses a network that does not exist, and accepts the external one", async () => {
      const missing = await helper.check(
        urn("no-net"),
        {},
        inputs({ floatingNetworkId: "5ce655fa-c911-4d2c-99f7-445bc1162ef8" }),
      );
      expect(missing.failures[0]).toMatchObject({ property: "floatingNetworkId" });
      expect(missing.failures[0]?.reason).toContain("does not exist");
      const fine = await helper.check(
        urn("ext-net"),
        {},
        inputs({ floatingNetworkId: emulator.externalNetworkId }),
      );
      expect(fine.failures).toEqual([]);
    });
  });

  describe("replacements that cannot succeed (12.3)", () => {
    let state: Record<string, unknown>;
    let oldInputs: Record<string, unknown>;
    let port: string;
    let id: string;
    beforeAll(async () => {
      port = freshPort().id;
      oldInputs = inputs({ portId: port });
      const created = await helper.create(urn("repl"), oldInputs);
      state = created.properties;
      id = created.id;
    });

    it("costs no call for an unchanged resource", async () => {
      emulator.resetLog();
      const same = await helper.check(urn("repl"), oldInputs, inputs({ portId: port }));
      expect(same.failures).toEqual([]);
      expect(calls()).toEqual({});
    });

    it("refuses a region change that keeps the NIC, naming both, with no call", async () => {
      emulator.resetLog();
      const result = await helper.check(
        urn("repl"),
        oldInputs,
        inputs({ portId: port, region: "eu-nl" }),
      );
      expect(result.failures).toHaveLength(1);
      expect(result.failures[0]?.property).toBe("region");
      for (const text of ["eu-de", "eu-nl", "portId", port, "new IPv6 address"]) {
        expect(result.failures[0]?.reason).toContain(text);
      }
      expect(calls()).toEqual({});
    });

    it("refuses a network change to an internal network before anything is deleted", async () => {
      const before = emulator.state().ipv6.find((e) => e.id === id);
      const result = await helper.check(
        urn("repl"),
        { ...oldInputs, floatingNetworkId: emulator.externalNetworkId },
        inputs({ portId: port, floatingNetworkId: emulator.privateNetworkId }),
      );
      expect(result.failures.map((f) => f.property)).toEqual(["floatingNetworkId"]);
      expect(mutations()).toEqual([]);
      expect(emulator.state().ipv6.find((e) => e.id === id)).toEqual(before);
    });

    it("re-checks the NIC a replacement needs, not counting the EIP it replaces", async () => {
      // The old inputs named another network: the plan replaces the EIP on the same NIC.
      const result = await helper.check(
        urn("repl"),
        { ...oldInputs, floatingNetworkId: "5ce655fa-c911-4d2c-99f7-445bc1162ef8" },
        inputs({ portId: port, floatingNetworkId: emulator.externalNetworkId }),
      );
      expect(result.failures).toEqual([]);
      expect(calls()).toMatchObject({
        "GET /v2.0/ports/{id}": 1,
        "GET /v2.0/floatingips": 1,
        "GET /v2.0/eip/floatingips_v6": 1,
      });
    });

    it("prints a warning line when the engine shows a replacement: new addresses, DNS", async () => {
      const warnings = () => helper.stdout.filter((l) => l.includes(`replaces IPv6 EIP ${id}`));
      /** The helper's stdout reaches this process after its gRPC answer: wait for the n-th line. */
      const nthWarning = async (n: number): Promise<string> => {
        for (let i = 0; i < 400 && warnings().length < n; i++) {
          await new Promise((r) => setTimeout(r, 5));
        }
        return warnings()[n - 1] ?? "";
      };
      const seen = warnings().length;
      const other = freshPort().id;
      const replacing = inputs({ portId: other, region: "eu-nl" });
      const d = await helper.diff(urn("repl"), id, state, replacing);
      expect(d).toMatchObject({ replaces: ["region"], deleteBeforeReplace: true });
      const line = await nthWarning(seen + 1);
      expect(line).toContain(state["floatingIpAddress"] as string);
      expect(line).toContain(state["ipv4Address"] as string);
      expect(line).toMatch(/NEW IPv6 address and IPv4 twin/);
      expect(line).toContain("DNS");
      // An update in place prints nothing: the next line is the next replacement's (lines keep
      // their order), here one by another input.
      await helper.diff(urn("repl"), id, state, inputs({ portId: other }));
      const byNetwork = inputs({ portId: other, floatingNetworkId: emulator.privateNetworkId });
      expect(await helper.diff(urn("repl"), id, state, byNetwork)).toMatchObject({
        replaces: ["floatingNetworkId"],
      });
      expect(await nthWarning(seen + 2)).toContain("(floatingNetworkId changed)");
    });
  });

  describe("broken EIPs are repaired by the next up (12.4)", () => {
    for (const status of ["ERROR", "DOWN"] as const) {
      it(`repairs an EIP that a refresh shows ${status} on its NIC`, async () => {
        const port = freshPort();
        const created = await helper.create(urn(`broken-${status}`), inputs({ portId: port.id }));
        emulator.setEipStatus(created.id, status);
        const read = await helper.read(urn(`broken-${status}`), created.id, created.properties);
        expect(read.properties).toMatchObject({ status, portId: port.id });
        const news = inputs({ portId: port.id });
        const d = await helper.diff(urn(`broken-${status}`), created.id, read.properties, news);
        expect(d).toMatchObject({ changes: true, replaces: [] });
        const checked = await helper.check(urn(`broken-${status}`), read.inputs ?? {}, news);
        expect(checked.failures).toEqual([]);
        const repaired = await helper.update(
          urn(`broken-${status}`),
          created.id,
          read.properties,
          checked.inputs,
        );
        expect(repaired.properties).toMatchObject({ status: "ACTIVE", portId: port.id });
        expect(emulator.state().ipv6.find((e) => e.id === created.id)).toMatchObject({
          status: "ACTIVE",
          port_id: port.id,
        });
        // Repaired, the next preview sees no change.
        expect(
          await helper.diff(urn(`broken-${status}`), created.id, repaired.properties, news),
        ).toMatchObject({ changes: false });
      });
    }
  });

  describe("an interrupted up (12.5)", () => {
    it("refuses the EIP a killed up left on the NIC, saying what happened and both ways out", async () => {
      const port = freshPort();
      const doomed = await startCleanHelper(dir, passwordConfig(emulator));
      try {
        // Hold the first poll after the POST, so the helper dies with the EIP made but unrecorded.
        emulator.setFaults({
          next: [
            { kind: "delay", method: "GET", path: "/v2.0/eip/floatingips_v6/{id}", delayMs: 5000 },
          ],
        });
        const create = doomed.create(urn("killed"), inputs({ portId: port.id })).then(
          () => "finished",
          () => "failed",
        );
        let made: string | undefined;
        for (let i = 0; i < 1000 && !made; i++) {
          made = emulator.state().ipv6.find((e) => e.port_id === port.id)?.id;
          if (!made) await new Promise((r) => setTimeout(r, 5));
        }
        expect(made).toBeDefined();
        process.kill(doomed.pid, "SIGKILL");
        expect(await create).toBe("failed");
      } finally {
        emulator.setFaults({});
        await doomed.close();
      }
      const eip = emulator.state().ipv6.find((e) => e.port_id === port.id)!;
      // The next run: the resource is still new to the stack (its create never completed).
      const next = await helper.check(urn("killed"), {}, inputs({ portId: port.id }));
      expect(next.failures).toHaveLength(1);
      const reason = next.failures[0]!.reason;
      expect(next.failures[0]!.property).toBe("portId");
      for (const text of [
        eip.id,
        eip.floating_ip_address,
        "interrupted",
        eip.created_at,
        "--clear-pending-creates",
        "--import-pending-creates",
        "pulumi stack export",
        `adoptId: "${eip.id}"`,
      ]) {
        expect(reason).toContain(text);
      }
      // The way out: adopt it.
      const adopting = inputs({ portId: port.id, adoptId: eip.id });
      expect((await helper.check(urn("killed"), {}, adopting)).failures).toEqual([]);
      const adopted = await helper.create(urn("killed"), adopting);
      expect(adopted.id).toBe(eip.id);
      expect(adopted.properties).toMatchObject({ portId: port.id, status: "ACTIVE" });
      expect(emulator.state().ipv6.filter((e) => e.port_id === port.id)).toHaveLength(1);
    });
  });

  describe("a refused rebind puts the EIP back (11.4)", () => {
    it("looks at the new NIC live right before the unbind, changing nothing when it is taken", async () => {
      const a = freshPort();
      const b = freshPort();
      const created = await helper.create(urn("late-taker"), inputs({ portId: a.id }));
      const moved = inputs({ portId: b.id });
      expect(
        (await helper.check(urn("late-taker"), inputs({ portId: a.id }), moved)).failures,
      ).toEqual([]);
      // Another stack takes the NIC between this run's check and its update.
      emulator.createIpv4Eip(b.id);
      emulator.resetLog();
      const failure = await failureOf(
        helper.update(urn("late-taker"), created.id, created.properties, moved),
      );
      expect(failure.message).toContain("Nothing was changed");
      expect(mutations()).toEqual([]);
      expect(emulator.state().ipv6.find((e) => e.id === created.id)).toMatchObject({
        port_id: a.id,
        status: "ACTIVE",
      });
    });

    it.each([
      ["409 VPC.0511", "VPC.0511"],
      ["500 VPC.0509", "VPC.0509"],
    ] as const)(
      "puts the EIP back on its old NIC when the bind is refused (%s) after the unbind",
      async (_name, code) => {
        const a = freshPort();
        const b = freshPort();
        const name = `raced-${code}`;
        const created = await helper.create(urn(name), inputs({ portId: a.id }));
        const moved = inputs({ portId: b.id });
        await helper.check(urn(name), inputs({ portId: a.id }), moved);
        emulator.setAnswerStyle({ takenPortOnUpdate: code });
        emulator.resetLog();
        // Hold the unbind a moment; the race is won by another stack right after the live look.
        emulator.setFaults({ next: [{ kind: "delay", method: "PUT", delayMs: 800 }] });
        const update = helper.update(urn(name), created.id, created.properties, moved);
        const looked = async () => {
          for (let i = 0; i < 500; i++) {
            const c = emulator.counts();
            if (
              (c["GET /v2.0/floatingips"] ?? 0) >= 1 &&
              (c["GET /v2.0/eip/floatingips_v6"] ?? 0) >= 1
            )
              return;
            await new Promise((r) => setTimeout(r, 5));
          }
          throw new Error("the live look never came");
        };
        await looked();
        emulator.createIpv4Eip(b.id);
        const failure = await failureOf(update);
        emulator.setFaults({});
        emulator.setAnswerStyle("classic");
        expect(failure.message).toContain(code);
        expect(failure.initFailure?.id).toBe(created.id);
        expect(failure.initFailure?.properties).toMatchObject({
          portId: a.id,
          status: "ACTIVE",
          portKind: "ecs",
          __provider: provider,
        });
        expect(failure.initFailure?.reasons.join(" ")).toContain("put back");
        expect(emulator.state().ipv6.find((e) => e.id === created.id)).toMatchObject({
          port_id: a.id,
          status: "ACTIVE",
        });
        // unbind, the refused bind (sent once), the bind back.
        expect(calls()["PUT /v2.0/eip/floatingips_v6/{id}"]).toBe(3);
      },
    );
  });
});
