import { portKindLabel } from "../../provider/cli/port-kind-label";
import { toEipView } from "../../provider/cli/eip-view";
import { formatEipTable } from "../../provider/cli/format-eip-table";
import { formatTable } from "../../provider/cli/format-table";
import { eip } from "./fake-client";
import { NOW } from "./cli-harness";

describe("formatTable", () => {
  it("aligns columns two spaces apart without trailing blanks", () => {
    expect(
      formatTable(
        ["A", "BB", "C"],
        [
          ["xxx", "y", ""],
          ["", "", "z"],
        ],
      ),
    ).toBe("A    BB  C\nxxx  y\n         z\n");
  });
});

describe("toEipView", () => {
  it("adds the NAT64 IPv4, canonicalises the address and the times", () => {
    const view = toEipView(
      eip(1, {
        floatingIpAddress: "CDCD:910A:2222:5498:8475:1111:C013:8096",
        createdAt: "2026-11-19T08:12:03",
        updatedAt: null,
      }),
    );
    expect(view).toMatchObject({
      ipv6: "cdcd:910a:2222:5498:8475:1111:c013:8096",
      ipv4: "192.19.128.150",
      createdAt: "2026-11-19T08:12:03Z",
      updatedAt: null,
      portId: null,
    });
  });

  it("keeps an address that does not parse, without an IPv4, instead of failing", () => {
    const view = toEipView(eip(1, { floatingIpAddress: "garbage", createdAt: "soon" }));
    expect(view).toMatchObject({ ipv6: "garbage", ipv4: null, createdAt: "soon" });
  });
});

describe("formatEipTable", () => {
  it("prints one row per EIP with its IPv4, port, fixed IP, creation time and age", () => {
    const port = "552389f5-8f4c-4bb7-9991-07233c315d60";
    const text = formatEipTable(
      [
        toEipView(eip(0x8096, { portId: port, createdAt: "2026-11-19T12:00:00" })),
        toEipView(eip(2, { createdAt: null })),
        toEipView(eip(3, { createdAt: "2026-11-24T12:00:00" })),
        toEipView(eip(4, { createdAt: "2026-11-26T06:00:00" })),
      ],
      NOW,
    );
    const [header, first, second, old, young] = text.split("\n");
    expect(header).toMatch(
      /^ID\s+IPV6\s+IPV4 \(NAT64\)\s+STATUS\s+PORT\s+FIXED IP\s+CREATED \(UTC\)\s+AGE\s+NO STACK\?$/,
    );
    // Unbound and over a day old: likely no stack's; unbound but young, or of unknown age: not said.
    expect(old).toMatch(/2d\s+likely$/);
    expect(young).toMatch(/6h$/);
    expect(first?.split(/\s{2,}/)).toEqual([
      "00000000-0000-4000-8000-000000008096",
      "2001:db8::c013:8096",
      "192.19.128.150",
      "ACTIVE",
      port,
      "192.168.0.10",
      "2026-11-19 12:00:00",
      "7d",
    ]);
    expect(second).toMatch(/DOWN\s+-\s+-\s+-\s+-\s*$/);
  });
});

describe("portKindLabel", () => {
  it.each([
    ["compute:eu-de-01", "ECS NIC"],
    ["neutron:LOADBALANCERV2", "ELB VIP"],
    ["network:router_interface_distributed", "router interface"],
    ["network:dhcp", "DHCP port"],
    ["network:floatingip", "VPC port"],
    ["", "unattached port"],
    [null, "unattached port"],
    ["baremetal:x", "other"],
  ])("%s is %s", (owner, label) => {
    expect(portKindLabel(owner)).toBe(label);
  });
});
