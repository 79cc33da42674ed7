/**
 * Deadlines hold (issue 11.8): with a tiny `timeouts`, an operation whose call hangs at any stage
 * (the IAM token, the network look-up, the POST, the GET after it, the looks and reads after a
 * failure) ends within its deadline, and the error names the call that used the time. Through
 * Pulumi's provider helper against the emulator, whose `delay` fault holds a request far longer
 * than the deadline (the old behaviour took 30–63 s; the bound here is the deadline plus a slack
 * for a loaded machine).
 */
import { HelperCallError } from "../harness";
import type { TargetedFault } from "../emulator/types";
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

/** The operations' timeout, in seconds. */
const TIMEOUT_S = 2;
/** What a loaded 2-core machine may add to the deadline (gRPC, the helper, the emulator). */
const SLACK_MS = 3_000;
/** How long a hanging request is held: far beyond the deadline and the slack. */
const HANG_MS = 12_000;

const EIP = "/v2.0/eip/floatingips_v6";
/** The put-back test's update timeout: the unbind, the wait for it and the refused bind fit in it. */
const PUT_BACK_TIMEOUT_S = 3;

/** Resolves once `condition` holds (checked every few ms, for at most 10 s). */
async function until(condition: () => boolean): Promise<void> {
  for (const started = Date.now(); !condition();) {
    if (Date.now() - started > 10_000) throw new Error("the awaited step never came");
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe("deadlines hold through the real provider path", () => {
  let emulator: Emulator;
  let helper: ProviderHelper;
  let dir: string;
  let provider: string;
  const nextPort = portDispenser(() => emulator);
  /** The id of a NIC no test used before. */
  const freshPort = (): string => nextPort().id;
  const inputs = inputsWith(() => provider, {
    timeouts: { create: TIMEOUT_S, update: TIMEOUT_S, delete: TIMEOUT_S },
  });
  const hang = (...faults: Omit<TargetedFault, "kind" | "delayMs">[]): void =>
    emulator.setFaults({
      next: faults.map((f) => ({ kind: "delay", delayMs: HANG_MS, ...f })),
    });
  /** Runs `operation`, which must fail, and measures how long it took. */
  const timedFailure = async (
    operation: () => Promise<unknown>,
  ): Promise<{ error: HelperCallError; tookMs: number }> => {
    const started = Date.now();
    const error = await operation().then(
      () => undefined,
      (e: unknown) => e,
    );
    const tookMs = Date.now() - started;
    expect(error).toBeInstanceOf(HelperCallError);
    return { error: error as HelperCallError, tookMs };
  };
  const withinDeadline = (tookMs: number): void => {
    expect(tookMs).toBeLessThan(TIMEOUT_S * 1000 + SLACK_MS);
  };

  beforeAll(async () => {
    ({ dir, provider } = await userProvider());
    emulator = await startEmulator({ ecsPorts: 20, bindDelayMs: 200 });
    helper = await startCleanHelper(dir, passwordConfig(emulator));
    // Loads the provider in the helper (no API call) so that no test measures that.
    await helper.check(urn("warm-up"), {}, { __provider: provider, portId: "eth0" });
  }, 300_000);

  afterEach(() => {
    emulator.setFaults({});
  });

  afterAll(async () => {
    await helper?.close();
    await emulator?.close();
  });

  describe("create", () => {
    // First: the helper holds no token yet, so this create must get one.
    it("stops at the deadline when the IAM token request hangs, naming it", async () => {
      hang({ method: "POST", path: "/v3/auth/tokens" });
      const { error, tookMs } = await timedFailure(() => helper.create(urn("c-token"), inputs({})));
      withinDeadline(tookMs);
      expect(error.message).toContain("POST /v3/auth/tokens (IAM token");
      expect(error.message).toContain("within the operation's deadline");
      expect(error.message).not.toMatch(/0 attempts/);
      expect(emulator.counts()[`POST ${EIP}`]).toBeUndefined();
    });

    it("stops at the deadline when the external network look-up hangs, naming it", async () => {
      hang({ method: "GET", path: "/v2.0/networks" });
      const { error, tookMs } = await timedFailure(() => helper.create(urn("c-net"), inputs({})));
      withinDeadline(tookMs);
      expect(error.message).toContain("GET /v2.0/networks");
      expect(error.message).toContain("within the operation's deadline");
      expect(error.message).not.toMatch(/0 attempts/);
      expect(emulator.counts()[`POST ${EIP}`]).toBeUndefined();
    });

    it("reports an unbound create whose POST hangs as an unknown outcome, with the way to find it", async () => {
      hang({ method: "POST", path: EIP });
      const { error, tookMs } = await timedFailure(() =>
        helper.create(urn("c-unbound-post"), inputs({})),
      );
      withinDeadline(tookMs);
      expect(error.message).toContain(`POST ${EIP}`);
      expect(error.message).toMatch(/unknown outcome/);
      expect(error.message).toContain("adoptId");
      expect(error.initFailure).toBeUndefined();
    });

    it("looks at the NIC within the deadline when a bound create's POST hangs", async () => {
      const port = freshPort();
      hang({ method: "POST", path: EIP });
      const before = emulator.counts()[`GET ${EIP}`] ?? 0;
      const { error, tookMs } = await timedFailure(() =>
        helper.create(urn("c-bound-post"), inputs({ portId: port })),
      );
      withinDeadline(tookMs);
      expect(error.message).toContain(`POST ${EIP}`);
      expect(error.message).toContain(`no IPv6 EIP is on that NIC`);
      expect(error.message).toContain(port);
      // The look at the NIC that can find what the POST made was made, in the time kept for it.
      expect(emulator.counts()[`GET ${EIP}`] ?? 0).toBeGreaterThan(before);
    });

    it("says an EIP may be on the NIC when the look after a hanging POST hangs too", async () => {
      const port = freshPort();
      hang({ method: "POST", path: EIP }, { method: "GET", path: EIP, count: 5 });
      const { error, tookMs } = await timedFailure(() =>
        helper.create(urn("c-bound-look"), inputs({ portId: port })),
      );
      withinDeadline(tookMs);
      expect(error.message).toContain(`POST ${EIP}`);
      expect(error.message).toContain(`GET ${EIP}`);
      expect(error.message).toContain(`may now be on NIC ${port}`);
      expect(error.message).toContain("adoptId");
    });

    it("keeps the EIP (init failure with its id) when the GET after the POST and the clean-up read hang", async () => {
      const port = freshPort();
      hang({ method: "GET", path: `${EIP}/{id}`, count: 5 });
      const { error, tookMs } = await timedFailure(() =>
        helper.create(urn("c-get"), inputs({ portId: port })),
      );
      withinDeadline(tookMs);
      const id = error.initFailure?.id;
      expect(id).toBeDefined();
      expect(error.message).toContain(`GET ${EIP}/${id}`);
      expect(error.message).toContain("within the operation's deadline");
      expect(emulator.state().ipv6.map((e) => e.id)).toContain(id);
    });
  });

  describe("update and delete", () => {
    /** A bound EIP made without faults; its create keeps the default timeout. */
    const bound = async (name: string, port: string) =>
      helper.create(
        urn(name),
        inputs({ portId: port, timeouts: { update: TIMEOUT_S, delete: TIMEOUT_S } }),
      );

    it("stops a rebind at the deadline when the waits and reads after the unbind hang", async () => {
      const [a, b] = [freshPort(), freshPort()];
      const created = await bound("u-rebind", a);
      hang({ method: "GET", path: `${EIP}/{id}`, count: 5 });
      const { error, tookMs } = await timedFailure(() =>
        helper.update(urn("u-rebind"), created.id, created.properties, inputs({ portId: b })),
      );
      withinDeadline(tookMs);
      expect(error.initFailure?.id).toBe(created.id);
      expect(error.message).toContain(`GET ${EIP}/${created.id}`);
      expect(error.message).toContain("within the operation's deadline");
    });

    it("stops the put-back after a refused rebind at the deadline when its reads hang", async () => {
      const [a, b] = [freshPort(), freshPort()];
      const created = await bound("u-put-back", a);
      const moved = inputs({ portId: b, timeouts: { update: PUT_BACK_TIMEOUT_S } });
      emulator.setAnswerStyle({ takenPortOnUpdate: "VPC.0511" });
      emulator.resetLog();
      // The unbind and the bind are held a moment each: the first to take the NIC after the live
      // look, the second to make the put-back's reads hang (and nothing before them).
      const hold: TargetedFault = { kind: "delay", method: "PUT", delayMs: 300 };
      emulator.setFaults({ next: [hold, hold] });
      const started = Date.now();
      const update = helper.update(urn("u-put-back"), created.id, created.properties, moved).then(
        () => undefined,
        (e: unknown) => e,
      );
      const puts = () => emulator.counts()[`PUT ${EIP}/{id}`] ?? 0;
      await until(() => puts() >= 1);
      emulator.createIpv4Eip(b);
      await until(() => puts() >= 2);
      hang({ method: "GET", path: `${EIP}/{id}`, count: 5 });
      const error = await update;
      const tookMs = Date.now() - started;
      emulator.setAnswerStyle("classic");
      expect(error).toBeInstanceOf(HelperCallError);
      const failure = error as HelperCallError;
      expect(tookMs).toBeLessThan(PUT_BACK_TIMEOUT_S * 1000 + SLACK_MS);
      expect(failure.message).toContain("VPC.0511");
      expect(failure.initFailure?.id).toBe(created.id);
      expect(failure.message).toContain("It was not put back");
      expect(failure.message).toContain(`GET ${EIP}/${created.id}`);
      expect(failure.message).toContain("within the operation's deadline");
    });

    it("stops a delete at the deadline when the wait after the unbind hangs, keeping the EIP", async () => {
      const port = freshPort();
      const created = await bound("d-unbind", port);
      hang({ method: "GET", path: `${EIP}/{id}`, count: 5 });
      const { error, tookMs } = await timedFailure(() =>
        helper.delete(urn("d-unbind"), created.id, created.properties),
      );
      withinDeadline(tookMs);
      expect(error.message).toContain(`GET ${EIP}/${created.id}`);
      expect(emulator.state().ipv6.map((e) => e.id)).toContain(created.id);
    });
  });
});
