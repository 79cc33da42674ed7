/**
 * The documented variety: each answer style gives the shapes the VPC reference shows, the cloud
 * behind them stays the same, and hidden paths answer with a gateway's or a proxy's 404.
 */
import { startEmulator } from "./index";
import type { Emulator } from "./types";
import { call, getToken } from "./helpers/emulator-client";

const V6 = "/v2.0/eip/floatingips_v6";

describe("answer styles and hidden paths", () => {
  let emu: Emulator;
  let token: string;
  let nextPort = 0;
  const v6 = (method: string, path: string, body?: unknown) =>
    call(emu, { method, path, body, token });
  const port = () => emu.ports.filter((p) => p.kind === "ecs")[nextPort++]!;
  const create = (portId?: string) =>
    v6("POST", V6, {
      floatingip: {
        floating_network_id: emu.externalNetworkId,
        ...(portId === undefined ? {} : { port_id: portId }),
      },
    });

  beforeAll(async () => {
    emu = await startEmulator({ ecsPorts: 12, bindDelayMs: 60_000 });
    token = await getToken(emu);
  });
  afterEach(() => {
    emu.setAnswerStyle("classic");
    emu.hidePaths([]);
  });
  afterAll(() => emu.close());

  it("documented: a bind answers ACTIVE at once with fixed_ip_address, a show still says DOWN", async () => {
    emu.setAnswerStyle("documented");
    const p = port();
    const made = (await create()).json.floatingip;
    expect(made).not.toHaveProperty("project_id");
    expect(made).not.toHaveProperty("created_at");
    expect(made).not.toHaveProperty("updated_at");
    const bound = await v6("PUT", `${V6}/${made.id}`, { floatingip: { port_id: p.id } });
    expect(bound.json.floatingip).toMatchObject({
      status: "ACTIVE",
      port_id: p.id,
      fixed_ip_address: p.fixedIp,
    });
    expect(bound.json.floatingip).not.toHaveProperty("updated_at");
    const shown = (await v6("GET", `${V6}/${made.id}`)).json.floatingip;
    expect(shown).toMatchObject({ status: "DOWN", port_id: p.id, project_id: emu.projectId });
    expect(shown.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
  });

  it("documented: an unbind answers ACTIVE with port_id null", async () => {
    const p = port();
    const made = (await create(p.id)).json.floatingip;
    emu.advanceClock(61);
    emu.setAnswerStyle("documented");
    const unbound = await v6("PUT", `${V6}/${made.id}`, { floatingip: { port_id: null } });
    expect(unbound.json.floatingip).toMatchObject({ status: "ACTIVE", port_id: null });
  });

  it("classic: a bind answers the status from before the change", async () => {
    const p = port();
    const made = (await create()).json.floatingip;
    const bound = await v6("PUT", `${V6}/${made.id}`, { floatingip: { port_id: p.id } });
    expect(bound.json.floatingip).toMatchObject({ status: "DOWN", port_id: p.id });
    expect(bound.json.floatingip.project_id).toBe(emu.projectId);
  });

  it("sparse: create and update answers without project, times or fixed_ip_address", async () => {
    emu.setAnswerStyle("sparse");
    const p = port();
    const made = (await create(p.id)).json.floatingip;
    for (const key of ["project_id", "created_at", "updated_at", "fixed_ip_address"]) {
      expect(made).not.toHaveProperty(key);
    }
    expect(made).toMatchObject({ port_id: p.id, status: "DOWN" });
  });

  it("answers an update onto a taken port with 500 VPC.0509 (documented) or 409 VPC.0511 (classic)", async () => {
    const taken = port();
    emu.createIpv4Eip(taken.id);
    const made = (await create()).json.floatingip;
    const classic = await v6("PUT", `${V6}/${made.id}`, { floatingip: { port_id: taken.id } });
    expect(classic.status).toBe(409);
    expect(classic.json.code).toBe("VPC.0511");
    emu.setAnswerStyle("documented");
    const documented = await v6("PUT", `${V6}/${made.id}`, { floatingip: { port_id: taken.id } });
    expect(documented.status).toBe(500);
    expect(documented.json.code).toBe("VPC.0509");
  });

  it("accepts a bind body with the port's fixed_ip_address, refuses another address", async () => {
    const p = port();
    const made = (await create()).json.floatingip;
    const wrong = await v6("PUT", `${V6}/${made.id}`, {
      floatingip: { port_id: p.id, fixed_ip_address: "10.9.9.9" },
    });
    expect(wrong.status).toBe(400);
    const right = await v6("PUT", `${V6}/${made.id}`, {
      floatingip: { port_id: p.id, fixed_ip_address: p.fixedIp },
    });
    expect(right.status).toBe(200);
  });

  it("lists with Neutron links, only a previous link, or none; the last two ignore limit", async () => {
    await create();
    await create();
    const all = (await v6("GET", V6)).json.floatingips.length;
    const neutron = (await v6("GET", `${V6}?limit=1`)).json;
    expect(neutron.floatingips).toHaveLength(1);
    expect(neutron.floatingips_links.map((l: { rel: string }) => l.rel)).toEqual(["next"]);
    emu.setAnswerStyle("documented");
    const previous = (await v6("GET", `${V6}?limit=1`)).json;
    expect(previous.floatingips).toHaveLength(all);
    expect(previous.floatingips_links).toEqual([
      { href: `${emu.url}/v2.0/floatingips_v6`, rel: "previous" },
    ]);
    emu.setAnswerStyle("sparse");
    const none = (await v6("GET", `${V6}?limit=1`)).json;
    expect(none.floatingips).toHaveLength(all);
    expect(none).not.toHaveProperty("floatingips_links");
  });

  it("answers 500 VPC.0503 or VPC.0504 on assign when told to, creating nothing", async () => {
    const before = emu.state().ipv6.length;
    emu.setFaults({
      next: [
        { kind: "assign-failed", method: "POST", path: V6 },
        { kind: "assign-failed", method: "POST", path: V6, code: "VPC.0504" },
      ],
    });
    const first = await create(port().id);
    const second = await create(port().id);
    emu.setFaults({});
    expect([first.status, first.json.code]).toEqual([500, "VPC.0503"]);
    expect([second.status, second.json.code, second.json.message]).toEqual([
      500,
      "VPC.0504",
      "FloatIp is null.",
    ]);
    expect(emu.state().ipv6.length).toBe(before);
  });

  it("hides paths behind a gateway's APIG.0101 or a proxy's HTML 404, per method", async () => {
    const made = (await create()).json.floatingip;
    emu.hidePaths([
      { path: `${V6}/{id}`, method: "GET", as: "gateway" },
      { path: `${V6}/{id}`, method: "DELETE", as: "proxy" },
    ]);
    const shown = await v6("GET", `${V6}/${made.id}`);
    expect(shown.status).toBe(404);
    expect(shown.json).toMatchObject({ error_code: "APIG.0101" });
    const deleted = await v6("DELETE", `${V6}/${made.id}`);
    expect(deleted.status).toBe(404);
    expect(deleted.text).toContain("<h1>404 Not Found</h1>");
    expect(emu.state().ipv6.map((e) => e.id)).toContain(made.id);
    expect((await v6("GET", V6)).status).toBe(200);
    emu.hidePaths([]);
    expect((await v6("GET", `${V6}/${made.id}`)).status).toBe(200);
  });

  it("sends a Date header from its own clock", async () => {
    const dateOf = async () => Date.parse(String((await v6("GET", V6)).headers["date"]));
    const before = await dateOf();
    emu.advanceClock(3600);
    expect(Math.abs((await dateOf()) - before - 3_600_000)).toBeLessThan(5_000);
  });
});
