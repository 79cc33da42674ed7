/**
 * The look-up's answers that the emulator cannot produce: several EIPs matching one selector, and
 * a port that cannot be read.
 */
import type { ResolvedSettings } from "../../provider/client/settings/settings";
import { EipLookupError } from "../../provider/core/errors";
import { lookUpIpv6Eip } from "../../provider/lookup/look-up-ipv6-eip";
import type { LookupDeps } from "../../provider/lookup/look-up-ipv6-eip";
import { FakeOtcClient } from "../lifecycle/fake-otc-client";

const NETWORK = "5ce655fa-c911-4d2c-99f7-445bc1162ef8";

function eip(id: string, address: string, portId: string | null) {
  return {
    id,
    status: portId ? "ACTIVE" : "DOWN",
    floatingIpAddress: address,
    floatingNetworkId: NETWORK,
    routerId: null,
    portId,
    fixedIpAddress: null,
    tenantId: null,
    projectId: null,
    createdAt: null,
    updatedAt: null,
  };
}

function depsFor(client: FakeOtcClient): LookupDeps {
  const settings = { region: "eu-de", projectName: "eu-de_team-a" } as ResolvedSettings;
  return {
    loadSettings: () => Promise.resolve(settings),
    getClient: () => client,
    now: () => 0,
  };
}

describe("getIpv6Eip's look-up, beyond what the emulator does", () => {
  it("refuses several EIPs with one NAT64 IPv4, listing each, and looks nothing more up", async () => {
    const client = new FakeOtcClient();
    const a = eip(
      "2567f393-5c76-42db-a397-477723ce41f7",
      "cdcd:910a:2222:5498:8475:1111:c013:8096",
      null,
    );
    const b = eip("7b6fb4e1-4bb9-4f3e-8d3a-2b0f3a1c9e11", "cdcd:910b::c013:8096", null);
    client.eips.set(a.id, a);
    client.eips.set(b.id, b);
    const error = await lookUpIpv6Eip({ ipv4Address: "192.19.128.150" }, depsFor(client)).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(EipLookupError);
    expect(error).toMatchObject({ code: "EIP_LOOKUP_SEVERAL", matches: [a.id, b.id] });
    const message = (error as Error).message;
    for (const text of [a.id, b.id, "2 IPv6 EIPs match ipv4Address 192.19.128.150", "by its id"]) {
      expect(message).toContain(text);
    }
    expect(message).toContain("project eu-de_team-a, region eu-de (connection otc)");
  });

  it("reports a port that cannot be read as an unknown kind, not as a failure", async () => {
    const client = new FakeOtcClient();
    const port = "552389f5-8f4c-4bb7-9991-07233c315d60";
    const bound = eip(
      "2567f393-5c76-42db-a397-477723ce41f7",
      "cdcd:910a:2222:5498:8475:1111:c013:8096",
      port,
    );
    client.eips.set(bound.id, bound);
    client.portOwners.set(port, null);
    const found = await lookUpIpv6Eip({ portId: port }, depsFor(client));
    expect(found).toMatchObject({
      id: bound.id,
      portId: port,
      portKind: null,
      projectId: "6fd9b5fdb997425f97bc5ba1f0846084",
    });
  });
});
