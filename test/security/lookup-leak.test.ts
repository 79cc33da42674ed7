/**
 * No credential leaves a look-up (`getIpv6Eip`): found EIPs, every error (none found, half an
 * identity, a wrong password, a wrong secret key) and the debug log, with distinctive canary
 * secrets, in the password and AK/SK modes, through `otc:*` and a named connection.
 */
import { closeSharedClients, setSharedClientOptions } from "../../provider/client/otc-client";
import type { ConfigReader } from "../../provider/lookup/load-connection-settings";
import { lookUpInProgram } from "../../provider/lookup/program-lookup";
import { akskStackConfig, passwordStackConfig, startEmulator } from "../emulator";
import type { Emulator } from "../emulator";
import { CANARY, canarySecrets, findLeaks } from "./canary-credentials";

const readerOf =
  (config: Record<string, string>): ConfigReader =>
  (namespace, key) =>
    config[`${namespace}:${key}`];

describe("getIpv6Eip's look-up keeps credentials to itself", () => {
  let emulator: Emulator;
  const debugLines: string[] = [];

  beforeAll(async () => {
    emulator = await startEmulator({ credentials: CANARY });
    setSharedClientOptions({ debug: true, logger: (line) => debugLines.push(line) });
  });
  afterAll(async () => {
    setSharedClientOptions({});
    await closeSharedClients();
    await emulator?.close();
  });

  it("shows no secret in results, errors or the debug log", async () => {
    const texts = new Map<string, string>();
    const eip = emulator.createIpv6Eip(emulator.addPort("ecs").id);
    const missing = "9b3c1b2e-5a6f-4c1d-8e7f-0a1b2c3d4e5f";
    const password = passwordStackConfig(emulator);
    const aksk = akskStackConfig(emulator);
    const { "otc:password": _password, ...halfPassword } = password;
    const cases: [string, Record<string, string>, Record<string, unknown>][] = [
      ["password, found", password, { id: eip.id }],
      ["AK/SK, found", aksk, { address: eip.address }],
      ["password, none", password, { id: missing }],
      ["AK/SK, none", aksk, { ipv4Address: "198.19.22.227" }],
      ["half an identity", halfPassword, { id: eip.id }],
      [
        "wrong password",
        { ...password, "otc:password": `${CANARY.password}-wrong` },
        { id: eip.id },
      ],
      [
        "wrong secret key",
        { ...aksk, "otc:secretKey": `${CANARY.secretKey}-wrong` },
        { id: eip.id },
      ],
    ];
    const named = (config: Record<string, string>) =>
      Object.fromEntries(
        Object.entries(config).map(([key, value]) => [key.replace(/^otc:/, "otc-x:"), value]),
      );
    cases.push(
      ["named connection, found", named(aksk), { id: eip.id, connection: "otc-x" }],
      [
        "named connection, wrong password",
        named({ ...password, "otc:password": `${CANARY.password}-wrong` }),
        { id: eip.id, connection: "otc-x" },
      ],
    );
    let found = 0;
    for (const [name, config, args] of cases) {
      const outcome = await lookUpInProgram(args, readerOf(config)).then(
        (result) => {
          found++;
          return JSON.stringify(result);
        },
        (error: unknown) => `${String(error)} ${JSON.stringify(error)}`,
      );
      texts.set(name, outcome);
    }
    expect(found).toBe(3);
    texts.set("debug log", debugLines.join("\n"));
    expect(debugLines.length).toBeGreaterThan(0);
    const wrong = {
      wrongPassword: `${CANARY.password}-wrong`,
      wrongSecretKey: `${CANARY.secretKey}-wrong`,
    };
    for (const name of [
      "half an identity",
      "wrong password",
      "wrong secret key",
      "named connection, wrong password",
    ]) {
      expect({ name, failed: /Error/.test(texts.get(name) ?? "") }).toEqual({ name, failed: true });
    }
    expect(findLeaks(texts, canarySecrets(wrong))).toEqual([]);
  });
});
