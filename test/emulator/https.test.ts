import { existsSync, readFileSync } from "node:fs";
import { Agent } from "undici";
import { startEmulator } from "./index";
import type { Emulator } from "./types";
import { call } from "./helpers/emulator-client";

describe("HTTPS mode", () => {
  let emu: Emulator;
  let trusting: Agent;
  let plain: Agent;
  beforeAll(async () => {
    emu = await startEmulator({ https: true });
    trusting = new Agent({ connect: { ca: emu.caPem } });
    plain = new Agent();
  });
  afterAll(async () => {
    await trusting.close();
    await plain.close();
    await emu.close();
  });

  it("serves https on 127.0.0.1 with a certificate its CA verifies", async () => {
    expect(emu.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(emu.caPem).toContain("BEGIN CERTIFICATE");
    expect(readFileSync(emu.caCertFile!, "utf8")).toBe(emu.caPem);
    const res = await call(emu, {
      path: "/v2.0/networks?name=admin_external_net",
      aksk: { format: "credential" },
      dispatcher: trusting,
    });
    expect(res.status).toBe(200);
  });

  it("is refused by a client that does not trust the CA", async () => {
    await expect(call(emu, { path: "/v2.0/networks", dispatcher: plain })).rejects.toThrow(
      /certificate/i,
    );
  });

  it("removes its temporary certificate files on close", async () => {
    const other = await startEmulator({ https: true });
    const file = other.caCertFile!;
    expect(existsSync(file)).toBe(true);
    await other.close();
    expect(existsSync(file)).toBe(false);
  });
});
