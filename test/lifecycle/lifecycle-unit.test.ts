/**
 * The lifecycle with an in-memory client and a fake clock: the paths the emulator cannot reach
 * cheaply (deadlines, repeated "unbind first", configuration failures).
 */
import { resolveSettings } from "../../provider/client/settings/settings";
import {
  ConfigurationError,
  NicAlreadyHasEipError,
  OutcomeUnknownError,
  ResourceInitError,
  SecondEipOnNicError,
} from "../../provider/core/errors";
import { createLifecycle } from "../../provider/lifecycle/create-lifecycle";
import type { LifecycleDeps } from "../../provider/lifecycle/deps";
import { FakeOtcClient } from "./fake-otc-client";

const PORT = "552389f5-8f4c-4bb7-9991-07233c315d60";
const OTHER_PORT = "7d2a4b1c-0b5e-4c1f-9a83-2f4f0e5d9c11";

/** The error the real settings raise for `config` with an empty environment. */
function settingsError(config: Record<string, string>): ConfigurationError {
  try {
    resolveSettings({ config, env: {} });
  } catch (error) {
    if (error instanceof ConfigurationError) return error;
    throw error;
  }
  throw new Error("expected the settings to be refused");
}

function setUp(options: { noSettings?: boolean; badSettings?: boolean } = {}) {
  const client = new FakeOtcClient();
  const lines: string[] = [];
  let now = 1_000_000;
  const sleeps: number[] = [];
  const deps: LifecycleDeps = {
    configKeys: ["otc:region"],
    loadSettings: () =>
      options.noSettings
        ? Promise.reject(settingsError({ "otc:region": "eu-de" }))
        : options.badSettings
          ? Promise.reject(
              settingsError({ "otc:region": "eu_de", "otc:vpcEndpoint": "http://vpc.example.com" }),
            )
          : Promise.resolve({ region: "eu-de", warnings: ["a settings remark"] }),
    getClient: () => client,
    log: (line) => lines.push(line),
    sleep: (ms) => {
      sleeps.push(ms);
      now += ms;
      return Promise.resolve();
    },
    now: () => now,
  };
  client.now = () => now;
  return { client, lines, sleeps, lifecycle: createLifecycle(deps) };
}

describe("lifecycle (in-memory client)", () => {
  it("raises a bind that never completes as an init failure at the create deadline", async () => {
    const { client, lifecycle, sleeps } = setUp();
    client.bindOutcome = "stay";
    const ctx = await lifecycle.configure();
    const failure = await lifecycle
      .create(ctx, { __provider: "text", portId: PORT, timeouts: { create: 10 } })
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ResourceInitError);
    const init = failure as ResourceInitError;
    expect(client.eips.has(init.id)).toBe(true);
    expect(init.properties).toMatchObject({ __provider: "text", status: "DOWN" });
    expect(init.reasons.join(" ")).toMatch(/timeout/);
    expect(sleeps[0]).toBeLessThanOrEqual(250);
    expect(sleeps.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(10_000);
  });

  it("calls a retry that only waits for a bind to finish a wait, not a move", async () => {
    const { client, lifecycle } = setUp();
    client.bindOutcome = "stay";
    const ctx = await lifecycle.configure();
    const inputs = { __provider: "text", portId: PORT, timeouts: { create: 5, update: 5 } };
    const first = (await lifecycle
      .create(ctx, inputs)
      .catch((e: unknown) => e)) as ResourceInitError;
    expect(first).toBeInstanceOf(ResourceInitError);
    const again = await lifecycle
      .update(ctx, first.id, first.properties, inputs)
      .catch((e: unknown) => e);
    expect(again).toBeInstanceOf(ResourceInitError);
    const reasons = (again as ResourceInitError).reasons.join(" ");
    expect(reasons).toContain(
      `Waiting for IPv6 EIP ${first.id} to settle on NIC ${PORT} (it was DOWN)`,
    );
    expect(reasons).not.toMatch(/Moving/);
  });

  it("deletes after repeated 'unbind first' answers, and treats a second delete as done", async () => {
    const { client, lifecycle } = setUp();
    const ctx = await lifecycle.configure();
    const created = await lifecycle.create(ctx, { portId: PORT });
    client.unbindFirstOnDelete = 1;
    await lifecycle.delete(ctx, created.id, created.outs);
    expect(client.eips.size).toBe(0);
    expect(client.calls.filter((c) => c === "unbind")).toHaveLength(2);
    await lifecycle.delete(ctx, created.id, created.outs);
  });

  it("answers an empty id when the EIP is gone", async () => {
    const { lifecycle } = setUp();
    const ctx = await lifecycle.configure();
    expect(await lifecycle.read(ctx, "00000000-0000-4000-8000-000000000099", {})).toEqual({
      id: "",
    });
  });

  it("skips the live guard without settings, saying so, and makes no call for invalid input", async () => {
    const { client, lifecycle, lines } = setUp({ noSettings: true });
    const ctx = await lifecycle.configure({ config: { get: () => undefined } });
    expect((await lifecycle.check(ctx, {}, { portId: PORT })).failures).toEqual([]);
    expect(lines.join("\n")).toContain("otc:password");
    expect(lines.join("\n")).toMatch(/skipped/);
    expect((await lifecycle.check(ctx, {}, { portId: "x" })).failures).toHaveLength(1);
    expect(client.calls).toEqual([]);
    await expect(lifecycle.create(ctx, { portId: PORT })).rejects.toBeInstanceOf(
      ConfigurationError,
    );
  });

  it("refuses a region change that keeps the NIC with no call, even without credentials", async () => {
    const { client, lifecycle } = setUp({ noSettings: true });
    const ctx = await lifecycle.configure();
    const result = await lifecycle.check(
      ctx,
      { portId: PORT, region: "eu-de" },
      { portId: PORT, region: "eu-nl" },
    );
    expect(result.failures.map((f) => f.property)).toEqual(["region"]);
    expect(client.calls).toEqual([]);
  });

  it("confirms an external network once per run, and a port's kind feeds the create", async () => {
    const { client, lifecycle } = setUp();
    const ctx = await lifecycle.configure();
    const net = "5ce655fa-c911-4d2c-99f7-445bc1162ef8";
    for (const port of [PORT, OTHER_PORT]) {
      const news = { portId: port, floatingNetworkId: net };
      expect((await lifecycle.check(ctx, {}, news)).failures).toEqual([]);
    }
    expect(client.calls.filter((c) => c === "network")).toHaveLength(1);
    expect(client.calls.filter((c) => c === "port")).toHaveLength(2);
    client.calls.length = 0;
    const created = await lifecycle.create(ctx, { portId: PORT, floatingNetworkId: net });
    expect(created.outs).toMatchObject({ portKind: "ecs" });
    expect(client.calls).not.toContain("port");
  });

  it("refuses an internal network and a port that is not a NIC, in one check", async () => {
    const { client, lifecycle } = setUp();
    const ctx = await lifecycle.configure();
    client.portOwners.set(PORT, "network:dhcp");
    const result = await lifecycle.check(
      ctx,
      {},
      { portId: PORT, floatingNetworkId: "0a2228f2-7f8a-45f1-8e09-9039e1d09975" },
    );
    expect(result.failures.map((f) => f.property)).toEqual(["portId", "floatingNetworkId"]);
    expect(result.failures[1]?.reason).toContain("5ce655fa-c911-4d2c-99f7-445bc1162ef8");
  });

  it("prints the settings' remarks once and reads only the declared config keys", async () => {
    const { lifecycle, lines } = setUp();
    const seen: string[] = [];
    const ctx = await lifecycle.configure({
      config: {
        get: (key) => {
          seen.push(key);
          return key === "otc:region" ? "eu-de" : undefined;
        },
      },
    });
    expect(ctx.config).toEqual({ "otc:region": "eu-de" });
    expect(seen).toEqual(["otc:region"]);
    await lifecycle.create(ctx, {});
    await lifecycle.create(ctx, {});
    expect(lines.filter((l) => l.includes("a settings remark"))).toHaveLength(1);
  });

  it("fails the check when settings are given but invalid, naming every problem", async () => {
    const { client, lifecycle } = setUp({ badSettings: true });
    const ctx = await lifecycle.configure();
    const failure = await lifecycle.check(ctx, {}, { portId: PORT }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ConfigurationError);
    expect((failure as Error).message).toMatch(/otc:region.*"eu_de"/);
    expect((failure as Error).message).toMatch(/otc:vpcEndpoint.*http:\/\//);
    expect(client.calls).toEqual([]);
  });

  it("deletes from the state: bound = unbind, read, delete; unbound = delete", async () => {
    const { client, lifecycle } = setUp();
    const ctx = await lifecycle.configure();
    const bound = await lifecycle.create(ctx, { portId: PORT });
    const unbound = await lifecycle.create(ctx, {});
    client.calls.length = 0;
    await lifecycle.delete(ctx, bound.id, bound.outs);
    expect(client.calls).toEqual(["unbind", "get", "delete"]);
    client.calls.length = 0;
    await lifecycle.delete(ctx, unbound.id, unbound.outs);
    expect(client.calls).toEqual(["delete"]);
    expect(client.eips.size).toBe(0);
  });

  it("deletes an EIP that the state shows unbound but was bound since", async () => {
    const { client, lifecycle } = setUp();
    const ctx = await lifecycle.configure();
    const created = await lifecycle.create(ctx, {});
    await client.updateIpv6FloatingIpPort(created.id, PORT);
    client.calls.length = 0;
    await lifecycle.delete(ctx, created.id, created.outs);
    expect(client.calls).toEqual(["delete", "unbind", "get", "delete"]);
    expect(client.eips.size).toBe(0);
  });

  it("rebinds in 6 calls: a live look at the new NIC right before the unbind, then the move", async () => {
    const { client, lifecycle } = setUp();
    const ctx = await lifecycle.configure();
    const created = await lifecycle.create(ctx, { portId: PORT });
    const moved = { portId: OTHER_PORT };
    expect((await lifecycle.check(ctx, { portId: PORT }, moved)).failures).toEqual([]);
    client.calls.length = 0;
    const updated = await lifecycle.update(ctx, created.id, created.outs, moved);
    // The check's port look-up told the kind; whether the NIC is free is asked again, live.
    expect(client.calls.slice(0, 2).sort()).toEqual(["list4", "list6"]);
    expect(client.calls.slice(2)).toEqual(["unbind", "get", "bind", "get"]);
    expect(updated.outs).toMatchObject({ portId: OTHER_PORT, status: "ACTIVE", portKind: "ecs" });
  });

  it("refuses a rebind onto a NIC that an EIP took since check, changing nothing", async () => {
    const { client, lifecycle } = setUp();
    const ctx = await lifecycle.configure();
    const other = await lifecycle.create(ctx, { portId: OTHER_PORT });
    expect((await lifecycle.check(ctx, { portId: OTHER_PORT }, { portId: PORT })).failures).toEqual(
      [],
    );
    await lifecycle.create(ctx, { portId: PORT });
    client.calls.length = 0;
    const failure = await lifecycle
      .update(ctx, other.id, other.outs, { portId: PORT })
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(SecondEipOnNicError);
    expect((failure as Error).message).toContain("Nothing was changed");
    expect(client.calls.slice().sort()).toEqual(["list4", "list6"]);
    expect(client.eips.get(other.id)).toMatchObject({ portId: OTHER_PORT, status: "ACTIVE" });
  });

  it("puts the EIP back on its old NIC when the bind is refused after the unbind", async () => {
    const { client, lifecycle } = setUp();
    const ctx = await lifecycle.configure();
    const created = await lifecycle.create(ctx, { portId: PORT });
    const moved = { __provider: "text", portId: OTHER_PORT };
    await lifecycle.check(ctx, { portId: PORT }, moved);
    client.takenPorts.add(OTHER_PORT);
    const failure = await lifecycle
      .update(ctx, created.id, created.outs, moved)
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ResourceInitError);
    const init = failure as ResourceInitError;
    expect(init.cause).toBeInstanceOf(NicAlreadyHasEipError);
    expect(init.reasons.join(" ")).toContain(OTHER_PORT);
    expect(init.reasons.join(" ")).toContain("put back");
    expect(init.properties).toMatchObject({ portId: PORT, status: "ACTIVE", __provider: "text" });
    expect(client.eips.get(created.id)).toMatchObject({ portId: PORT, status: "ACTIVE" });
    expect(client.calls.filter((c) => c === "bind")).toHaveLength(2);
  });

  it("reports the EIP unbound when its old NIC cannot take it back either", async () => {
    const { client, lifecycle } = setUp();
    const ctx = await lifecycle.configure();
    const created = await lifecycle.create(ctx, { portId: PORT });
    client.takenPorts.add(OTHER_PORT);
    const unbind = client.updateIpv6FloatingIpPort.bind(client);
    client.updateIpv6FloatingIpPort = (id, portId) => {
      // Another tool takes the old NIC as soon as the EIP leaves it.
      if (portId === null) client.takenPorts.add(PORT);
      return unbind(id, portId);
    };
    const failure = await lifecycle
      .update(ctx, created.id, created.outs, { __provider: "text", portId: OTHER_PORT })
      .catch((e: unknown) => e);
    const init = failure as ResourceInitError;
    expect(init).toBeInstanceOf(ResourceInitError);
    expect(init.properties).toMatchObject({ portId: null, status: "DOWN" });
    expect(init.reasons.join(" ")).toMatch(/not put back: binding it back failed/);
  });

  it("redoes a move from a fresh read when the state was stale", async () => {
    const { client, lifecycle } = setUp();
    const ctx = await lifecycle.configure();
    const created = await lifecycle.create(ctx, {});
    await client.updateIpv6FloatingIpPort(created.id, PORT);
    const updated = await lifecycle.update(ctx, created.id, created.outs, {
      portId: OTHER_PORT,
    });
    expect(updated.outs).toMatchObject({ portId: OTHER_PORT, status: "ACTIVE" });
  });

  it("resends a bound create after a look at the NIC when its outcome was unknown", async () => {
    const { client, lifecycle, lines } = setUp();
    const ctx = await lifecycle.configure();
    client.unknownCreates = ["lost"];
    const created = await lifecycle.create(ctx, { portId: PORT });
    expect(client.calls.filter((c) => c === "create" || c === "list6")).toEqual([
      "create",
      "list6",
      "create",
    ]);
    expect(client.eips.size).toBe(1);
    expect(created.outs).toMatchObject({ portId: PORT, status: "ACTIVE" });
    expect(lines.join("\n")).toMatch(/sending it again/);
  });

  it("keeps the whole retry budget: adopts what a later resend made, gives up only after all", async () => {
    const { client, lifecycle } = setUp();
    const ctx = await lifecycle.configure();
    client.unknownCreates = ["lost", "lost", "lost", "made"];
    const created = await lifecycle.create(ctx, { portId: PORT });
    expect(client.eips.size).toBe(1);
    expect(created.outs).toMatchObject({ portId: PORT, status: "ACTIVE" });
    expect(client.calls.filter((c) => c === "create")).toHaveLength(4);

    client.calls.length = 0;
    client.unknownCreates = Array.from({ length: client.maxCreateAttempts }, () => "lost" as const);
    const failure = await lifecycle.create(ctx, { portId: OTHER_PORT }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(OutcomeUnknownError);
    expect((failure as Error).message).toContain(OTHER_PORT);
    const creates = client.calls.filter((c) => c === "create");
    expect(creates).toHaveLength(client.maxCreateAttempts);
    // Every resend came after a look at the NIC.
    const sequence = client.calls.filter((c) => c === "create" || c === "list6");
    for (let i = 1; i < sequence.length; i++) {
      if (sequence[i] === "create") expect(sequence[i - 1]).toBe("list6");
    }
    expect(client.eips.size).toBe(1);
  });

  it("refuses a foreign, older EIP found on the NIC after a lost answer, naming it", async () => {
    const { client, lifecycle } = setUp();
    const ctx = await lifecycle.configure();
    const foreign = {
      id: "3f0e5b9c-1d2a-4c5b-8e7f-6a9b0c1d2e3f",
      status: "ACTIVE",
      floatingIpAddress: "cdcd:910a:2222:5498:8475:1111:c613:16e3",
      floatingNetworkId: "5ce655fa-c911-4d2c-99f7-445bc1162ef8",
      routerId: null,
      portId: PORT,
      fixedIpAddress: null,
      tenantId: null,
      projectId: null,
      createdAt: new Date(ctx.deps.now() - 600_000).toISOString().slice(0, 19),
      updatedAt: null,
    };
    client.eips.set(foreign.id, { ...foreign });
    client.unknownCreates = ["lost"];
    const failure = await lifecycle.create(ctx, { portId: PORT }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(SecondEipOnNicError);
    const message = (failure as Error).message;
    expect(message).toContain(foreign.id);
    expect(message).toContain(foreign.floatingIpAddress);
    expect(message).toMatch(/600 s ago/);
    expect(message).toContain(`adoptId: "${foreign.id}"`);
    expect(client.eips.get(foreign.id)).toMatchObject({ portId: PORT, status: "ACTIVE" });
    expect(client.calls.filter((c) => c === "create")).toHaveLength(1);
  });

  it("refuses an EIP on the NIC whose created_at is missing or whose network differs", async () => {
    for (const change of [{ createdAt: null }, { floatingNetworkId: OTHER_PORT }]) {
      const { client, lifecycle } = setUp();
      const ctx = await lifecycle.configure();
      client.unknownCreates = ["made"];
      client.onCreated = (eip) => Object.assign(eip, change);
      const failure = await lifecycle.create(ctx, { portId: PORT }).catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(SecondEipOnNicError);
      expect((failure as Error).message).toMatch(/created_at|network/);
    }
  });

  it("never resends an unbound create whose outcome was unknown", async () => {
    const { client, lifecycle } = setUp();
    const ctx = await lifecycle.configure();
    client.unknownCreates = ["lost"];
    const failure = await lifecycle.create(ctx, {}).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(OutcomeUnknownError);
    expect((failure as Error).message).toMatch(/may now exist/);
    expect(client.calls.filter((c) => c === "create")).toHaveLength(1);
  });
});
