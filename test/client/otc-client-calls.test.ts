import { NotFoundError } from "../../provider/core/errors";
import { createOtcClient } from "../../provider/client/otc-client";
import type { OtcClient } from "../../provider/client/types";
import {
  startServer,
  type LoopbackServer,
  type Reply,
  type SeenRequest,
} from "./helpers/loopback-server";
import { tokenSettings, wireEip } from "./helpers/settings-fixtures";
import { testClock } from "./helpers/test-clock";

const EIP_ID = "2567f393-5c76-42db-a397-477723ce41f7";
const PORT = "552389f5-8f4c-4bb7-9991-07233c315d60";
const NET = "0a2228f2-7f8a-45f1-8e09-9039e1d09975";

let handler: (req: SeenRequest) => Reply = () => ({ status: 500 });
let server: LoopbackServer;
let client: OtcClient;

beforeAll(async () => {
  server = await startServer((req) => handler(req));
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  server.requests.length = 0;
  client = createOtcClient(tokenSettings(server.url), { clock: testClock() });
});
afterEach(async () => {
  await client.close();
});

describe("IPv6 floating IP calls", () => {
  it("lists with every filter and follows floatingips_links markers across pages", async () => {
    handler = (req) => {
      const marker = req.query.get("marker");
      if (marker === null) {
        return {
          status: 200,
          body: {
            floatingips: [wireEip({ id: "a1" })],
            // The documented link points at a path without /eip: only the marker counts.
            floatingips_links: [
              { rel: "next", href: "https://vpc.example/v2.0/floatingips_v6?limit=1&marker=a1" },
            ],
          },
        };
      }
      if (marker === "a1") {
        return {
          status: 200,
          body: {
            floatingips: [wireEip({ id: "b2" })],
            floatingips_links: [
              { rel: "next", href: "/x?marker=b2" },
              { rel: "previous", href: "/x?marker=a1" },
            ],
          },
        };
      }
      return { status: 200, body: { floatingips: [], floatingips_links: [] } };
    };
    const pages: number[] = [];
    const list = await client.listIpv6FloatingIps(
      {
        id: "i",
        floatingIpAddress: "cdcd::1",
        floatingNetworkId: NET,
        routerId: "r",
        portId: PORT,
        fixedIpAddress: "10.0.0.5",
        tenantId: "t",
        projectId: "p",
      },
      { pageSize: 1, onPage: (n) => pages.push(n) },
    );
    expect(list.map((e) => e.id)).toEqual(["a1", "b2"]);
    expect(pages).toEqual([1, 2, 2]);
    expect(server.requests.map((r) => r.path)).toEqual(Array(3).fill("/v2.0/eip/floatingips_v6"));
    const first = server.requests[0]!.query;
    expect(Object.fromEntries(first)).toEqual({
      id: "i",
      floating_ip_address: "cdcd::1",
      floating_network_id: NET,
      router_id: "r",
      port_id: PORT,
      fixed_ip_address: "10.0.0.5",
      tenant_id: "t",
      project_id: "p",
      limit: "1",
    });
    expect(server.requests[2]!.query.get("marker")).toBe("b2");
    expect(client.requestCounts()).toEqual({ "GET /v2.0/eip/floatingips_v6": 3 });
  });

  it.each<[string, { rel: string; href: string }[] | undefined]>([
    ["no paging links", undefined],
    [
      "only a previous link, as the v6 example shows",
      [{ rel: "previous", href: "/v2.0/floatingips_v6" }],
    ],
  ])("sees every item of a paged list with %s", async (_name, links) => {
    const ids = ["a1", "b2", "c3", "d4", "e5"];
    handler = (req) => {
      const marker = req.query.get("marker");
      const limit = Number(req.query.get("limit"));
      const rest = marker === null ? ids : ids.slice(ids.indexOf(marker) + 1);
      return {
        status: 200,
        body: {
          floatingips: rest.slice(0, limit).map((id) => wireEip({ id })),
          ...(links ? { floatingips_links: links } : {}),
        },
      };
    };
    const list = await client.listIpv6FloatingIps({ portId: PORT }, { pageSize: 2 });
    expect(list.map((e) => e.id)).toEqual(ids);
    expect(server.requests.map((r) => r.query.get("marker"))).toEqual([null, "b2", "d4"]);
  });

  it("keeps one of each item when the server ignores limit and marker", async () => {
    handler = () => ({
      status: 200,
      body: { floatingips: ["a1", "b2"].map((id) => wireEip({ id })) },
    });
    const list = await client.listIpv6FloatingIps({}, { pageSize: 2 });
    expect(list.map((e) => e.id)).toEqual(["a1", "b2"]);
    expect(server.requests).toHaveLength(2);
  });

  it("gets one EIP mapped to camelCase, with nulls for absent fields", async () => {
    handler = () => ({
      status: 200,
      body: { floatingip: wireEip({ port_id: null, router_id: null }) },
    });
    const eip = await client.getIpv6FloatingIp(EIP_ID);
    expect(eip).toEqual({
      id: EIP_ID,
      status: "DOWN",
      floatingIpAddress: "cdcd:910a:2222:5498:8475:1111:c013:8096",
      floatingNetworkId: "5ce655fa-c911-4d2c-99f7-445bc1162ef8",
      routerId: null,
      portId: null,
      fixedIpAddress: "12.xx.xx.5",
      tenantId: "6fd9b5fdb997425f97bc5ba1f0846084",
      projectId: null,
      createdAt: null,
      updatedAt: null,
    });
    expect(server.requests[0]!.path).toBe(`/v2.0/eip/floatingips_v6/${EIP_ID}`);
    expect(server.requests[0]!.headers["x-auth-token"]).toBe("tok-preissued-0001");
    expect(client.requestCounts()).toEqual({ "GET /v2.0/eip/floatingips_v6/{id}": 1 });
  });

  it("throws NotFoundError for a 404", async () => {
    handler = () => ({
      status: 404,
      body: { code: "VPC.0504", message: "Floating IP could not be found." },
    });
    await expect(client.getIpv6FloatingIp(EIP_ID)).rejects.toBeInstanceOf(NotFoundError);
  });

  it.each([200, 201])("creates with the documented body and accepts %i", async (status) => {
    handler = () => ({ status, body: { floatingip: wireEip() } });
    const eip = await client.createIpv6FloatingIp({ floatingNetworkId: NET, portId: PORT });
    expect(eip.portId).toBe(PORT);
    const req = server.requests[0]!;
    expect(req.method).toBe("POST");
    expect(req.headers["content-type"]).toBe("application/json");
    expect(JSON.parse(req.body)).toEqual({
      floatingip: { floating_network_id: NET, port_id: PORT },
    });
  });

  it("creates without a port when none is given", async () => {
    handler = () => ({ status: 201, body: { floatingip: wireEip({ port_id: null }) } });
    await client.createIpv6FloatingIp({ floatingNetworkId: NET, portId: null });
    expect(JSON.parse(server.requests[0]!.body)).toEqual({
      floatingip: { floating_network_id: NET },
    });
  });

  it("binds and unbinds with PUT port_id / null", async () => {
    handler = (req) => ({
      status: 200,
      body: { floatingip: wireEip(JSON.parse(req.body).floatingip) },
    });
    expect((await client.updateIpv6FloatingIpPort(EIP_ID, PORT)).portId).toBe(PORT);
    expect((await client.updateIpv6FloatingIpPort(EIP_ID, null)).portId).toBeNull();
    expect(server.requests.map((r) => [r.method, JSON.parse(r.body)])).toEqual([
      ["PUT", { floatingip: { port_id: PORT } }],
      ["PUT", { floatingip: { port_id: null } }],
    ]);
  });

  it.each([204, 200, 202])("deletes and accepts %i", async (status) => {
    handler = () => ({ status });
    await expect(client.deleteIpv6FloatingIp(EIP_ID)).resolves.toBeUndefined();
    expect(server.requests[0]!.method).toBe("DELETE");
  });

  it("rejects an answer without a floating IP object with a clear error", async () => {
    handler = () => ({ status: 200, body: { something: 1 } });
    await expect(client.getIpv6FloatingIp(EIP_ID)).rejects.toThrow(/unusable/);
  });
});

describe("IPv4 floating IPs and the external network", () => {
  it("lists IPv4 EIPs on a port", async () => {
    handler = () => ({
      status: 200,
      body: { floatingips: [wireEip({ floating_ip_address: "80.158.1.2" })] },
    });
    const list = await client.listIpv4FloatingIpsOnPort(PORT);
    expect(list[0]!.floatingIpAddress).toBe("80.158.1.2");
    expect(server.requests[0]!.url).toBe(`/v2.0/floatingips?port_id=${PORT}`);
  });

  it("finds admin_external_net, else router:external=True, and caches the answer per endpoint", async () => {
    handler = (req) =>
      req.query.get("name") === "admin_external_net"
        ? { status: 200, body: { networks: [] } }
        : { status: 200, body: { networks: [{ id: NET, "router:external": true }] } };
    expect(await client.findExternalNetworkId()).toBe(NET);
    // The colon is percent-encoded exactly as the signature's canonical query encodes it.
    expect(server.requests.map((r) => r.url)).toEqual([
      "/v2.0/networks?name=admin_external_net",
      "/v2.0/networks?router%3Aexternal=True",
    ]);
    const second = createOtcClient(tokenSettings(server.url));
    expect(await second.findExternalNetworkId()).toBe(NET);
    await second.close();
    expect(server.requests).toHaveLength(2);
  });
});
