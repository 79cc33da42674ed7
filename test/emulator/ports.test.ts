import { startEmulator } from "./index";
import type { Emulator } from "./types";
import { call, control, getToken } from "./helpers/emulator-client";

describe("Neutron ports and what they can hold", () => {
  let emu: Emulator;
  let token: string;
  beforeAll(async () => {
    emu = await startEmulator();
    token = await getToken(emu);
  });
  afterAll(() => emu.close());

  it("shows each kind of port with its device_owner, network and project", async () => {
    const ecs = emu.ports.find((p) => p.kind === "ecs")!;
    const elb = emu.ports.find((p) => p.kind === "elb")!;
    const router = emu.addPort("router-interface");
    const dhcp = emu.addPort("dhcp");
    const owners: string[] = [];
    for (const port of [ecs, elb, router, dhcp]) {
      const shown = await call(emu, { path: `/v2.0/ports/${port.id}`, token });
      expect(shown.status).toBe(200);
      const wire = shown.json.port as Record<string, unknown>;
      expect(wire).toMatchObject({
        id: port.id,
        network_id: emu.privateNetworkId,
        project_id: emu.projectId,
        tenant_id: emu.projectId,
        fixed_ips: [expect.objectContaining({ ip_address: port.fixedIp })],
      });
      owners.push(wire["device_owner"] as string);
    }
    expect(owners).toEqual([
      "compute:eu-de-01",
      "neutron:LOADBALANCERV2",
      "network:router_interface_distributed",
      "network:dhcp",
    ]);
    expect(new Set([ecs, elb, router, dhcp].map((p) => p.fixedIp)).size).toBe(4);
  });

  it("answers 404 PortNotFound in Neutron's shape for a port it does not have", async () => {
    const missing = "552389f5-8f4c-4bb7-9991-07233c315d60";
    const shown = await call(emu, { path: `/v2.0/ports/${missing}`, token });
    expect(shown.status).toBe(404);
    expect(shown.json).toEqual({
      NeutronError: {
        type: "PortNotFound",
        message: `Port ${missing} could not be found.`,
        detail: "",
      },
    });
    expect(emu.counts()["GET /v2.0/ports/{id}"]).toBeGreaterThanOrEqual(1);
  });

  it("refuses to bind an EIP to a router interface or DHCP port (VPC.0508)", async () => {
    for (const kind of ["router-interface", "dhcp"] as const) {
      const port = emu.addPort(kind);
      const created = await call(emu, {
        method: "POST",
        path: "/v2.0/eip/floatingips_v6",
        token,
        body: { floatingip: { floating_network_id: emu.externalNetworkId, port_id: port.id } },
      });
      expect([created.status, created.json.code]).toEqual([500, "VPC.0508"]);
      expect(created.json.message).toContain(port.id);
    }
    expect(emu.state().ipv6).toEqual([]);
  });

  it("shows the external network and the private one with router:external", async () => {
    const external = await call(emu, { path: `/v2.0/networks/${emu.externalNetworkId}`, token });
    expect(external.json.network).toMatchObject({ "router:external": true });
    const internal = await call(emu, { path: `/v2.0/networks/${emu.privateNetworkId}`, token });
    expect(internal.json.network).toMatchObject({ "router:external": false });
    const missing = await call(emu, {
      path: "/v2.0/networks/5ce655fa-c911-4d2c-99f7-445bc1162ef8",
      token,
    });
    expect(missing.status).toBe(404);
    expect(missing.json).toMatchObject({ NeutronError: { type: "NetworkNotFound" } });
  });

  it("adds every kind of port through the control endpoint, and refuses others", async () => {
    const added = await control(emu, "POST", "ports", { kind: "dhcp" });
    expect(added.status).toBe(201);
    expect(added.json).toMatchObject({ kind: "dhcp", deviceOwner: "network:dhcp" });
    const refused = await control(emu, "POST", "ports", { kind: "router" });
    expect(refused.status).toBe(400);
    expect(refused.json.error).toContain('"router-interface"');
  });
});
