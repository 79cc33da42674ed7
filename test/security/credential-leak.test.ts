/**
 * No credential ever leaves the provider: full lifecycles in every auth mode (password, AK/SK in
 * both signing formats, a pre-issued token, environment only) against an emulator whose secrets are
 * distinctive canaries, with debug logging on; then the serialized provider, every output, every
 * log line of the helper, every error message and the emulator's request log (auth headers aside)
 * are searched for the secrets.
 */
import { startEmulator } from "../emulator";
import type { Emulator } from "../emulator";
import { getToken } from "../emulator/helpers/emulator-client";
import { HelperCallError, serializeResourceProvider, sharedUserProject } from "../harness";
import type { AuthKind } from "../emulator";
import { eipUrn, startCleanHelper } from "../fault/helper-stack";
import { CANARY, canarySecrets, findLeaks } from "./canary-credentials";

jest.setTimeout(180_000);

/** One way a user configures credentials. */
interface AuthMode {
  name: string;
  config: (e: Emulator) => Record<string, string>;
  env: (e: Emulator) => NodeJS.ProcessEnv;
  /** How the emulator must see the API calls authenticated. */
  apiAuth: AuthKind;
  /** Inputs the resource needs besides the port (e.g. `connection`). */
  inputs?: Record<string, unknown>;
}

const endpoints = (e: Emulator): Record<string, string> => ({
  "otc:region": e.region,
  "otc:authUrl": e.authUrl,
  "otc:vpcEndpoint": e.vpcEndpoint,
});

const MODES: readonly AuthMode[] = [
  {
    name: "password (stack config)",
    config: (e) => ({
      ...endpoints(e),
      "otc:projectName": e.projectName,
      "otc:domainName": e.domainName,
      "otc:userName": e.userName,
      "otc:password": e.password,
    }),
    env: () => ({}),
    apiAuth: "token",
  },
  ...(["credential", "access"] as const).map((format): AuthMode => ({
    name: `AK/SK, signing format ${format}`,
    config: (e) => ({
      ...endpoints(e),
      "otc:projectId": e.projectId,
      "otc:accessKey": e.accessKey,
      "otc:secretKey": e.secretKey,
      "otc:signingFormat": format,
    }),
    env: () => ({}),
    apiAuth: "aksk",
  })),
  {
    name: "pre-issued token",
    config: (e) => ({ ...endpoints(e), "otc:projectId": e.projectId, "otc:token": preIssued }),
    env: () => ({}),
    apiAuth: "token",
  },
  ...(["otc-prod", "otc-pw"] as const).map((ns): AuthMode => ({
    name: `named connection ${ns}:* (${ns === "otc-prod" ? "AK/SK" : "password"})`,
    config: (e) => ({
      [`${ns}:region`]: e.region,
      [`${ns}:authUrl`]: e.authUrl,
      [`${ns}:vpcEndpoint`]: e.vpcEndpoint,
      ...(ns === "otc-prod"
        ? {
            [`${ns}:projectName`]: e.projectName,
            [`${ns}:accessKey`]: e.accessKey,
            [`${ns}:secretKey`]: e.secretKey,
          }
        : {
            [`${ns}:projectName`]: e.projectName,
            [`${ns}:domainName`]: e.domainName,
            [`${ns}:userName`]: e.userName,
            [`${ns}:password`]: e.password,
          }),
    }),
    env: () => ({}),
    apiAuth: ns === "otc-prod" ? "aksk" : "token",
    inputs: { connection: ns },
  })),
  {
    name: "environment only",
    config: (e) => ({ "otc:vpcEndpoint": e.vpcEndpoint }),
    env: (e) => ({
      OS_AUTH_URL: e.authUrl,
      OS_REGION_NAME: e.region,
      OS_PROJECT_NAME: e.projectName,
      OS_USER_DOMAIN_NAME: e.domainName,
      OS_USERNAME: e.userName,
      OS_PASSWORD: e.password,
    }),
    apiAuth: "token",
  },
];

let preIssued = "";

describe("credentials never leak", () => {
  let emulator: Emulator;
  let dir: string;
  let provider: string;

  beforeAll(async () => {
    emulator = await startEmulator({ credentials: CANARY, ecsPorts: 0 });
    preIssued = await getToken(emulator);
    dir = await sharedUserProject();
    // Serialized while the canaries sit in this process's environment: the closure must not take them.
    const saved = { ...process.env };
    Object.assign(process.env, {
      OS_PASSWORD: CANARY.password,
      OS_ACCESS_KEY: CANARY.accessKey,
      OS_SECRET_KEY: CANARY.secretKey,
      OS_TOKEN: preIssued,
    });
    try {
      provider = await serializeResourceProvider({ projectDir: dir, args: {} });
    } finally {
      for (const key of ["OS_PASSWORD", "OS_ACCESS_KEY", "OS_SECRET_KEY", "OS_TOKEN"]) {
        if (saved[key] === undefined) delete process.env[key];
        else process.env[key] = saved[key];
      }
    }
  }, 300_000);

  afterAll(async () => {
    await emulator?.close();
  });

  it("finds a planted secret in any of its forms (the search itself works)", () => {
    const planted = new Map([
      ["plain", `x ${CANARY.secretKey} y`],
      ["base64", Buffer.from(CANARY.password).toString("base64")],
      ["url", `?k=${encodeURIComponent(CANARY.password)}`],
    ]);
    expect(findLeaks(planted, canarySecrets())).toEqual([
      { where: "plain", secret: "secretKey" },
      { where: "base64", secret: "password" },
      { where: "url", secret: "password" },
    ]);
  });

  it("keeps the serialized provider free of them", () => {
    const leaks = findLeaks(new Map([["__provider", provider]]), canarySecrets({ preIssued }));
    expect(leaks).toEqual([]);
  });

  it("serializes the same secret-free provider for a resource on a named connection", async () => {
    const named = await serializeResourceProvider({
      projectDir: dir,
      args: { connection: "otc-prod", project: "eu-de_team-a" },
    });
    expect(named).toBe(provider);
  });

  it.each(MODES.map((m) => [m.name, m] as const))(
    "%s: a full lifecycle leaks nothing",
    async (_name, mode) => {
      emulator.resetLog();
      const texts = new Map<string, string>();
      const record = (label: string, value: unknown): void => {
        texts.set(
          `${label} #${texts.size}`,
          typeof value === "string" ? value : JSON.stringify(value),
        );
      };
      const helper = await startCleanHelper(dir, mode.config(emulator), {
        ...mode.env(emulator),
        OTC_DEBUG: "1",
      });
      try {
        const urn = eipUrn(`leak-${mode.name}`);
        const [portA, portB] = [emulator.addPort("ecs").id, emulator.addPort("ecs").id];
        const news = {
          __provider: provider,
          portId: portA,
          suppressWarnings: true,
          ...mode.inputs,
        };
        const checked = await helper.check(urn, {}, news);
        record("check", checked);
        expect(checked.failures).toEqual([]);
        const created = await helper.create(urn, checked.inputs);
        record("create", created);
        const moved = await helper.check(urn, checked.inputs, { ...checked.inputs, portId: portB });
        record("check rebind", moved);
        const updated = await helper.update(urn, created.id, created.properties, moved.inputs);
        record("update", updated);
        const read = await helper.read(urn, created.id, updated.properties, moved.inputs);
        record("read", read);
        // Errors: a NIC that does not exist (OTC refuses the bind), an adoptId that is no EIP.
        const missingPort = "00000000-0000-4000-8000-000000000001";
        const failures = await Promise.all([
          helper
            .update(urn, created.id, read.properties, { ...moved.inputs, portId: missingPort })
            .catch((e: unknown) => e),
          helper
            .create(eipUrn("adopt-missing"), {
              ...news,
              portId: null,
              adoptId: "00000000-0000-4000-8000-000000000002",
            })
            .catch((e: unknown) => e),
        ]);
        for (const failure of failures) {
          expect(failure).toBeInstanceOf(HelperCallError);
          record("error", (failure as HelperCallError).message);
          record("error details", (failure as HelperCallError).initFailure ?? null);
        }
        await helper.delete(urn, created.id, read.properties);
        expect(emulator.state().ipv6.map((e) => e.id)).not.toContain(created.id);
      } finally {
        await helper.close();
      }
      record("helper stdout", helper.stdout.join("\n"));
      record("helper stderr", helper.stderr.join("\n"));
      const log = emulator.requestLog();
      record("emulator request log", log);

      // The texts searched are real: debug lines were written and the mode was really used.
      expect(helper.stderr.join("\n")).toContain("otc-client:");
      const apiCalls = log.filter((e) => e.path.startsWith("/v2.0/"));
      expect(apiCalls.length).toBeGreaterThan(5);
      expect(new Set(apiCalls.map((e) => e.authKind))).toEqual(new Set([mode.apiAuth]));

      expect(findLeaks(texts, canarySecrets({ preIssued }))).toEqual([]);
    },
  );
});
