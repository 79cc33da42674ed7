/**
 * Rejected authentication is surfaced as an auth error and never retried: a tampered AK/SK
 * signature (a wrong secret key), a wrong password and a revoked token each cost exactly one
 * request at the emulator, and the message never carries the credential. A stale `X-Sdk-Date`
 * whose skew OTC's `Date` header shows is corrected and sent once more.
 */
import { startEmulator } from "../emulator";
import type { Emulator } from "../emulator";
import { HelperCallError } from "../harness";
import type { ProviderHelper } from "../harness";
import { eipUrn, startCleanHelper, userProvider } from "../fault/helper-stack";

jest.setTimeout(120_000);

const WRONG_SECRET = "WrongSecretKey0000000000000000000000000x";
const WRONG_PASSWORD = "wrong-password-0000";
const REVOKED_TOKEN = "MIIrevokedTokenThatIamNeverIssued0000";

function akskConfig(e: Emulator, secretKey = e.secretKey): Record<string, string> {
  return {
    "otc:region": e.region,
    "otc:vpcEndpoint": e.vpcEndpoint,
    "otc:authUrl": e.authUrl,
    "otc:projectId": e.projectId,
    "otc:accessKey": e.accessKey,
    "otc:secretKey": secretKey,
  };
}

describe("rejected authentication", () => {
  let dir: string;
  let provider: string;
  let helper: ProviderHelper;
  let variant = 0;
  const emulators: Emulator[] = [];

  const freshEmulator = async (): Promise<Emulator> => {
    const emulator = await startEmulator();
    emulators.push(emulator);
    return emulator;
  };

  /** Creates an unbound EIP under `config` (a fresh provider instance in the same helper). */
  const createWith = async (
    emulator: Emulator,
    config: Record<string, string>,
  ): Promise<HelperCallError> => {
    await helper.configure(config);
    // A distinct provider text makes the helper configure a new provider with this config.
    variant++;
    const inputs = {
      __provider: `${provider}${"\n".repeat(variant)}`,
      floatingNetworkId: emulator.externalNetworkId,
      suppressWarnings: true,
    };
    const failure = await helper.create(eipUrn(`auth-${variant}`), inputs).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(HelperCallError);
    return failure as HelperCallError;
  };

  beforeAll(async () => {
    ({ dir, provider } = await userProvider());
    helper = await startCleanHelper(dir, undefined);
  }, 300_000);

  afterAll(async () => {
    await helper?.close();
    await Promise.all(emulators.map((e) => e.close()));
  });

  it("a tampered AK/SK signature: an auth error, one request, no retry", async () => {
    const emulator = await freshEmulator();
    const failure = await createWith(emulator, akskConfig(emulator, WRONG_SECRET));
    expect(failure.message).toMatch(/HTTP 401 APIG\.03\d\d/);
    expect(failure.message).not.toContain(WRONG_SECRET);
    expect(emulator.counts()).toEqual({ "POST /v2.0/eip/floatingips_v6": 1 });
    expect(emulator.state().ipv6).toEqual([]);
  });

  it("a clock an hour off: one rejected request, then signed by OTC's clock (its Date header)", async () => {
    const emulator = await freshEmulator();
    // The emulator's clock runs an hour ahead: the provider's signing date is outside its window.
    emulator.advanceClock(3600);
    await helper.configure(akskConfig(emulator));
    variant++;
    const created = await helper.create(eipUrn(`auth-${variant}`), {
      __provider: `${provider}${"\n".repeat(variant)}`,
      floatingNetworkId: emulator.externalNetworkId,
      suppressWarnings: true,
    });
    // One POST refused for its date, one accepted: the key saw a single failure.
    expect(emulator.counts()["POST /v2.0/eip/floatingips_v6"]).toBe(2);
    expect(emulator.state().ipv6.map((e) => e.id)).toEqual([created.id]);
  });

  it("a wrong password: an auth error, one token request, no retry", async () => {
    const emulator = await freshEmulator();
    const failure = await createWith(emulator, {
      "otc:region": emulator.region,
      "otc:vpcEndpoint": emulator.vpcEndpoint,
      "otc:authUrl": emulator.authUrl,
      "otc:projectName": emulator.projectName,
      "otc:domainName": emulator.domainName,
      "otc:userName": emulator.userName,
      "otc:password": WRONG_PASSWORD,
    });
    expect(failure.message).toMatch(/HTTP 401/);
    expect(failure.message).not.toContain(WRONG_PASSWORD);
    expect(emulator.counts()).toEqual({ "POST /v3/auth/tokens": 1 });
  });

  it("a revoked pre-issued token: an auth error, one request, no retry", async () => {
    const emulator = await freshEmulator();
    const failure = await createWith(emulator, {
      "otc:region": emulator.region,
      "otc:vpcEndpoint": emulator.vpcEndpoint,
      "otc:authUrl": emulator.authUrl,
      "otc:projectId": emulator.projectId,
      "otc:token": REVOKED_TOKEN,
    });
    expect(failure.message).toMatch(/HTTP 401 APIG\.03\d\d/);
    expect(failure.message).not.toContain(REVOKED_TOKEN);
    expect(emulator.counts()).toEqual({ "POST /v2.0/eip/floatingips_v6": 1 });
  });
});
