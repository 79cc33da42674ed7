import { describeNicConflict, findNicConflict } from "../../provider/core/nic-guard";

const NIC = "552389f5-8f4c-4bb7-9991-07233c315d60";
const V4 = { id: "a1", floatingIpAddress: "80.158.1.2" };
const V6 = { id: "B2", floatingIpAddress: "cdcd:910a:2222:5498:8475:1111:c013:8096" };

describe("one EIP per NIC", () => {
  it("finds nothing on a free NIC or only this resource's own EIP", () => {
    expect(findNicConflict(NIC, [], [], [])).toBeUndefined();
    expect(findNicConflict(NIC, [], [V6], ["b2"])).toBeUndefined();
  });

  it("reports an IPv4 EIP first, then a foreign IPv6 one", () => {
    expect(findNicConflict(NIC, [V4], [V6], [])).toEqual({ portId: NIC, family: "IPv4", eip: V4 });
    expect(findNicConflict(NIC, [], [V6], [null, undefined])).toMatchObject({ family: "IPv6" });
  });

  it("names the NIC, the EIP, the rule and the fix on portId", () => {
    const v4 = describeNicConflict({ portId: NIC, family: "IPv4", eip: V4 });
    expect(v4.property).toBe("portId");
    expect(v4.reason).toContain(NIC);
    expect(v4.reason).toContain("80.158.1.2 (id a1)");
    expect(v4.reason).toContain("one EIP per NIC");
    expect(v4.reason).not.toContain("adoptId");
    const v6 = describeNicConflict({ portId: NIC, family: "IPv6", eip: V6 });
    expect(v6.reason).toContain('adoptId: "B2"');
  });
});
