import { startEmulator } from "./index";
import type { Emulator, FloatingIpWire } from "./types";
import { call, getToken } from "./helpers/emulator-client";

const V4 = "/v2.0/floatingips";

describe("Neutron IPv4 EIPs and networks", () => {
  let emu: Emulator;
  let token: string;
  beforeAll(async () => {
    emu = await startEmulator();
    token = await getToken(emu);
  });
  afterAll(() => emu.close());

  it("creates with 201, lists by port_id, refuses a second EIP on the port, deletes", async () => {
    const port = emu.ports[0]!;
    const created = await call(emu, {
      method: "POST",
      path: V4,
      token,
      body: { floatingip: { floating_network_id: emu.externalNetworkId, port_id: port.id } },
    });
    expect(created.status).toBe(201);
    const eip = created.json.floatingip as FloatingIpWire;
    expect(eip).toMatchObject({ status: "DOWN", port_id: port.id, fixed_ip_address: port.fixedIp });
    expect(eip.floating_ip_address).toMatch(/^\d+\.\d+\.\d+\.\d+$/);

    const onPort = await call(emu, { path: `${V4}?port_id=${port.id}`, token });
    expect(onPort.status).toBe(200);
    expect(onPort.json.floatingips).toEqual([
      expect.objectContaining({ id: eip.id, status: "ACTIVE" }),
    ]);
    const elsewhere = await call(emu, { path: `${V4}?port_id=${emu.ports[1]!.id}`, token });
    expect(elsewhere.json.floatingips).toEqual([]);

    // The IPv6 API sees the port as taken too.
    const v6 = await call(emu, {
      method: "POST",
      path: "/v2.0/eip/floatingips_v6",
      token,
      body: { floatingip: { floating_network_id: emu.externalNetworkId, port_id: port.id } },
    });
    expect([v6.status, v6.json.code]).toEqual([409, "VPC.0511"]);

    const second = await call(emu, {
      method: "POST",
      path: V4,
      token,
      body: { floatingip: { floating_network_id: emu.externalNetworkId, port_id: port.id } },
    });
    expect(second.status).toBe(409);
    expect(second.json).toEqual({
      NeutronError: {
        type: "FloatingIPPortAlreadyAssociated",
        message: expect.stringContaining("VPC.0511"),
        detail: "",
      },
    });

    const bound = await call(emu, { method: "DELETE", path: `${V4}/${eip.id}`, token });
    expect(bound.status).toBe(409);
    expect(bound.json.NeutronError.message).toContain("VPC.0517");
    await call(emu, {
      method: "PUT",
      path: `${V4}/${eip.id}`,
      token,
      body: { floatingip: { port_id: null } },
    });
    expect((await call(emu, { method: "DELETE", path: `${V4}/${eip.id}`, token })).status).toBe(
      204,
    );
    const gone = await call(emu, { path: `${V4}/${eip.id}`, token });
    expect(gone.status).toBe(404);
    expect(gone.json.NeutronError.type).toBe("FloatingIPNotFound");
  });

  it("answers Neutron-shaped errors for a bad body and an unknown port", async () => {
    const bad = await call(emu, { method: "POST", path: V4, token, body: "nope" });
    expect(bad.status).toBe(400);
    expect(bad.json.NeutronError).toEqual(expect.objectContaining({ type: expect.any(String) }));
    const unknownPort = await call(emu, {
      method: "POST",
      path: V4,
      token,
      body: {
        floatingip: {
          floating_network_id: emu.externalNetworkId,
          port_id: "11111111-2222-4333-8444-555555555555",
        },
      },
    });
    expect(unknownPort.status).toBe(404);
    expect(unknownPort.json.NeutronError.type).toBe("PortNotFound");
  });

  it("keeps IPv4 and IPv6 EIPs apart in their APIs", async () => {
    const v4 = emu.createIpv4Eip();
    const v6 = await call(emu, { path: `/v2.0/eip/floatingips_v6/${v4.id}`, token });
    expect(v6.status).toBe(404);
    const listed = await call(emu, { path: `${V4}?limit=1`, token });
    expect(listed.json.floatingips_links[0].href.startsWith(`${emu.url}/v2.0/floatingips?`)).toBe(
      true,
    );
  });

  it("finds admin_external_net by name and by router:external=True", async () => {
    const byName = await call(emu, { path: "/v2.0/networks?name=admin_external_net", token });
    expect(byName.status).toBe(200);
    expect(byName.json.networks).toEqual([
      expect.objectContaining({
        id: emu.externalNetworkId,
        name: "admin_external_net",
        "router:external": true,
      }),
    ]);
    for (const value of ["True", "true"]) {
      const external = await call(emu, { path: `/v2.0/networks?router:external=${value}`, token });
      expect(external.json.networks.map((n: { id: string }) => n.id)).toEqual([
        emu.externalNetworkId,
      ]);
    }
    const encoded = await call(emu, { path: "/v2.0/networks?router%3Aexternal=True", token });
    expect(encoded.json.networks).toHaveLength(1);
    const internal = await call(emu, { path: "/v2.0/networks?router:external=False", token });
    expect(internal.json.networks).toHaveLength(1);
    expect(internal.json.networks[0].id).not.toBe(emu.externalNetworkId);
    expect((await call(emu, { path: "/v2.0/networks", token })).json.networks).toHaveLength(2);
    expect((await call(emu, { path: "/v2.0/networks?name=nope", token })).json.networks).toEqual(
      [],
    );
    const bad = await call(emu, { path: "/v2.0/networks?router:external=maybe", token });
    expect(bad.status).toBe(400);
    const one = await call(emu, { path: `/v2.0/networks/${emu.externalNetworkId}`, token });
    expect(one.json.network.name).toBe("admin_external_net");
    const missing = await call(emu, {
      path: "/v2.0/networks/11111111-2222-4333-8444-555555555555",
      token,
    });
    expect(missing.json.NeutronError.type).toBe("NetworkNotFound");
  });
});
