import { planLiveCheck } from "../../provider/core/check-plan";
import { describeNicConflict } from "../../provider/core/nic-guard";
import {
  describeMissingPort,
  describeNotExternalNetwork,
  describeUnusablePort,
} from "../../provider/core/plan-checks";
import { portKindOf } from "../../provider/core/port-kind";
import { UNKNOWN_VALUE } from "../../provider/core/unknown-value";

const PORT = "552389f5-8f4c-4bb7-9991-07233c315d60";
const OTHER = "7b6fb4e1-4bb9-4f3e-8d3a-2b0f3a1c9e11";
const NET = "5ce655fa-c911-4d2c-99f7-445bc1162ef8";
const NET2 = "0a2228f2-7f8a-45f1-8e09-9039e1d09975";
const OLD = { __provider: "p", portId: PORT };

describe("planLiveCheck", () => {
  it("checks the port and network of a new resource", () => {
    expect(planLiveCheck({}, { portId: PORT, floatingNetworkId: NET }, "eu-de")).toEqual({
      portId: PORT,
      replacingOnSameNic: false,
      networkId: NET,
      newResource: true,
    });
  });

  it("checks nothing for an unchanged resource, or unknown values", () => {
    expect(planLiveCheck(OLD, { portId: PORT }, "eu-de")).toMatchObject({
      portId: null,
      networkId: null,
    });
    expect(planLiveCheck({}, { portId: UNKNOWN_VALUE }, "eu-de")).toMatchObject({
      portId: null,
    });
    expect(
      planLiveCheck(
        { ...OLD, floatingNetworkId: NET },
        { portId: PORT, floatingNetworkId: NET },
        "eu-de",
      ),
    ).toMatchObject({ portId: null, networkId: null });
  });

  it("checks a changed port, and a network given new or changed", () => {
    expect(planLiveCheck(OLD, { portId: OTHER }, "eu-de")).toMatchObject({ portId: OTHER });
    expect(planLiveCheck(OLD, { portId: PORT, floatingNetworkId: NET }, "eu-de")).toMatchObject({
      portId: null,
      networkId: NET,
    });
  });

  it("re-checks the NIC a network change replaces the EIP on (IPv4 only)", () => {
    expect(
      planLiveCheck(
        { ...OLD, floatingNetworkId: NET },
        { portId: PORT, floatingNetworkId: NET2 },
        "eu-de",
      ),
    ).toEqual({ portId: PORT, replacingOnSameNic: true, networkId: NET2, newResource: false });
  });

  it("refuses a region change that keeps the NIC, naming both inputs, with no call", () => {
    const failure = planLiveCheck(OLD, { portId: PORT, region: "eu-nl" }, "eu-de");
    expect(failure).toMatchObject({ property: "region" });
    const reason = (failure as { reason: string }).reason;
    expect(reason).toContain("eu-de");
    expect(reason).toContain("eu-nl");
    expect(reason).toContain(`portId stays "${PORT}"`);
    expect(reason).toContain("new IPv6 address");
    // The old region as given wins over the provider's.
    expect(
      planLiveCheck({ ...OLD, region: "eu-nl" }, { portId: PORT, region: "eu-nl" }, "eu-de"),
    ).toMatchObject({
      portId: null,
    });
  });

  it("checks the new NIC in the new region when both change", () => {
    expect(planLiveCheck(OLD, { portId: OTHER, region: "eu-nl" }, "eu-de")).toMatchObject({
      portId: OTHER,
      replacingOnSameNic: false,
    });
  });
});

describe("what ports and networks mean", () => {
  const where = { region: "eu-de", projectId: "6fd9b5fdb997425f97bc5ba1f0846084" };

  it("tells ECS NICs and ELB VIPs from ports that cannot hold an EIP", () => {
    expect(portKindOf("compute:eu-de-01")).toBe("ecs");
    expect(portKindOf("neutron:LOADBALANCERV2")).toBe("elb");
    expect(portKindOf("network:router_interface_distributed")).toBeNull();
    expect(portKindOf("network:dhcp")).toBeNull();
    expect(portKindOf(null)).toBeNull();
  });

  it("names the port, project and region, and how to find the right id", () => {
    const missing = describeMissingPort(PORT, where);
    expect(missing.property).toBe("portId");
    expect(missing.reason).toContain(PORT);
    expect(missing.reason).toContain(where.projectId);
    expect(missing.reason).toContain("eu-de");
    expect(missing.reason).toContain("NIC ID");
    const router = describeUnusablePort(
      { id: PORT, deviceOwner: "network:router_interface_distributed" },
      where,
    );
    expect(router.reason).toContain("network:router_interface_distributed");
    expect(router.reason).toContain("VPC.0508");
  });

  it("offers the external network's id as the fix", () => {
    const failure = describeNotExternalNetwork(NET2, true, NET, where);
    expect(failure.property).toBe("floatingNetworkId");
    expect(failure.reason).toContain("router:external is false");
    expect(failure.reason).toContain(`"${NET}"`);
    expect(describeNotExternalNetwork(NET2, false, null, where).reason).toContain(
      "router:external=True",
    );
  });

  it("says what an interrupted up likely left, and both ways out, for a new resource", () => {
    const conflict = {
      portId: PORT,
      family: "IPv6" as const,
      eip: { id: OTHER, floatingIpAddress: "cdcd::1", createdAt: "2026-12-02T06:00:00" },
    };
    const hint = describeNicConflict(conflict, { kind: "ecs", newResource: true }).reason;
    expect(hint).toContain(`ECS NIC "${PORT}"`);
    expect(hint).toContain("interrupted");
    expect(hint).toContain("2026-12-02T06:00:00");
    expect(hint).toContain("--clear-pending-creates");
    expect(hint).toContain("--import-pending-creates");
    expect(hint).toContain("pulumi stack export");
    expect(hint).toContain(`adoptId: "${OTHER}"`);
    expect(hint.length).toBeLessThan(1000);
    const existing = describeNicConflict(conflict, { kind: "elb" }).reason;
    expect(existing).toContain(`ELB VIP port "${PORT}"`);
    expect(existing).not.toContain("interrupted");
  });
});
