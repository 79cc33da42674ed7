/**
 * The lifecycle with an in-memory client and a fake clock: the paths the emulator cannot reach
 * cheaply (deadlines, repeated "unbind first", configuration failures).
 */
import { ConfigurationError, ResourceInitError } from "../../provider/core/errors";
import { createLifecycle } from "../../provider/lifecycle/create-lifecycle";
import type { LifecycleDeps } from "../../provider/lifecycle/deps";
import { FakeOtcClient } from "./fake-otc-client";

const PORT = "552389f5-8f4c-4bb7-9991-07233c315d60";

function setUp(options: { noSettings?: boolean } = {}) {
  const client = new FakeOtcClient();
  const lines: string[] = [];
  let now = 1_000_000;
  const sleeps: number[] = [];
  const deps: LifecycleDeps = {
    configKeys: ["otc:region"],
    loadSettings: () =>
      options.noSettings
        ? Promise.reject(new ConfigurationError([{ key: "otc:password", reason: "missing" }]))
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
    expect((await lifecycle.check(ctx, {}, { portId: "x" })).failures).toHaveLength(1);
    expect(client.calls).toEqual([]);
    await expect(lifecycle.create(ctx, { portId: PORT })).rejects.toBeInstanceOf(
      ConfigurationError,
    );
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
});
