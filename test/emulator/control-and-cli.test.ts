import { spawn } from "node:child_process";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { startEmulator } from "./index";
import type { Emulator } from "./types";
import { call, control, getToken } from "./helpers/emulator-client";

const V6 = "/v2.0/eip/floatingips_v6";

describe("introspection and the control endpoint", () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startEmulator({ seed: 3 });
  });
  afterAll(() => emu.close());

  it("seeds ECS NIC ports and one ELB VIP port, more on demand", async () => {
    expect(emu.ports.filter((p) => p.kind === "ecs")).toHaveLength(4);
    expect(emu.ports.filter((p) => p.kind === "elb")).toHaveLength(1);
    expect(new Set(emu.ports.map((p) => p.fixedIp)).size).toBe(5);
    const added = emu.addPort("elb");
    expect(emu.ports).toContainEqual(added);
    const viaControl = await control(emu, "POST", "ports", { kind: "ecs" });
    expect(viaControl.status).toBe(201);
    expect(emu.state().ports).toContainEqual(viaControl.json);
  });

  it("logs requests with redacted auth headers and counts them per path template", async () => {
    emu.resetLog();
    const token = await getToken(emu);
    const created = await call(emu, {
      method: "POST",
      path: V6,
      token,
      body: { floatingip: { floating_network_id: emu.externalNetworkId } },
    });
    const id = created.json.floatingip.id;
    await call(emu, { path: `${V6}/${id}`, token });
    await call(emu, { path: `${V6}/${id}`, token });
    await call(emu, { path: `${V6}?limit=1`, aksk: { format: "credential" } });
    await control(emu, "GET", "state");
    expect(emu.counts()).toEqual({
      "POST /v3/auth/tokens": 1,
      "POST /v2.0/eip/floatingips_v6": 1,
      "GET /v2.0/eip/floatingips_v6/{id}": 2,
      "GET /v2.0/eip/floatingips_v6": 1,
    });
    const log = emu.requestLog();
    expect(log.map((e) => [e.method, e.path, e.status, e.authKind])).toEqual([
      ["POST", "/v3/auth/tokens", 201, "password"],
      ["POST", V6, 200, "token"],
      ["GET", `${V6}/${id}`, 200, "token"],
      ["GET", `${V6}/${id}`, 200, "token"],
      ["GET", V6, 200, "aksk"],
    ]);
    expect(log[4]!.query).toBe("limit=1");
    const text = JSON.stringify(log);
    expect(text).not.toContain(token);
    expect(text).not.toContain(emu.password);
    expect(text).not.toContain(emu.secretKey);
    expect(log[1]!.headers["x-auth-token"]).toBe("[REDACTED]");
    expect((await control(emu, "GET", "counts")).json).toEqual(emu.counts());
    expect((await control(emu, "GET", "log")).json).toHaveLength(5);
    expect((await control(emu, "DELETE", "log")).status).toBe(204);
    expect(emu.requestLog()).toEqual([]);
    expect(emu.counts()).toEqual({});
  });

  it("dumps state and adds IPv4 EIPs through the control endpoint", async () => {
    const port = emu.addPort();
    const res = await control(emu, "POST", "ipv4-eips", { port_id: port.id });
    expect(res.status).toBe(201);
    const state = (await control(emu, "GET", "state")).json;
    expect(state.ipv4).toEqual([expect.objectContaining({ id: res.json.id, port_id: port.id })]);
    const taken = await control(emu, "POST", "ipv4-eips", { port_id: port.id });
    expect(taken.status).toBe(400);
    expect(taken.json.error).toContain("VPC.0511");
    const info = (await control(emu, "GET", "info")).json;
    expect(info).toMatchObject({
      url: emu.url,
      projectId: emu.projectId,
      externalNetworkId: emu.externalNetworkId,
    });
    expect((await control(emu, "POST", "clock", { advanceSeconds: 1 })).status).toBe(204);
    expect(
      (await control(emu, "POST", "eip-status", { id: res.json.id, status: "ERROR" })).status,
    ).toBe(204);
    expect(emu.state().ipv4.find((e) => e.id === res.json.id)?.status).toBe("ERROR");
    expect(
      (await control(emu, "POST", "eip-status", { id: res.json.id, status: "BROKEN" })).status,
    ).toBe(400);
    expect(() => emu.setEipStatus("00000000-0000-4000-8000-000000000000", "ERROR")).toThrow(
      /No EIP/,
    );
    expect((await control(emu, "GET", "nothing")).status).toBe(404);
  });

  it("is reproducible: the same seed gives the same ids", async () => {
    const again = await startEmulator({ seed: 3 });
    try {
      expect(again.projectId).toBe(emu.projectId);
      expect(again.externalNetworkId).toBe(emu.externalNetworkId);
      expect(again.ports.slice(0, 5)).toEqual(emu.ports.slice(0, 5));
      expect(again.projectId).toMatch(/^[0-9a-f]{32}$/);
    } finally {
      await again.close();
    }
  });
});

describe("the CLI (npm run emulator)", () => {
  const cli = join(__dirname, "cli.ts");
  const root = join(__dirname, "..", "..");

  // `node --import tsx` rather than the `tsx` wrapper: the wrapper relays signals to its child with
  // 30 ms timeouts and answers 143 when a loaded machine misses them.
  function runCli(args: string[]) {
    const child = spawn(process.execPath, ["--import", "tsx", cli, ...args], {
      cwd: root,
      stdio: ["ignore", "pipe", "pipe"],
    });
    const lines = createInterface({ input: child.stdout });
    const exited = new Promise<number | null>((resolve) =>
      child.on("exit", (code) => resolve(code)),
    );
    return { child, lines, exited };
  }

  it("prints the JSON object first with --json, serves, and exits 0 on SIGTERM", async () => {
    const { child, lines, exited } = runCli(["--json", "--seed", "5"]);
    try {
      const first = await new Promise<string>((resolve) => lines.once("line", resolve));
      const info = JSON.parse(first);
      expect(Object.keys(info)).toEqual([
        "url",
        "authUrl",
        "vpcEndpoint",
        "region",
        "projectId",
        "projectName",
        "domainName",
        "userName",
        "password",
        "accessKey",
        "secretKey",
        "ports",
        "env",
      ]);
      expect(info.authUrl).toBe(`${info.url}/v3`);
      // One identity, ready to use as the environment of the tool or the provider.
      expect(info.env).toEqual({
        OS_AUTH_URL: info.authUrl,
        OS_REGION_NAME: info.region,
        OS_PROJECT_ID: info.projectId,
        OS_ACCESS_KEY: info.accessKey,
        OS_SECRET_KEY: info.secretKey,
        OTC_VPC_ENDPOINT: info.vpcEndpoint,
      });
      expect(info.region).toBe("eu-de");
      expect(info.ports[0]).toEqual({
        id: expect.any(String),
        fixedIp: expect.any(String),
        kind: "ecs",
        deviceOwner: "compute:eu-de-01",
        networkId: expect.any(String),
      });
      const asEmulator = info as Emulator;
      expect((await call(asEmulator, { path: V6, aksk: { format: "credential" } })).status).toBe(
        200,
      );
    } finally {
      child.kill("SIGTERM");
    }
    expect(await exited).toBe(0);
  });

  it("takes --style and --hide: the documented answers, a hidden API behind a gateway 404", async () => {
    const { child, lines, exited } = runCli([
      "--json",
      "--style",
      "documented",
      "--hide",
      `gateway:${V6}/{id}`,
    ]);
    try {
      const info = JSON.parse(
        await new Promise<string>((resolve) => lines.once("line", resolve)),
      ) as Emulator;
      const style = await call(info, { path: "/__emulator/answer-style" });
      expect(style.json).toMatchObject({ bindStatus: "active", listLinks: "previous-only" });
      const hidden = await call(info, {
        path: `${V6}/2567f393-5c76-42db-a397-477723ce41f7`,
        aksk: { format: "credential" },
      });
      expect([hidden.status, hidden.json?.error_code]).toEqual([404, "APIG.0101"]);
      const listed = await call(info, { path: V6, aksk: { format: "credential" } });
      expect(listed.json.floatingips_links).toEqual([
        { href: `${info.url}/v2.0/floatingips_v6`, rel: "previous" },
      ]);
    } finally {
      child.kill("SIGTERM");
    }
    expect(await exited).toBe(0);
  });

  it("refuses an unknown --style or a malformed --hide, naming the value", async () => {
    for (const args of [
      ["--style", "fancy"],
      ["--hide", "cdn:/v2.0"],
    ]) {
      const child = spawn(process.execPath, ["--import", "tsx", cli, ...args], {
        cwd: root,
        stdio: ["ignore", "ignore", "pipe"],
      });
      let stderr = "";
      child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
      const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
      expect(code).toBe(2);
      expect(stderr).toContain(args[1]);
    }
  });

  it("prints pulumi config lines and OS_* exports without --json, and exits 0 on SIGINT", async () => {
    const { child, lines, exited } = runCli(["--project", "eu-de_team-b"]);
    const seen: string[] = [];
    try {
      await new Promise<void>((resolve) =>
        lines.on("line", (line) => {
          seen.push(line);
          if (line.startsWith("Stop with")) resolve();
        }),
      );
    } finally {
      child.kill("SIGINT");
    }
    expect(await exited).toBe(0);
    const text = seen.join("\n");
    expect(text).toMatch(/pulumi config set otc:authUrl http:\/\/127\.0\.0\.1:\d+\/v3/);
    expect(text).toContain("pulumi config set --secret otc:password");
    expect(text).toMatch(/export OS_AUTH_URL=http/);
    expect(text).toContain("export OS_ACCESS_KEY=");
    expect(text).toMatch(/Project eu-de_team-b \([0-9a-f]{32}\), same account/);
  });
});
