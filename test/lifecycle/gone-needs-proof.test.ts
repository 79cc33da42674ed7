/**
 * "Gone" needs proof, through Pulumi's real provider path: `refresh` drops an EIP and `destroy`
 * reports success only on OTC's own not-found for that EIP (`404 VPC.0504`), confirmed by the list
 * filtered by its id. A gateway's `404 APIG.0101` or a proxy's HTML 404 is an error that names the
 * endpoint, and the EIP stays in state and in the cloud.
 */
import type { HiddenPath } from "../emulator";
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

const V6 = "/v2.0/eip/floatingips_v6";

describe("gone needs OTC's own not-found", () => {
  let emulator: Emulator;
  let helper: ProviderHelper;
  let provider: string;
  const nextPort = portDispenser(() => emulator);
  /** The id of a NIC no test used before. */
  const freshPort = (): string => nextPort().id;
  const inputs = inputsWith(() => provider);
  const live = (id: string) => emulator.state().ipv6.find((e) => e.id === id);

  beforeAll(async () => {
    let dir: string;
    ({ dir, provider } = await userProvider());
    emulator = await startEmulator({ ecsPorts: 12 });
    helper = await startCleanHelper(dir, passwordConfig(emulator));
  }, 300_000);
  afterEach(() => emulator.hidePaths([]));
  afterAll(async () => {
    await helper?.close();
    await emulator?.close();
  });

  const hiders: [string, HiddenPath["as"], RegExp][] = [
    ["a gateway's 404 APIG.0101", "gateway", /HTTP 404 APIG\.0101/],
    ["a proxy's HTML 404", "proxy", /HTTP 404: non-JSON body: 404 Not Found/],
  ];

  it.each(hiders)("refresh under %s keeps the EIP and names the endpoint", async (...row) => {
    const [, as, answer] = row;
    const created = await helper.create(urn(`refresh-${as}`), inputs({ portId: freshPort() }));
    emulator.hidePaths([{ path: `${V6}/{id}`, method: "GET", as }]);
    const failure = await helper.read(urn(`refresh-${as}`), created.id, created.properties).then(
      (read) => new Error(`refresh answered ${JSON.stringify(read.id)}`),
      (e: unknown) => e as Error,
    );
    expect(failure.message).toMatch(answer);
    expect(failure.message).toContain(emulator.vpcEndpoint);
    expect(failure.message).toContain("otc:vpcEndpoint");
    expect(live(created.id)).toMatchObject({ status: "ACTIVE" });
  });

  it.each(hiders)("destroy under %s fails and the EIP lives on", async (...row) => {
    const [, as, answer] = row;
    const bound = await helper.create(urn(`destroy-${as}`), inputs({ portId: freshPort() }));
    const unbound = await helper.create(urn(`destroy-free-${as}`), inputs({}));
    emulator.hidePaths([{ path: `${V6}*`, as }]);
    for (const [name, made] of [
      [`destroy-${as}`, bound],
      [`destroy-free-${as}`, unbound],
    ] as const) {
      const failure = await helper.delete(urn(name), made.id, made.properties).then(
        () => new Error("destroy reported success"),
        (e: unknown) => e as Error,
      );
      expect(failure.message).toMatch(answer);
      expect(failure.message).toContain(emulator.vpcEndpoint);
    }
    expect(live(bound.id)).toMatchObject({ status: "ACTIVE" });
    expect(live(unbound.id)).toMatchObject({ status: "DOWN" });
  });

  it("destroy fails when only the DELETE is hidden behind a gateway 404", async () => {
    const made = await helper.create(urn("delete-hidden"), inputs({}));
    emulator.hidePaths([{ path: `${V6}/{id}`, method: "DELETE", as: "gateway" }]);
    await expect(helper.delete(urn("delete-hidden"), made.id, made.properties)).rejects.toThrow(
      /APIG\.0101/,
    );
    expect(live(made.id)).toBeDefined();
  });

  it("takes OTC's 404 VPC.0504 as gone once the list by id agrees", async () => {
    const made = await helper.create(urn("really-gone"), inputs({}));
    await outOfBand(emulator, "DELETE", made.id);
    emulator.resetLog();
    expect((await helper.read(urn("really-gone"), made.id, made.properties)).id).toBe("");
    await helper.delete(urn("really-gone"), made.id, made.properties);
    const lists = emulator
      .requestLog()
      .filter((e) => e.key === `GET ${V6}` && e.query === `id=${made.id}`);
    expect(lists).toHaveLength(2);
  });

  it("does not take a 404 VPC.0504 as gone when the list cannot confirm it", async () => {
    const made = await helper.create(urn("unconfirmed"), inputs({}));
    await outOfBand(emulator, "DELETE", made.id);
    emulator.hidePaths([{ path: V6, method: "GET", as: "gateway" }]);
    await expect(helper.read(urn("unconfirmed"), made.id, made.properties)).rejects.toThrow(
      /APIG\.0101/,
    );
    await expect(helper.delete(urn("unconfirmed"), made.id, made.properties)).rejects.toThrow(
      /APIG\.0101/,
    );
  });
});
