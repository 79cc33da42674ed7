/**
 * Never by accident against a real account: without `OTC_ACCEPTANCE=1` the runner explains
 * itself, exits 0 and contacts nothing — not even with every OTC setting pointing at a live
 * endpoint (a loopback server here, counting connections). Bad acceptance settings are reported,
 * naming the variable and the fix, before any endpoint is contacted.
 */
import { rm } from "node:fs/promises";
import { createServer } from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import type { Server, Socket } from "node:net";
import type { AddressInfo } from "node:net";
import { startAcceptance, stopAcceptanceChildren } from "./helpers/acceptance-run";

jest.setTimeout(60_000);

describe("the acceptance gate", () => {
  let server: Server;
  let connections = 0;
  const sockets = new Set<Socket>();
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    server = createServer((socket) => {
      connections++;
      sockets.add(socket);
      socket.on("close", () => sockets.delete(socket));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    env = {
      OS_AUTH_URL: `${url}/v3`,
      OTC_VPC_ENDPOINT: url,
      OS_REGION_NAME: "eu-de",
      OS_PROJECT_NAME: "eu-de_acceptance",
      OS_USER_DOMAIN_NAME: "OTC-EU-DE-acceptance",
      OS_USERNAME: "acceptance-user",
      OS_PASSWORD: "not-a-real-password",
      OTC_ACCEPTANCE_PORTS: "552389f5-8f4c-4bb7-9991-07233c315d60",
      HTTPS_PROXY: url,
      HTTP_PROXY: url,
    };
  });

  afterAll(async () => {
    stopAcceptanceChildren();
    for (const s of sockets) s.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it.each([
    ["unset", undefined, []],
    ["0", "0", []],
    ["true", "true", []],
    ["unset, with --sweep", undefined, ["--sweep"]],
  ])(
    "with OTC_ACCEPTANCE %s it runs nothing, says why, exits 0 and contacts nothing",
    async (_label, value, args) => {
      const run = startAcceptance(
        { ...env, ...(value === undefined ? {} : { OTC_ACCEPTANCE: value }) },
        args,
      );
      expect(await run.exited).toBe(0);
      const out = run.lines.join("\n");
      expect(out).toContain(
        "OTC_ACCEPTANCE is not 1, so nothing was run and nothing was contacted",
      );
      expect(out).toContain("OTC_ACCEPTANCE_PORTS");
      expect(connections).toBe(0);
    },
  );

  it("refuses bad acceptance settings, naming each variable and the fix, before contacting anything", async () => {
    const run = startAcceptance({
      ...env,
      OTC_ACCEPTANCE: "1",
      OTC_ACCEPTANCE_PORTS:
        "nic-1,552389f5-8f4c-4bb7-9991-07233c315d60,552389f5-8f4c-4bb7-9991-07233c315d60",
      OTC_ACCEPTANCE_TIMEOUT: "soon",
    });
    expect(await run.exited).toBe(2);
    const err = run.stderr();
    expect(err).toContain('OTC_ACCEPTANCE_PORTS holds "nic-1", which is not a port id');
    expect(err).toContain("OTC_ACCEPTANCE_PORTS holds 3 ports; give one or two.");
    expect(err).toContain("names the same port twice");
    expect(err).toContain('OTC_ACCEPTANCE_TIMEOUT="soon" is not a whole number above 0');
    expect(connections).toBe(0);
  });

  it("refuses to start without ports", async () => {
    const run = startAcceptance({ ...env, OTC_ACCEPTANCE: "1", OTC_ACCEPTANCE_PORTS: "" });
    expect(await run.exited).toBe(2);
    expect(run.stderr()).toContain(
      "OTC_ACCEPTANCE_PORTS is not set: give one or two ECS NIC port ids",
    );
    expect(connections).toBe(0);
  });

  it("does contact the endpoint once OTC_ACCEPTANCE=1 (so the zero counts above mean something)", async () => {
    const before = connections;
    const run = startAcceptance({
      ...env,
      OTC_ACCEPTANCE: "1",
      OTC_ACCEPTANCE_LEDGER: path.join(
        os.tmpdir(),
        `otc-acceptance-gate-${process.pid}`,
        "ledger.jsonl",
      ),
      OTC_ACCEPTANCE_REPORT: path.join(
        os.tmpdir(),
        `otc-acceptance-gate-${process.pid}`,
        "report.json",
      ),
      HTTPS_PROXY: "",
      HTTP_PROXY: "",
    });
    for (let i = 0; i < 400 && connections === before && run.child.exitCode === null; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    run.stop();
    await run.exited;
    await rm(path.join(os.tmpdir(), `otc-acceptance-gate-${process.pid}`), {
      recursive: true,
      force: true,
    });
    expect(connections).toBeGreaterThan(before);
    connections = before;
  });

  it("rejects unknown arguments", async () => {
    const run = startAcceptance({ ...env, OTC_ACCEPTANCE: "1" }, ["--sweeep"]);
    expect(await run.exited).toBe(2);
    expect(run.stderr()).toContain("unknown argument --sweeep");
    expect(connections).toBe(0);
  });
});
