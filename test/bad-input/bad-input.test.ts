/**
 * The bad-input corpus: every malformed resource input fails `check` naming its property, every
 * malformed stack configuration fails with a configuration error naming its key, and the emulator
 * sees no request at all — through the SDK's provider helper, from the packed package.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import * as os from "node:os";
import * as path from "node:path";
import { startEmulator } from "../emulator";
import type { Emulator } from "../emulator";
import { HelperCallError } from "../harness";
import type { ProviderHelper } from "../harness";
import { eipUrn, passwordStackConfig, startCleanHelper, userProvider } from "../fault/helper-stack";
import { CONFIG_CASES } from "./config-corpus";
import { INPUT_CASES } from "./input-corpus";
import { liveCases } from "./live-corpus";

jest.setTimeout(120_000);

/** Longest failure text accepted: a huge value must be cut, not echoed. */
const MAX_REASON_CHARS = 1000;

describe("the bad-input corpus", () => {
  let emulator: Emulator;
  let dir: string;
  let provider: string;
  let scratch: string;
  let validPort: string;
  const helpers: ProviderHelper[] = [];

  let requestsSeen = 0;
  // Each case is judged alone (so one failure does not cascade); the total is checked at the end.
  beforeEach(() => emulator?.resetLog());
  afterEach(() => {
    requestsSeen += Object.values(emulator.counts()).reduce((sum, n) => sum + n, 0);
  });

  beforeAll(async () => {
    ({ dir, provider } = await userProvider());
    emulator = await startEmulator();
    validPort = (emulator.ports[0] as { id: string }).id;
    scratch = await mkdtemp(path.join(os.tmpdir(), "otc-ipv6-eip-bad-input-"));
  }, 300_000);

  afterAll(async () => {
    await Promise.all(helpers.map((h) => h.close()));
    await emulator?.close();
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });

  it("has at least 50 cases", () => {
    expect(INPUT_CASES.length + CONFIG_CASES.length).toBeGreaterThanOrEqual(50);
  });

  describe("resource inputs", () => {
    let helper: ProviderHelper;
    beforeAll(async () => {
      helper = await startCleanHelper(dir, passwordStackConfig(emulator));
      helpers.push(helper);
    }, 60_000);

    it.each(INPUT_CASES.map((c) => [c.name, c] as const))(
      "%s: check fails on the property, no request",
      async (_name, testCase) => {
        const news = { __provider: provider, portId: validPort, ...testCase.inputs };
        const result = await helper.check(eipUrn("bad"), {}, news);
        const failure = result.failures.find((f) => f.property === testCase.property);
        expect(failure).toBeDefined();
        for (const f of result.failures) {
          expect(f.reason.length).toBeGreaterThan(20);
          expect(f.reason.length).toBeLessThan(MAX_REASON_CHARS);
        }
        expect(emulator.counts()).toEqual({});
      },
    );

    it("created nothing in the emulator", () => {
      expect(emulator.state().ipv6).toEqual([]);
      expect(requestsSeen).toBe(0);
    });
  });

  describe("resource inputs only OTC can judge (live)", () => {
    let helper: ProviderHelper;
    beforeAll(async () => {
      helper = await startCleanHelper(dir, passwordStackConfig(emulator));
      helpers.push(helper);
    }, 60_000);

    it("every case fails check on its property, the emulator untouched", async () => {
      const before = emulator.state();
      const cases = liveCases(emulator, validPort);
      expect(cases.length).toBeGreaterThanOrEqual(8);
      for (const testCase of cases) {
        emulator.resetLog();
        const withProvider = (inputs: Record<string, unknown>) =>
          Object.keys(inputs).length === 0 ? {} : { __provider: provider, ...inputs };
        const news = { __provider: provider, suppressWarnings: true, ...testCase.news };
        const result = await helper.check(eipUrn("live"), withProvider(testCase.olds), news);
        const failure = result.failures.find((f) => f.property === testCase.property);
        expect([testCase.name, failure?.property]).toEqual([testCase.name, testCase.property]);
        expect(failure?.reason.length).toBeLessThan(MAX_REASON_CHARS);
        const mutations = Object.keys(emulator.counts()).filter((k) => !k.startsWith("GET "));
        expect([testCase.name, mutations.filter((k) => !k.startsWith("POST /v3"))]).toEqual([
          testCase.name,
          [],
        ]);
      }
      expect(emulator.state().ipv6).toEqual(before.ipv6);
      expect(emulator.state().ipv4).toEqual(before.ipv4);
      // These cases may look things up; the request-free tally is for the other sections.
      emulator.resetLog();
    });
  });

  describe("stack configuration", () => {
    let helper: ProviderHelper;
    let caFile: string;
    beforeAll(async () => {
      caFile = path.join(scratch, "not-a-ca.pem");
      await writeFile(caFile, "this file holds no certificate\n");
      helper = await startCleanHelper(dir, undefined);
      helpers.push(helper);
    }, 60_000);

    it.each(CONFIG_CASES.map((c, i) => [c.name, c, i] as const))(
      "%s: a configuration error naming the key, no request",
      async (_name, testCase, index) => {
        const config: Record<string, string> = { ...passwordStackConfig(emulator) };
        for (const [key, value] of Object.entries(testCase.set)) {
          if (value === null) delete config[key];
          else config[key] = value.replace("{caFile}", caFile);
        }
        await helper.configure(config);
        // The helper configures a provider once per distinct `__provider` text: a variant of the
        // text (an extra trailing newline) makes it configure a fresh one with this config.
        const variant = `${provider}${"\n".repeat(index + 1)}`;
        const news = { __provider: variant, portId: validPort, suppressWarnings: true };
        // Settings given but invalid fail the preview already (check); no credentials at all let
        // it pass (a fork's pull request). `up` (create) fails either way.
        const calls: (() => Promise<unknown>)[] = [() => helper.create(eipUrn("cfg"), news)];
        if (testCase.previewPasses) {
          expect((await helper.check(eipUrn("cfg"), {}, news)).failures).toEqual([]);
        } else {
          calls.unshift(() => helper.check(eipUrn("cfg"), {}, news));
        }
        for (const call of calls) {
          const failure = await call().catch((e: unknown) => e);
          expect(failure).toBeInstanceOf(HelperCallError);
          const message = (failure as HelperCallError).message;
          expect(message).toContain("OTC settings are incomplete or invalid");
          expect(message).toContain(testCase.key);
          expect((failure as HelperCallError).initFailure).toBeUndefined();
        }
        expect(emulator.counts()).toEqual({});
      },
    );

    it("created nothing in the emulator", () => {
      expect(emulator.state().ipv6).toEqual([]);
      expect(requestsSeen).toBe(0);
    });
  });
});
