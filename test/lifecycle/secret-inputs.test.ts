/**
 * Secret inputs stay secret in the stored state: a program gives `portId` (or `timeouts`) as a
 * Pulumi secret; the engine strips the secret marks before the helper sees the inputs (the helper
 * answers `acceptSecrets: false`) and keeps every secret the provider's outputs mark. This runs the
 * program from the packed package, hands its registered inputs to Pulumi's own helper as the
 * engine would, and looks at what the engine would store.
 */
import { mkdtemp, writeFile } from "node:fs/promises";
import * as path from "node:path";
import { runProgram, sharedUserProject, UNKNOWN } from "../harness";
import type { JsonObject, JsonValue } from "../harness";
import { passwordConfig, startCleanHelper, startEmulator, urn } from "./real-path-fixture";
import type { Emulator, ProviderHelper } from "./real-path-fixture";

jest.setTimeout(120_000);

const SIG = "4dabf18193072939515e22adb298388d";
const SECRET = "1b47061264138c4ac30d75fd1eb44270";
const secret = (value: JsonValue): JsonObject => ({ [SIG]: SECRET, value });

/** Every place `needle` occurs as a string value, and whether it sits inside a secret there. */
function occurrences(value: JsonValue, needle: string, inSecret = false): boolean[] {
  if (typeof value === "string") return value === needle ? [inSecret] : [];
  if (value === null || typeof value !== "object") return [];
  if (Array.isArray(value)) return value.flatMap((item) => occurrences(item, needle, inSecret));
  const isSecret = inSecret || value[SIG] === SECRET;
  return Object.values(value).flatMap((item) => occurrences(item, needle, isSecret));
}

/** What the engine sends a provider that does not accept secrets: the values, unmarked. */
function stripSecrets(value: JsonValue): JsonValue {
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map(stripSecrets);
  if (value[SIG] === SECRET) return stripSecrets(value["value"] ?? null);
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, stripSecrets(v)]));
}

describe("secret inputs through the real provider path", () => {
  let dir: string;
  let emulator: Emulator;
  let helper: ProviderHelper;

  beforeAll(async () => {
    dir = await sharedUserProject();
    emulator = await startEmulator({ ecsPorts: 4 });
    helper = await startCleanHelper(dir, passwordConfig(emulator));
  }, 300_000);

  afterAll(async () => {
    await helper?.close();
    await emulator?.close();
  });

  /** Runs a program body with `pulumi` and `Ipv6Eip` in scope; the registered inputs by name. */
  async function register(body: string, preview = false): Promise<Record<string, JsonObject>> {
    const programs = await mkdtemp(path.join(dir, "secret-programs-"));
    const file = path.join(programs, "index.js");
    await writeFile(
      file,
      `const pulumi = require("@pulumi/pulumi");\nconst { Ipv6Eip } = require("pulumi-otc-ipv6-eip");\n${body}\n`,
    );
    const run = await runProgram({ projectDir: dir, programFile: file, preview });
    expect(run.error).toBeUndefined();
    return Object.fromEntries(run.resources.map((r) => [r.name, r.inputs]));
  }

  it("the class names its secret inputs, known even in a preview with an unknown value", async () => {
    const [a, b] = emulator.ports.filter((p) => p.kind === "ecs");
    const inputs = await register(
      `const plain = new Ipv6Eip("plain", { portId: "${a!.id}", suppressWarnings: true });\n` +
        `new Ipv6Eip("hidden", { portId: pulumi.secret("${b!.id}"), timeouts: { create: pulumi.secret(60) }, suppressWarnings: true });\n` +
        // In a preview, the id of a resource not created yet is unknown; its secret mark is not.
        `new Ipv6Eip("later", { portId: pulumi.secret(plain.id), suppressWarnings: true });`,
      true,
    );
    expect(inputs["plain"]!["__secretInputs"]).toEqual([]);
    expect(inputs["hidden"]!["__secretInputs"]).toEqual(["portId", "timeouts"]);
    expect(inputs["later"]!["portId"]).toBe(UNKNOWN);
    expect(inputs["later"]!["__secretInputs"]).toEqual(["portId"]);
  });

  it("keeps a secret portId secret in the outputs of create, refresh and update", async () => {
    const port = emulator.ports.filter((p) => p.kind === "ecs")[2]!;
    const inputs = await register(
      `new Ipv6Eip("web", { portId: pulumi.secret("${port.id}"), suppressWarnings: true });`,
    );
    // The program's inputs as the engine sends them to the helper: secrets stripped.
    const news = stripSecrets(inputs["web"]!) as JsonObject;
    const checked = await helper.check(urn("web"), {}, news);
    expect(checked.failures).toEqual([]);

    const created = await helper.create(urn("web"), checked.inputs);
    const outs = created.properties;
    expect((outs["recordedInputs"] as JsonObject)["portId"]).toEqual(secret(port.id));
    expect(outs["portId"]).toEqual(secret(port.id));
    expect(occurrences(outs, port.id)).not.toContain(false);
    expect(occurrences(outs, port.id).length).toBeGreaterThan(0);

    // Refresh: the engine sends the stored outputs unmarked; what comes back is marked again.
    const read = await helper.read(
      urn("web"),
      created.id,
      stripSecrets(outs) as JsonObject,
      stripSecrets(news) as JsonObject,
    );
    expect(occurrences(read.properties, port.id)).not.toContain(false);
    expect(read.inputs?.["portId"]).toEqual(secret(port.id));
    expect(read.inputs?.["__secretInputs"]).toEqual(["portId"]);

    // An update that only rewrites the state keeps it secret too.
    const later = { ...news, timeouts: { update: 30 } };
    const diff = await helper.diff(urn("web"), created.id, stripSecrets(outs) as JsonObject, later);
    expect(diff.changes).toBe(true);
    const updated = await helper.update(
      urn("web"),
      created.id,
      stripSecrets(outs) as JsonObject,
      later,
    );
    expect((updated.properties["recordedInputs"] as JsonObject)["portId"]).toEqual(secret(port.id));
    expect(occurrences(updated.properties, port.id)).not.toContain(false);

    await helper.delete(urn("web"), created.id, stripSecrets(updated.properties) as JsonObject);
  });

  it("re-records the state when a plain input becomes secret, and leaves plain ones plain", async () => {
    const port = emulator.ports.filter((p) => p.kind === "ecs")[3]!;
    const plain = await register(
      `new Ipv6Eip("api", { portId: "${port.id}", suppressWarnings: true });`,
    );
    const created = await helper.create(urn("api"), plain["api"]!);
    expect((created.properties["recordedInputs"] as JsonObject)["portId"]).toBe(port.id);
    expect(created.properties["portId"]).toBe(port.id);

    const hidden = await register(
      `new Ipv6Eip("api", { portId: pulumi.secret("${port.id}"), suppressWarnings: true });`,
    );
    const news = stripSecrets(hidden["api"]!) as JsonObject;
    const diff = await helper.diff(urn("api"), created.id, created.properties, news);
    expect(diff).toMatchObject({ changes: true, replaces: [] });
    const updated = await helper.update(urn("api"), created.id, created.properties, news);
    expect(occurrences(updated.properties, port.id)).not.toContain(false);
    expect(
      (
        await helper.diff(
          urn("api"),
          created.id,
          stripSecrets(updated.properties) as JsonObject,
          news,
        )
      ).changes,
    ).toBe(false);
    await helper.delete(urn("api"), created.id, stripSecrets(updated.properties) as JsonObject);
  });
});
