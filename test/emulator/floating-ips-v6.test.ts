import { startEmulator } from "./index";
import type { Emulator, FloatingIpWire } from "./types";

interface Link {
  href: string;
  rel: string;
}
import { call, getToken } from "./helpers/emulator-client";

const V6 = "/v2.0/eip/floatingips_v6";
const WIRE_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/;
/** The documented create response's keys (otc-floating-ip-api.md, "Example create response"). */
const DOCUMENTED_KEYS = [
  "router_id",
  "status",
  "tenant_id",
  "floating_network_id",
  "fixed_ip_address",
  "floating_ip_address",
  "port_id",
  "id",
];

/** The IPv4 that NAT64 pairs with an IPv6 EIP: its last 32 bits (computed here independently). */
function embeddedIpv4(ipv6: string): string {
  const groups = ipv6.split(":");
  const hi = parseInt(groups[6] ?? "", 16);
  const lo = parseInt(groups[7] ?? "", 16);
  return [hi >> 8, hi & 0xff, lo >> 8, lo & 0xff].join(".");
}

describe("IPv6 EIPs: create, show, bind, unbind, delete", () => {
  let emu: Emulator;
  let token: string;
  const v6 = (method: string, path: string, body?: unknown) =>
    call(emu, { method, path, body, token });
  const create = (portId?: string | null) =>
    v6("POST", V6, {
      floatingip: {
        floating_network_id: emu.externalNetworkId,
        ...(portId === undefined ? {} : { port_id: portId }),
      },
    });

  beforeAll(async () => {
    emu = await startEmulator({ ecsPorts: 6 });
    token = await getToken(emu);
  });
  afterAll(() => emu.close());

  it("replays the documented create: 200, DOWN with the port, then ACTIVE on the next GET", async () => {
    const port = emu.ports[0]!;
    const res = await create(port.id);
    expect(res.status).toBe(200);
    const eip = res.json.floatingip;
    for (const key of DOCUMENTED_KEYS) expect(eip).toHaveProperty(key);
    expect(eip).toMatchObject({
      status: "DOWN",
      port_id: port.id,
      fixed_ip_address: port.fixedIp,
      floating_network_id: emu.externalNetworkId,
      tenant_id: emu.projectId,
      project_id: emu.projectId,
    });
    expect(eip.router_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(eip.created_at).toMatch(WIRE_TIME);
    expect(eip.updated_at).toMatch(WIRE_TIME);
    expect(eip.floating_ip_address).toMatch(
      /^cdcd:910a:2222:5498:8475:1111:[0-9a-f]{1,4}:[0-9a-f]{1,4}$/,
    );
    expect(embeddedIpv4(eip.floating_ip_address)).toMatch(/^(80\.158|160\.44|164\.30)\.\d+\.\d+$/);

    const shown = await v6("GET", `${V6}/${eip.id}`);
    expect(shown.status).toBe(200);
    expect(shown.json.floatingip).toMatchObject({ id: eip.id, status: "ACTIVE", port_id: port.id });

    // Unbind: the answer still shows ACTIVE, the next GET shows DOWN with nulls.
    const unbound = await v6("PUT", `${V6}/${eip.id}`, { floatingip: { port_id: null } });
    expect(unbound.status).toBe(200);
    expect(unbound.json.floatingip).toMatchObject({
      status: "ACTIVE",
      port_id: null,
      fixed_ip_address: null,
      router_id: null,
    });
    const after = (await v6("GET", `${V6}/${eip.id}`)).json.floatingip;
    expect(after).toMatchObject({
      status: "DOWN",
      port_id: null,
      fixed_ip_address: null,
      router_id: null,
    });
    expect(await v6("DELETE", `${V6}/${eip.id}`)).toMatchObject({ status: 204, text: "" });
  });

  it("creates unbound EIPs with nulls and unique NAT64 twins", async () => {
    const a = (await create()).json.floatingip;
    const b = (await create(null)).json.floatingip;
    for (const eip of [a, b]) {
      expect(eip).toMatchObject({
        status: "DOWN",
        port_id: null,
        fixed_ip_address: null,
        router_id: null,
      });
    }
    expect(embeddedIpv4(a.floating_ip_address)).not.toBe(embeddedIpv4(b.floating_ip_address));
    await v6("DELETE", `${V6}/${a.id}`);
    await v6("DELETE", `${V6}/${b.id}`);
  });

  it("binds idempotently to the port it holds and refuses another port (VPC.0510)", async () => {
    const [p1, p2] = [emu.ports[1]!, emu.ports[2]!];
    const eip = (await create()).json.floatingip;
    const bound = await v6("PUT", `${V6}/${eip.id}`, { floatingip: { port_id: p1.id } });
    expect(bound.status).toBe(200);
    expect(bound.json.floatingip).toMatchObject({
      status: "DOWN",
      port_id: p1.id,
      fixed_ip_address: p1.fixedIp,
    });
    expect((await v6("GET", `${V6}/${eip.id}`)).json.floatingip.status).toBe("ACTIVE");

    const again = await v6("PUT", `${V6}/${eip.id}`, { floatingip: { port_id: p1.id } });
    expect(again.status).toBe(200);
    expect(again.json.floatingip).toMatchObject({ status: "ACTIVE", port_id: p1.id });

    const elsewhere = await v6("PUT", `${V6}/${eip.id}`, { floatingip: { port_id: p2.id } });
    expect(elsewhere.status).toBe(409);
    expect(elsewhere.json).toEqual({ code: "VPC.0510", message: expect.stringContaining(p1.id) });

    const deleteBound = await v6("DELETE", `${V6}/${eip.id}`);
    expect(deleteBound.status).toBe(409);
    expect(deleteBound.json.code).toBe("VPC.0517");

    await v6("PUT", `${V6}/${eip.id}`, { floatingip: { port_id: null } });
    // Unbinding an unbound EIP is a no-op success.
    expect((await v6("PUT", `${V6}/${eip.id}`, { floatingip: { port_id: null } })).status).toBe(
      200,
    );
    expect((await v6("DELETE", `${V6}/${eip.id}`)).status).toBe(204);
    const gone = await v6("GET", `${V6}/${eip.id}`);
    expect(gone.status).toBe(404);
    expect(gone.json).toEqual({ code: "VPC.0504", message: expect.any(String) });
    expect((await v6("DELETE", `${V6}/${eip.id}`)).json.code).toBe("VPC.0504");
    expect((await v6("PUT", `${V6}/${eip.id}`, { floatingip: { port_id: null } })).json.code).toBe(
      "VPC.0504",
    );
  });

  it("holds one EIP per port across IPv4 and IPv6, decided by port_id (VPC.0511)", async () => {
    const port = emu.addPort();
    const ipv4 = emu.createIpv4Eip(port.id);
    const refused = await create(port.id);
    expect(refused.status).toBe(409);
    expect(refused.json.code).toBe("VPC.0511");
    expect(refused.json.message).toContain(ipv4.id);

    const other = emu.addPort();
    const first = (await create(other.id)).json.floatingip;
    // Still DOWN (bind in progress) in the answer, but the port is taken already.
    const second = await create(other.id);
    expect(second.json.code).toBe("VPC.0511");
    const loose = (await create()).json.floatingip;
    const bind = await v6("PUT", `${V6}/${loose.id}`, { floatingip: { port_id: other.id } });
    expect(bind.status).toBe(409);
    expect(bind.json).toEqual({ code: "VPC.0511", message: expect.stringContaining(first.id) });
    expect(emu.state().ipv6.filter((e) => e.port_id === other.id)).toHaveLength(1);
  });

  it("binds to an ELB VIP port", async () => {
    const elb = emu.ports.find((p) => p.kind === "elb")!;
    const res = await create(elb.id);
    expect(res.status).toBe(200);
    expect(res.json.floatingip.fixed_ip_address).toBe(elb.fixedIp);
  });

  it("answers 400 VPC.0501 for malformed ids and bodies, 500 VPC.0508 for an unknown port", async () => {
    for (const [method, path, body] of [
      ["GET", `${V6}/not-a-uuid`, undefined],
      ["PUT", `${V6}/not-a-uuid`, { floatingip: { port_id: null } }],
      ["DELETE", `${V6}/123`, undefined],
      ["POST", V6, "{not json"],
      ["POST", V6, { floatingips: {} }],
      ["POST", V6, { floatingip: {} }],
      ["POST", V6, { floatingip: { floating_network_id: "abc" } }],
      ["POST", V6, { floatingip: { floating_network_id: "0a2228f2-7f8a-45f1-8e09-9039e1d09975" } }],
      ["POST", V6, { floatingip: { floating_network_id: emu.externalNetworkId, port_id: 42 } }],
      [
        "POST",
        V6,
        { floatingip: { floating_network_id: emu.externalNetworkId, portId: emu.ports[3]!.id } },
      ],
    ] as const) {
      const res = await v6(method, path, body);
      expect([method, path, res.status, res.json?.code]).toEqual([method, path, 400, "VPC.0501"]);
    }
    const some = (await create()).json.floatingip;
    for (const body of [
      {},
      { floatingip: {} },
      { floatingip: { port_id: "nope" } },
      { floatingip: { port_id: null, x: 1 } },
    ]) {
      const res = await v6("PUT", `${V6}/${some.id}`, body);
      expect([res.status, res.json.code]).toEqual([400, "VPC.0501"]);
    }
    const unknownPort = "11111111-2222-4333-8444-555555555555";
    const viaCreate = await create(unknownPort);
    expect([viaCreate.status, viaCreate.json.code]).toEqual([500, "VPC.0508"]);
    const viaBind = await v6("PUT", `${V6}/${some.id}`, { floatingip: { port_id: unknownPort } });
    expect([viaBind.status, viaBind.json.code]).toEqual([500, "VPC.0508"]);
  });

  it("answers 404 for an unknown API and 405 for a wrong method", async () => {
    const unknown = await v6("GET", "/v2.0/eip/floatingips_v7");
    expect(unknown.status).toBe(404);
    expect(unknown.json.error_code).toBe("APIG.0101");
    const wrong = await v6("PATCH", `${V6}/${emu.ports[0]!.id}`);
    expect(wrong.status).toBe(405);
    expect(wrong.headers["allow"]).toContain("PUT");
  });
});

describe("IPv6 EIPs: asynchronous binding, ERROR, quota, address pool", () => {
  it("shows the old status until the bind delay passes, and is busy meanwhile (VPC.0512)", async () => {
    const emu = await startEmulator({ bindDelayMs: 10_000 });
    try {
      const token = await getToken(emu);
      const port = emu.ports[0]!;
      const created = await call(emu, {
        method: "POST",
        path: V6,
        token,
        body: { floatingip: { floating_network_id: emu.externalNetworkId, port_id: port.id } },
      });
      const id = created.json.floatingip.id;
      expect((await call(emu, { path: `${V6}/${id}`, token })).json.floatingip.status).toBe("DOWN");
      const busy = await call(emu, {
        method: "PUT",
        path: `${V6}/${id}`,
        token,
        body: { floatingip: { port_id: null } },
      });
      expect([busy.status, busy.json.code]).toEqual([409, "VPC.0512"]);
      emu.advanceClock(10);
      expect((await call(emu, { path: `${V6}/${id}`, token })).json.floatingip.status).toBe(
        "ACTIVE",
      );
      await call(emu, {
        method: "PUT",
        path: `${V6}/${id}`,
        token,
        body: { floatingip: { port_id: null } },
      });
      expect((await call(emu, { path: `${V6}/${id}`, token })).json.floatingip.status).toBe(
        "ACTIVE",
      );
      expect((await call(emu, { method: "DELETE", path: `${V6}/${id}`, token })).json.code).toBe(
        "VPC.0512",
      );
      emu.advanceClock(10);
      expect((await call(emu, { path: `${V6}/${id}`, token })).json.floatingip.status).toBe("DOWN");
    } finally {
      await emu.close();
    }
  });

  it("needs an unbind before an EIP in ERROR binds again", async () => {
    const emu = await startEmulator({
      faults: { next: [{ kind: "eip-error", method: "POST", path: V6 }] },
    });
    try {
      const token = await getToken(emu);
      const port = emu.ports[0]!;
      const id = (
        await call(emu, {
          method: "POST",
          path: V6,
          token,
          body: { floatingip: { floating_network_id: emu.externalNetworkId, port_id: port.id } },
        })
      ).json.floatingip.id;
      expect((await call(emu, { path: `${V6}/${id}`, token })).json.floatingip).toMatchObject({
        status: "ERROR",
        port_id: port.id,
      });
      const rebind = await call(emu, {
        method: "PUT",
        path: `${V6}/${id}`,
        token,
        body: { floatingip: { port_id: port.id } },
      });
      expect([rebind.status, rebind.json.code]).toEqual([409, "VPC.0510"]);
      expect(
        (
          await call(emu, {
            method: "PUT",
            path: `${V6}/${id}`,
            token,
            body: { floatingip: { port_id: null } },
          })
        ).status,
      ).toBe(200);
      expect((await call(emu, { path: `${V6}/${id}`, token })).json.floatingip.status).toBe("DOWN");
      await call(emu, {
        method: "PUT",
        path: `${V6}/${id}`,
        token,
        body: { floatingip: { port_id: port.id } },
      });
      expect((await call(emu, { path: `${V6}/${id}`, token })).json.floatingip.status).toBe(
        "ACTIVE",
      );
    } finally {
      await emu.close();
    }
  });

  it("enforces the EIP quota across families (VPC.0521) and pool exhaustion (VPC.0532)", async () => {
    const quota = await startEmulator({ quota: 2 });
    const pool = await startEmulator({ addressPoolSize: 1 });
    try {
      const body = (emu: Emulator) => ({
        floatingip: { floating_network_id: emu.externalNetworkId },
      });
      quota.createIpv4Eip();
      const token = await getToken(quota);
      expect(
        (await call(quota, { method: "POST", path: V6, token, body: body(quota) })).status,
      ).toBe(200);
      const over = await call(quota, { method: "POST", path: V6, token, body: body(quota) });
      expect([over.status, over.json.code]).toEqual([409, "VPC.0521"]);

      const poolToken = await getToken(pool);
      const first = await call(pool, {
        method: "POST",
        path: V6,
        token: poolToken,
        body: body(pool),
      });
      expect(first.status).toBe(200);
      const none = await call(pool, {
        method: "POST",
        path: V6,
        token: poolToken,
        body: body(pool),
      });
      expect([none.status, none.json.code]).toEqual([409, "VPC.0532"]);
      // A deleted EIP's address returns to the pool.
      await call(pool, {
        method: "DELETE",
        path: `${V6}/${first.json.floatingip.id}`,
        token: poolToken,
      });
      expect(
        (await call(pool, { method: "POST", path: V6, token: poolToken, body: body(pool) })).status,
      ).toBe(200);
    } finally {
      await quota.close();
      await pool.close();
    }
  });
});

describe("IPv6 EIPs: list filters and paging", () => {
  let emu: Emulator;
  let token: string;
  const ids: string[] = [];
  beforeAll(async () => {
    emu = await startEmulator({ seed: 7 });
    token = await getToken(emu);
    for (let i = 0; i < 5; i++) {
      const port = i < 2 ? emu.ports[i]!.id : undefined;
      const res = await call(emu, {
        method: "POST",
        path: V6,
        token,
        body: {
          floatingip: {
            floating_network_id: emu.externalNetworkId,
            ...(port ? { port_id: port } : {}),
          },
        },
      });
      ids.push(res.json.floatingip.id);
    }
    ids.sort();
  });
  afterAll(() => emu.close());
  const list = (query: string) => call(emu, { path: `${V6}${query}`, token });

  it("lists everything without paging and without links", async () => {
    const res = await list("");
    expect(res.status).toBe(200);
    expect(res.json.floatingips.map((e: FloatingIpWire) => e.id)).toEqual(ids);
    expect(res.json.floatingips_links).toBeUndefined();
  });

  it("filters by every documented field, repeated values meaning any of them", async () => {
    const all = (await list("")).json.floatingips as Array<Record<string, unknown>>;
    const bound = all.find((e) => e["port_id"] === emu.ports[0]!.id)!;
    for (const field of [
      "id",
      "floating_ip_address",
      "floating_network_id",
      "router_id",
      "port_id",
      "fixed_ip_address",
      "tenant_id",
      "project_id",
    ]) {
      const value = bound[field];
      const res = await list(`?${field}=${encodeURIComponent(String(value))}`);
      const expected = all.filter((e) => e[field] === value).map((e) => e["id"]);
      expect([field, res.json.floatingips.map((e: FloatingIpWire) => e.id)]).toEqual([
        field,
        expected,
      ]);
      expect(res.json.floatingips.map((e: FloatingIpWire) => e.id)).toContain(bound["id"]);
    }
    const two = await list(`?id=${ids[0]}&id=${ids[3]}`);
    expect(two.json.floatingips.map((e: FloatingIpWire) => e.id)).toEqual([ids[0], ids[3]]);
    const none = await list(`?port_id=${emu.ports[4]!.id}`);
    expect(none.json.floatingips).toEqual([]);
  });

  it("refuses unknown parameters, bad limits and bad markers with 400 VPC.0501", async () => {
    for (const query of [
      "?portId=x",
      "?limit=0",
      "?limit=abc",
      "?limit=2001",
      "?limit=-1",
      "?marker=nope",
      "?page_reverse=maybe",
    ]) {
      const res = await list(query);
      expect([query, res.status, res.json.code]).toEqual([query, 400, "VPC.0501"]);
    }
  });

  it("pages with limit and marker; links point at the documented path without /eip", async () => {
    const seen: string[] = [];
    let query = "?limit=2";
    const hrefs: string[] = [];
    for (let page = 0; page < 5; page++) {
      const res = await list(query);
      expect(res.status).toBe(200);
      seen.push(...res.json.floatingips.map((e: FloatingIpWire) => e.id));
      const next = (res.json.floatingips_links as Link[]).find((l) => l.rel === "next");
      if (!next) break;
      hrefs.push(next.href);
      const marker = new URL(next.href).searchParams.get("marker");
      query = `?limit=2&marker=${marker}`;
    }
    expect(seen).toEqual(ids);
    expect(hrefs.length).toBe(2);
    for (const href of hrefs) {
      expect(href.startsWith(`${emu.url}/v2.0/floatingips_v6?`)).toBe(true);
      expect(new URL(href).searchParams.get("limit")).toBe("2");
    }
    const second = await list(`?limit=2&marker=${ids[1]}`);
    const previous = (second.json.floatingips_links as Link[]).find((l) => l.rel === "previous")!;
    expect(new URL(previous.href).searchParams.get("marker")).toBe(ids[2]);
    expect(new URL(previous.href).searchParams.get("page_reverse")).toBe("True");
  });

  it("pages backwards with page_reverse and keeps filters in links", async () => {
    const back = await list(`?limit=2&marker=${ids[4]}&page_reverse=True`);
    expect(back.json.floatingips.map((e: FloatingIpWire) => e.id)).toEqual([ids[2], ids[3]]);
    const filtered = await list(`?limit=1&floating_network_id=${emu.externalNetworkId}`);
    const next = (filtered.json.floatingips_links as Link[])[0]!;
    expect(new URL(next.href).searchParams.get("floating_network_id")).toBe(emu.externalNetworkId);
  });
});
