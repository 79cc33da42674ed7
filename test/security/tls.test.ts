/**
 * TLS through the provider helper against the emulator's HTTPS mode: a custom CA works from
 * `otc:caCert` (a file or PEM text) and from `OS_CACERT`; without it the certificate is refused
 * with a clear TLS error (verification stays on, `OS_INSECURE` changes nothing); a plain
 * `http://` endpoint on a host that is not loopback is refused by configuration before any request.
 */
import { startEmulator } from "../emulator";
import type { Emulator } from "../emulator";
import { HelperCallError } from "../harness";
import type { ProviderHelper } from "../harness";
import { eipUrn, passwordStackConfig, startCleanHelper, userProvider } from "../fault/helper-stack";

jest.setTimeout(120_000);

describe("TLS", () => {
  let emulator: Emulator;
  let dir: string;
  let provider: string;
  const helpers: ProviderHelper[] = [];

  const helperWith = async (
    config: Record<string, string>,
    env: NodeJS.ProcessEnv = {},
  ): Promise<ProviderHelper> => {
    const helper = await startCleanHelper(dir, config, env);
    helpers.push(helper);
    return helper;
  };
  /** An unbound EIP: create, then delete; returns the id. */
  const createAndDelete = async (helper: ProviderHelper, name: string): Promise<string> => {
    const inputs = { __provider: provider, suppressWarnings: true };
    const created = await helper.create(eipUrn(name), inputs);
    expect(created.properties).toMatchObject({ status: "DOWN" });
    await helper.delete(eipUrn(name), created.id, created.properties);
    return created.id;
  };
  const totalRequests = (): number =>
    Object.values(emulator.counts()).reduce((sum, n) => sum + n, 0);

  beforeAll(async () => {
    ({ dir, provider } = await userProvider());
    emulator = await startEmulator({ https: true });
    expect(emulator.url.startsWith("https://")).toBe(true);
  }, 300_000);

  afterAll(async () => {
    await Promise.all(helpers.map((h) => h.close()));
    await emulator?.close();
  });

  beforeEach(() => emulator.resetLog());

  it("trusts the CA given as a file in otc:caCert", async () => {
    const helper = await helperWith({
      ...passwordStackConfig(emulator),
      "otc:caCert": emulator.caCertFile as string,
    });
    await createAndDelete(helper, "ca-file");
    expect(emulator.counts()["POST /v2.0/eip/floatingips_v6"]).toBe(1);
  });

  it("trusts the CA given as PEM text in otc:caCert", async () => {
    const helper = await helperWith({
      ...passwordStackConfig(emulator),
      "otc:caCert": emulator.caPem as string,
    });
    await createAndDelete(helper, "ca-pem");
  });

  it("trusts the CA named by OS_CACERT", async () => {
    const helper = await helperWith(passwordStackConfig(emulator), {
      OS_CACERT: emulator.caCertFile as string,
    });
    await createAndDelete(helper, "ca-env");
  });

  it.each([
    ["without a CA", {}],
    ["with OS_INSECURE=1, which is ignored", { OS_INSECURE: "1" }],
  ])("refuses the certificate %s, with a clear TLS error", async (_name, env) => {
    const helper = await helperWith(passwordStackConfig(emulator), env);
    const failure = await helper
      .create(eipUrn("no-ca"), { __provider: provider, suppressWarnings: true })
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(HelperCallError);
    const message = (failure as HelperCallError).message;
    expect(message).toMatch(/TLS/);
    expect(message).toContain("otc:caCert");
    // The handshake failed: no HTTP request reached the emulator, nothing was created.
    expect(totalRequests()).toBe(0);
    expect(emulator.state().ipv6).toEqual([]);
  });

  it("refuses plain http:// to a host that is not loopback, before any request", async () => {
    const helper = await helperWith({
      ...passwordStackConfig(emulator),
      "otc:vpcEndpoint": "http://vpc.eu-de.otc.t-systems.com",
    });
    const failure = await helper
      .create(eipUrn("http"), { __provider: provider, suppressWarnings: true })
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(HelperCallError);
    expect((failure as HelperCallError).message).toContain("otc:vpcEndpoint");
    expect((failure as HelperCallError).message).toContain("https://");
    // Not even the token request (its auth URL is the emulator's) was sent.
    expect(totalRequests()).toBe(0);
  });
});
