/**
 * Settings, concurrency and stability through the real provider path: password, AK/SK (both
 * signing formats) and environment credentials; a preview without credentials; 64 parallel creates
 * on one token; a stack-config region/project change after create; the `__provider` text across a
 * version bump and across folders; and the in-repository path (package self-reference).
 */
import { cp, mkdir, readFile, writeFile } from "node:fs/promises";
import * as path from "node:path";
import { repoRoot, serializeResourceProvider } from "../harness";
import {
  akskConfig,
  inputsWith,
  passwordConfig,
  portDispenser,
  startCleanHelper,
  startEmulator,
  urn,
  userProvider,
} from "./real-path-fixture";
import type { Emulator, ProviderHelper } from "./real-path-fixture";

jest.setTimeout(120_000);

describe("provider settings and stability", () => {
  let emulator: Emulator;
  let dir: string;
  let provider: string;
  const helpers: ProviderHelper[] = [];
  const nextPort = portDispenser(() => emulator);
  /** The id of a NIC no test used before. */
  const freshPort = (): string => nextPort().id;
  const inputs = inputsWith(() => provider);
  const helperWith = async (
    config: Record<string, string> | undefined,
    env: NodeJS.ProcessEnv = {},
    cwd = dir,
  ): Promise<ProviderHelper> => {
    const helper = await startCleanHelper(cwd, config, env);
    helpers.push(helper);
    return helper;
  };
  const tokenRequests = (): number =>
    Object.entries(emulator.counts())
      .filter(([key]) => key.startsWith("POST /v3/auth/tokens"))
      .reduce((sum, [, n]) => sum + n, 0);

  beforeAll(async () => {
    ({ dir, provider } = await userProvider());
    emulator = await startEmulator({ ecsPorts: 80, bindDelayMs: 200, quota: 500 });
  }, 300_000);

  afterAll(async () => {
    await Promise.all(helpers.map((h) => h.close()));
    await emulator?.close();
  });

  it("creates 64 EIPs in parallel with one token request in total", async () => {
    const helper = await helperWith(passwordConfig(emulator));
    emulator.resetLog();
    const ports = Array.from({ length: 64 }, () => freshPort());
    const created = await Promise.all(
      ports.map((portId, i) => helper.create(urn(`par-${i}`), inputs({ portId }))),
    );
    expect(new Set(created.map((c) => c.id)).size).toBe(64);
    created.forEach((c, i) =>
      expect(c.properties).toMatchObject({ portId: ports[i], status: "ACTIVE" }),
    );
    expect(tokenRequests()).toBe(1);
    await Promise.all(created.map((c, i) => helper.delete(urn(`par-${i}`), c.id, c.properties)));
  });

  it("applies the configuration to calls that race the first configure", async () => {
    const helper = await helperWith(passwordConfig(emulator));
    const portId = freshPort();
    emulator.createIpv4Eip(portId);
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => helper.check(urn(`race-${i}`), {}, inputs({ portId }))),
    );
    for (const result of results) {
      expect(result.failures).toEqual([
        { property: "portId", reason: expect.stringContaining("IPv4 EIP") },
      ]);
    }
  });

  it.each([
    ["AK/SK, credential format", () => akskConfig(emulator)],
    ["AK/SK, access format", () => akskConfig(emulator, "access")],
  ])("creates and deletes with %s", async (_name, config) => {
    const helper = await helperWith(config());
    const portId = freshPort();
    const created = await helper.create(urn("aksk"), inputs({ portId }));
    expect(created.properties).toMatchObject({ portId, status: "ACTIVE" });
    await helper.delete(urn("aksk"), created.id, created.properties);
    expect(emulator.state().ipv6.map((e) => e.id)).not.toContain(created.id);
  });

  it("takes credentials, region and project from the environment", async () => {
    const helper = await helperWith(
      { "otc:vpcEndpoint": emulator.vpcEndpoint },
      {
        OS_AUTH_URL: emulator.authUrl,
        OS_REGION_NAME: emulator.region,
        OS_USERNAME: emulator.userName,
        OS_PASSWORD: emulator.password,
        OS_USER_DOMAIN_NAME: emulator.domainName,
        OS_PROJECT_NAME: emulator.projectName,
      },
    );
    const created = await helper.create(urn("env"), inputs({}));
    expect(created.properties).toMatchObject({ status: "DOWN", region: emulator.region });
  });

  it("works without any Configure call for what needs no settings", async () => {
    const helper = await helperWith(undefined);
    const result = await helper.check(urn("noconf"), {}, inputs({ portId: "nic-1" }));
    expect(result.failures).toEqual([
      { property: "portId", reason: expect.stringContaining('"nic-1"') },
    ]);
  });

  it("previews without credentials (skipping the live guard, saying so) but refuses to create", async () => {
    const helper = await helperWith({ "otc:region": "eu-de" });
    const portId = freshPort();
    emulator.createIpv4Eip(portId);
    const result = await helper.check(urn("fork-pr"), {}, inputs({ portId }));
    expect(result.failures).toEqual([]);
    expect(helper.stdout.join("\n")).toMatch(/skipped/);
    expect(helper.stdout.join("\n")).toContain(portId);
    const failure = await helper
      .create(urn("fork-pr"), inputs({ portId }))
      .catch((e: unknown) => e);
    expect((failure as Error).message).toMatch(/otc:password|otc:accessKey|credential/i);
    expect((failure as { initFailure?: unknown }).initFailure).toBeUndefined();
  });

  it("keeps finding an EIP after otc:region and the project change in stack config", async () => {
    const before = await helperWith(passwordConfig(emulator));
    const created = await before.create(urn("moved-config"), inputs({}));
    const after = await helperWith({
      ...passwordConfig(emulator),
      "otc:region": "eu-nl",
      "otc:projectName": "eu-nl_elsewhere",
    });
    const read = await after.read(urn("moved-config"), created.id, created.properties);
    expect(read.id).toBe(created.id);
    expect(read.properties).toMatchObject({
      region: emulator.region,
      projectId: emulator.projectId,
    });
    await after.delete(urn("moved-config"), created.id, created.properties);
    expect(emulator.state().ipv6.map((e) => e.id)).not.toContain(created.id);
  });

  it("serializes the same small, secret-free __provider text after a version bump, elsewhere", async () => {
    expect(provider.length).toBeLessThan(4096);
    expect(provider).not.toMatch(/\/tmp|\/work|node_modules|password/);
    const bumped = path.join(dir, "bumped-copy");
    const installed = path.join(dir, "node_modules", "pulumi-otc-ipv6-eip");
    const copy = path.join(bumped, "node_modules", "pulumi-otc-ipv6-eip");
    await mkdir(path.dirname(copy), { recursive: true });
    await cp(installed, copy, { recursive: true });
    const manifest = JSON.parse(await readFile(path.join(copy, "package.json"), "utf8")) as {
      version: string;
    };
    manifest.version = "99.0.0";
    await writeFile(path.join(copy, "package.json"), JSON.stringify(manifest));
    const again = await serializeResourceProvider({
      projectDir: bumped,
      args: { portId: freshPort() },
    });
    expect(again).toBe(provider);
  });

  it("resolves the package inside this repository the same way (self-reference)", async () => {
    const inRepo = await serializeResourceProvider({ projectDir: repoRoot, args: {} });
    expect(inRepo).toBe(provider);
    const helper = await helperWith(passwordConfig(emulator), {}, repoRoot);
    const created = await helper.create(urn("in-repo"), inputs({}));
    expect(created.properties).toMatchObject({ status: "DOWN" });
  });

  it("never prints a credential in any helper's output, including errors", () => {
    const printed = helpers.flatMap((h) => [...h.stdout, ...h.stderr]).join("\n");
    expect(printed.length).toBeGreaterThan(0);
    for (const secret of [emulator.password, emulator.secretKey, emulator.accessKey]) {
      expect(printed).not.toContain(secret);
    }
  });
});
