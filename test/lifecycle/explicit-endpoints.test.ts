/**
 * Explicit endpoints and other regions (issue 11.6), through Pulumi's real provider path: with
 * `otc:vpcEndpoint`/`otc:authUrl` set, a `region` other than the configured one is refused at
 * check (no call), and an existing EIP is only reached through the VPC endpoint its state
 * recorded; state of schema 2 (no endpoint recorded) still works and learns it.
 */
import {
  inputsWith,
  passwordConfig,
  startCleanHelper,
  startEmulator,
  urn,
  userProvider,
} from "./real-path-fixture";
import type { Emulator, ProviderHelper } from "./real-path-fixture";

jest.setTimeout(120_000);

const requests = (emulator: Emulator): number =>
  Object.values(emulator.counts()).reduce((sum, n) => sum + n, 0);

describe("explicit endpoints and other regions", () => {
  let home: Emulator;
  let elsewhere: Emulator;
  let dir: string;
  let provider: string;
  const helpers: ProviderHelper[] = [];
  const inputs = inputsWith(() => provider);
  const helperWith = async (config: Record<string, string>): Promise<ProviderHelper> => {
    const helper = await startCleanHelper(dir, config);
    helpers.push(helper);
    return helper;
  };
  const live = (id: string) => home.state().ipv6.find((e) => e.id === id);

  beforeAll(async () => {
    ({ dir, provider } = await userProvider());
    home = await startEmulator({ ecsPorts: 4 });
    elsewhere = await startEmulator({ ecsPorts: 4 });
  }, 300_000);

  afterAll(async () => {
    await Promise.all(helpers.map((h) => h.close()));
    await home?.close();
    await elsewhere?.close();
  });

  it("refuses a region other than the configured one at check, naming it, with no call", async () => {
    const helper = await helperWith(passwordConfig(home));
    home.resetLog();
    const portId = home.ports[0]!.id;
    const result = await helper.check(urn("nl"), {}, inputs({ region: "eu-nl", portId }));
    expect(result.failures).toEqual([
      {
        property: "region",
        reason: expect.stringMatching(
          /region "eu-nl" differs from the configured region "eu-de".*otc:vpcEndpoint.*Leave region out/,
        ),
      },
    ]);
    expect(requests(home)).toBe(0);
  });

  it("refuses to create in another region through explicit endpoints (no POST)", async () => {
    const helper = await helperWith(passwordConfig(home));
    home.resetLog();
    const failure = await helper
      .create(urn("nl-create"), inputs({ region: "eu-nl" }))
      .catch((e: unknown) => e as Error);
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).message).toMatch(/region "eu-nl".*otc:vpcEndpoint/);
    expect(requests(home)).toBe(0);
    expect(home.state().ipv6).toEqual([]);
  });

  it("records the VPC endpoint and refuses refresh/destroy through another one", async () => {
    const before = await helperWith(passwordConfig(home));
    const created = await before.create(urn("recorded"), inputs({}));
    expect(created.properties).toMatchObject({
      vpcEndpoint: home.vpcEndpoint,
      stateSchemaVersion: 4,
    });
    const moved = await helperWith(passwordConfig(elsewhere));
    elsewhere.resetLog();
    const refused = [
      await moved.read(urn("recorded"), created.id, created.properties).catch((e: unknown) => e),
      await moved.delete(urn("recorded"), created.id, created.properties).catch((e: unknown) => e),
    ];
    for (const failure of refused) {
      expect(failure).toBeInstanceOf(Error);
      const message = (failure as Error).message;
      expect(message).toContain(`created through the VPC endpoint ${home.vpcEndpoint}`);
      expect(message).toContain(`now reaches ${elsewhere.vpcEndpoint}`);
      expect(message).toContain("Set otc:vpcEndpoint back");
    }
    expect(requests(elsewhere)).toBe(0);
    expect(live(created.id)).toBeDefined();
    await before.delete(urn("recorded"), created.id, created.properties);
    expect(live(created.id)).toBeUndefined();
  });

  it("keeps serving an existing EIP after otc:region changes, through the same endpoint", async () => {
    const before = await helperWith(passwordConfig(home));
    const given = inputs({ region: home.region });
    const created = await before.create(urn("kept"), given);
    const after = await helperWith({ ...passwordConfig(home), "otc:region": "eu-nl" });
    expect((await after.check(urn("kept"), given, given)).failures).toEqual([]);
    const read = await after.read(urn("kept"), created.id, created.properties);
    expect(read.properties).toMatchObject({ region: home.region, vpcEndpoint: home.vpcEndpoint });
    await after.delete(urn("kept"), created.id, read.properties);
    expect(live(created.id)).toBeUndefined();
  });

  it("reads state of schema 2 (no endpoint recorded) where the config points, and records it", async () => {
    const helper = await helperWith(passwordConfig(home));
    const created = await helper.create(urn("old"), inputs({}));
    const old: Record<string, unknown> = { ...created.properties, stateSchemaVersion: 2 };
    delete old["vpcEndpoint"];
    const read = await helper.read(urn("old"), created.id, old);
    expect(read.id).toBe(created.id);
    expect(read.properties).toMatchObject({ vpcEndpoint: home.vpcEndpoint, stateSchemaVersion: 4 });
    await helper.delete(urn("old"), created.id, old);
    expect(live(created.id)).toBeUndefined();
  });
});
