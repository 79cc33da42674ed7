/**
 * The built lifecycle (`dist/lifecycle/index.js`) in a bare Node process, without the provider
 * helper's gRPC server to hold the event loop: a create that waits for its bind to settle and for
 * a retry after a 429, and a delete that waits for its unbind, must finish, not end with the loop.
 * `npm test` builds first; run `npm run build` before running this file alone.
 */
import { execFile } from "node:child_process";
import { join } from "node:path";
import type { Emulator } from "../emulator";
import { startEmulator } from "../emulator";
import { requireBuiltBin } from "./run-bin";

jest.setTimeout(60_000);

const LIFECYCLE = join(__dirname, "..", "..", "dist", "lifecycle", "index.js");

/** Creates an EIP on a port, then deletes it; prints one DONE line only when both returned. */
const SCRIPT = `
const lifecycle = require(${JSON.stringify(LIFECYCLE)});
(async () => {
  const ctx = await lifecycle.configure(undefined);
  const created = await lifecycle.create(ctx, { portId: process.env.PORT_ID });
  await lifecycle.delete(ctx, created.id, created.outs);
  process.stdout.write("DONE " + JSON.stringify({ id: created.id, portId: created.outs.portId }) + "\\n");
})().catch((e) => { process.stderr.write(String(e && e.message)); process.exitCode = 1; });
`;

let emulator: Emulator;

beforeAll(async () => {
  requireBuiltBin();
  // Binds and unbinds settle only after 700 ms: the lifecycle polls, waiting between polls.
  emulator = await startEmulator({ bindDelayMs: 700 });
});

afterAll(async () => {
  await emulator?.close();
});

it("create and delete finish across poll waits and a 429 backoff", async () => {
  const portId = emulator.ports.find((p) => p.kind === "ecs")?.id ?? "";
  emulator.setFaults({
    next: [{ kind: "throttle", retryAfterSeconds: 1, path: "/v2.0/eip/floatingips_v6/{id}" }],
  });
  const env = {
    PATH: process.env.PATH ?? "",
    OS_AUTH_URL: emulator.authUrl,
    OTC_VPC_ENDPOINT: emulator.vpcEndpoint,
    OS_REGION_NAME: emulator.region,
    OS_PROJECT_ID: emulator.projectId,
    OS_ACCESS_KEY: emulator.accessKey,
    OS_SECRET_KEY: emulator.secretKey,
    PORT_ID: portId,
  };
  const r = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(process.execPath, ["-e", SCRIPT], { env, timeout: 40_000 }, (error, stdout, stderr) =>
      resolve({
        code: error ? (typeof error.code === "number" ? error.code : -1) : 0,
        stdout,
        stderr,
      }),
    );
  });
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  const done = /^DONE (.*)$/m.exec(r.stdout);
  expect(done).not.toBeNull();
  expect(JSON.parse(done?.[1] ?? "{}")).toMatchObject({ portId });
  expect(emulator.requestLog().some((e) => e.fault === "throttle")).toBe(true);
  // The create polled while the bind settled (more than one show), and nothing is left behind.
  expect(emulator.counts()["GET /v2.0/eip/floatingips_v6/{id}"]).toBeGreaterThan(2);
  expect(emulator.state().ipv6).toEqual([]);
});
