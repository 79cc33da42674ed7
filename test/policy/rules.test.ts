import * as fc from "fast-check";
import * as policySdk from "@pulumi/policy";
import {
  IPV6_EIP_TYPE,
  PORT_BINDERS,
  findEipPerNicViolations,
  findUnjudgeableBindings,
  readScope,
  readStrings,
  type StackResource,
} from "../../examples/policy-pack/rules";

const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const PORT_A = "5e6d7a5c-0f0e-4b4e-9c43-0d2b7f7e1a01";
const PORT_B = "5e6d7a5c-0f0e-4b4e-9c43-0d2b7f7e1a02";

const OS_FIP = "openstack:networking/floatingIp:FloatingIp";
const OS_ASSOC = "openstack:networking/floatingIpAssociate:FloatingIpAssociate";
const OTC_FIP = "opentelekomcloud:index/networkingFloatingipV2:NetworkingFloatingipV2";
const OTC_ASSOC =
  "opentelekomcloud:index/networkingFloatingipAssociateV2:NetworkingFloatingipAssociateV2";
const OTC_EIP = "opentelekomcloud:index/vpcEipV1:VpcEipV1";
const OTC_COMPUTE_ASSOC =
  "opentelekomcloud:index/computeFloatingipAssociateV2:ComputeFloatingipAssociateV2";

/** The policy SDK's own proxy, which throws on access to an unknown value, as in a real preview. */
const unknownCheckingProxy = (policySdk as unknown as { unknownCheckingProxy(p: object): object })
  .unknownCheckingProxy;

function resource(type: string, name: string, props: Record<string, unknown>): StackResource {
  return { type, name, urn: `urn:pulumi:dev::proj::${type}::${name}`, props };
}

describe("findEipPerNicViolations", () => {
  it("refuses an Ipv6Eip and an openstack floating IP on the same NIC, flagging both", () => {
    const findings = findEipPerNicViolations([
      resource(IPV6_EIP_TYPE, "web-v6", { portId: PORT_A }),
      resource(OS_FIP, "web-v4", { pool: "admin_external_net", portId: PORT_A }),
    ]);
    expect(findings.map((f) => f.urn).sort()).toEqual(
      [
        `urn:pulumi:dev::proj::${IPV6_EIP_TYPE}::web-v6`,
        `urn:pulumi:dev::proj::${OS_FIP}::web-v4`,
      ].sort(),
    );
    for (const f of findings) {
      expect(f.message).toContain(PORT_A);
      expect(f.message).toContain("Ipv6Eip 'web-v6'");
      expect(f.message).toContain("openstack.networking.FloatingIp 'web-v4'");
      expect(f.message).toContain("one EIP per NIC");
    }
  });

  it("accepts EIPs on different NICs and unbound EIPs", () => {
    expect(
      findEipPerNicViolations([
        resource(IPV6_EIP_TYPE, "a", { portId: PORT_A }),
        resource(OS_FIP, "b", { pool: "admin_external_net", portId: PORT_B }),
        resource(OS_FIP, "unbound", { pool: "admin_external_net", portId: "" }),
        resource(IPV6_EIP_TYPE, "unbound-v6", {}),
        resource(OTC_EIP, "eip", { publicip: { type: "5_bgp" } }),
      ]),
    ).toEqual([]);
  });

  it("compares port ids without case or blanks", () => {
    const findings = findEipPerNicViolations([
      resource(IPV6_EIP_TYPE, "a", { portId: PORT_A.toUpperCase() }),
      resource(OTC_ASSOC, "b", { floatingIp: "80.158.1.2", portId: ` ${PORT_A} ` }),
    ]);
    expect(findings).toHaveLength(2);
  });

  it("reads every binding kind, VpcEipV1's publicip.portId as an object or a one-element list", () => {
    const findings = findEipPerNicViolations([
      resource(OS_ASSOC, "os-assoc", { floatingIp: "80.158.1.1", portId: PORT_A }),
      resource(OTC_FIP, "otc-fip", { portId: PORT_A }),
      resource(OTC_ASSOC, "otc-assoc", { floatingIp: "80.158.1.3", portId: PORT_A }),
      resource(OTC_EIP, "otc-eip", { publicip: { type: "5_bgp", portId: PORT_A } }),
      resource(OTC_EIP, "otc-eip-list", { publicip: [{ type: "5_bgp", portId: PORT_A }] }),
    ]);
    expect(findings).toHaveLength(5);
    const forOsAssoc = findings.find((f) => f.urn.endsWith("::os-assoc"));
    expect(forOsAssoc?.message).toContain("opentelekomcloud.VpcEipV1 'otc-eip-list'");
    expect(forOsAssoc?.message).toContain("opentelekomcloud.NetworkingFloatingipV2 'otc-fip'");
  });

  it("covers every binder type it declares", () => {
    const findings = findEipPerNicViolations(
      PORT_BINDERS.map((b, i) =>
        resource(
          b.type,
          `r${i}`,
          b.portPath.length === 1 ? { portId: PORT_B } : { publicip: { portId: PORT_B } },
        ),
      ),
    );
    expect(findings).toHaveLength(PORT_BINDERS.length);
  });

  it("ignores types that do not bind EIPs, even with a portId property", () => {
    expect(
      findEipPerNicViolations([
        resource("openstack:networking/portSecGroupAssociate:PortSecGroupAssociate", "sg", {
          portId: PORT_A,
        }),
        resource(IPV6_EIP_TYPE, "a", { portId: PORT_A }),
      ]),
    ).toEqual([]);
  });

  it("leaves unknown ports out of the judgement, as sentinel strings and behind the SDK proxy", () => {
    const plain = findEipPerNicViolations([
      resource(IPV6_EIP_TYPE, "a", { portId: UNKNOWN }),
      resource(OS_FIP, "b", { portId: UNKNOWN }),
    ]);
    expect(plain).toEqual([]);
    // A known conflict is still found when another resource's port is unknown: the SDK proxy
    // throws on access, which must not abort the whole validation.
    const proxied = findEipPerNicViolations([
      resource(IPV6_EIP_TYPE, "a", unknownCheckingProxy({ portId: PORT_A }) as never),
      resource(OS_FIP, "b", unknownCheckingProxy({ portId: PORT_A }) as never),
      resource(OTC_EIP, "c", unknownCheckingProxy({ publicip: { portId: UNKNOWN } }) as never),
      resource(OS_ASSOC, "d", unknownCheckingProxy({ portId: UNKNOWN }) as never),
    ]);
    expect(proxied.map((f) => f.urn.split("::").pop()).sort()).toEqual(["a", "b"]);
  });

  it("finds exactly the bindings that share a port (property)", () => {
    const ports = [PORT_A, PORT_B, "7a1e1c58-3a4b-4a1f-8f00-000000000003"];
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            binder: fc.constantFrom(...PORT_BINDERS),
            port: fc.option(fc.constantFrom(...ports, UNKNOWN), { nil: undefined }),
          }),
          { maxLength: 12 },
        ),
        (entries) => {
          const resources = entries.map(({ binder, port }, i) =>
            resource(
              binder.type,
              `r${i}`,
              binder.portPath.length === 1 ? { portId: port } : { publicip: { portId: port } },
            ),
          );
          const counts = new Map<string, number>();
          for (const { port } of entries) {
            if (port !== undefined && port !== UNKNOWN)
              counts.set(port, (counts.get(port) ?? 0) + 1);
          }
          const expected = entries
            .map(({ port }, i) => ({ port, i }))
            .filter(({ port }) => port !== undefined && (counts.get(port) ?? 0) > 1)
            .map(({ i }) => `r${i}`)
            .sort();
          const found = findEipPerNicViolations(resources)
            .map((f) => f.urn.split("::").pop())
            .sort();
          expect(found).toEqual(expected);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe("findUnjudgeableBindings", () => {
  it("reports ports not known until apply, saying whether the resource guards itself", () => {
    const findings = findUnjudgeableBindings([
      resource(IPV6_EIP_TYPE, "v6", unknownCheckingProxy({ portId: UNKNOWN }) as never),
      resource(OTC_EIP, "v4", { publicip: { type: "5_bgp", portId: UNKNOWN } }),
      resource(OS_FIP, "known", { portId: PORT_A }),
    ]);
    expect(findings).toHaveLength(2);
    const [v6, v4] = findings;
    expect(v6?.urn).toContain("::v6");
    expect(v6?.message).toContain("not known until apply");
    expect(v6?.message).toContain("checks the NIC again at `up`");
    expect(v4?.message).toContain("publicip.portId");
    expect(v4?.message).toContain("does not check the NIC");
  });

  it("reports bindings by instance, known or not", () => {
    const findings = findUnjudgeableBindings([
      resource(OTC_COMPUTE_ASSOC, "by-instance", {
        floatingIp: "80.158.1.9",
        instanceId: "c0ffee00-0000-4000-8000-000000000001",
      }),
      resource("openstack:compute/floatingIpAssociate:FloatingIpAssociate", "os", {
        instanceId: UNKNOWN,
      }),
    ]);
    expect(findings).toHaveLength(2);
    expect(findings[0]?.message).toContain("instance c0ffee00-0000-4000-8000-000000000001");
    expect(findings[0]?.message).toContain("NetworkingFloatingipAssociateV2");
    expect(findings[1]?.message).toContain("an instance not known until apply");
  });

  it("says nothing about known and unbound bindings", () => {
    expect(
      findUnjudgeableBindings([
        resource(IPV6_EIP_TYPE, "a", { portId: PORT_A }),
        resource(OS_FIP, "b", { pool: "admin_external_net" }),
      ]),
    ).toEqual([]);
  });
});

describe("readStrings", () => {
  it("distinguishes absent, unknown and known values", () => {
    expect(readStrings({}, ["portId"])).toEqual({ state: "absent" });
    expect(readStrings({ portId: null }, ["portId"])).toEqual({ state: "absent" });
    expect(readStrings({ portId: 42 }, ["portId"])).toEqual({ state: "absent" });
    expect(readStrings({ portId: UNKNOWN }, ["portId"])).toEqual({ state: "unknown" });
    expect(readStrings({ publicip: UNKNOWN }, ["publicip", "portId"])).toEqual({
      state: "unknown",
    });
    expect(readStrings({ portId: PORT_A }, ["portId"])).toEqual({
      state: "known",
      values: [PORT_A],
    });
  });

  it("rethrows errors that are not the SDK's unknown-value error", () => {
    const exploding = new Proxy(
      {},
      {
        get: () => {
          throw new Error("boom");
        },
      },
    );
    expect(() => readStrings(exploding, ["portId"])).toThrow("boom");
  });
});

describe("findEipPerNicViolations, by project and region", () => {
  const PROJECT_ID = "6fd9b5fdb997425f97bc5ba1f0846084";
  const names = (rs: StackResource[]) =>
    findEipPerNicViolations(rs)
      .map((f) => f.urn.split("::").pop())
      .sort();

  it("lets the same port id in two projects pass, and refuses it twice in one project", () => {
    expect(
      names([
        resource(IPV6_EIP_TYPE, "a", { portId: PORT_A, project: "eu-de_team-a" }),
        resource(IPV6_EIP_TYPE, "b", { portId: PORT_A, project: "eu-de_team-b" }),
      ]),
    ).toEqual([]);
    const same = findEipPerNicViolations([
      resource(IPV6_EIP_TYPE, "a", { portId: PORT_A, project: "eu-de_team-a" }),
      resource(IPV6_EIP_TYPE, "b", { portId: PORT_A, project: "EU-DE_TEAM-A" }),
    ]);
    expect(same.map((f) => f.urn.split("::").pop()).sort()).toEqual(["a", "b"]);
    expect(same[0]?.message).not.toContain("cannot be told");
  });

  it("lets the same port id in two regions pass", () => {
    expect(
      names([
        resource(IPV6_EIP_TYPE, "de", { portId: PORT_A, region: "eu-de" }),
        resource(IPV6_EIP_TYPE, "nl", { portId: PORT_A, region: "eu-nl" }),
      ]),
    ).toEqual([]);
  });

  it("holds two resources on one connection's defaults to one NIC, as before", () => {
    expect(
      names([
        resource(IPV6_EIP_TYPE, "a", { portId: PORT_A }),
        resource(IPV6_EIP_TYPE, "b", { portId: PORT_A, connection: "otc" }),
      ]),
    ).toEqual(["a", "b"]);
  });

  it("holds bindings it cannot tell apart to one NIC, saying why and how to tell them apart", () => {
    const cases: StackResource[][] = [
      // A project given on one, the connection's on the other.
      [
        resource(IPV6_EIP_TYPE, "a", { portId: PORT_A, project: "eu-de_team-a" }),
        resource(IPV6_EIP_TYPE, "b", { portId: PORT_A }),
      ],
      // Two connections, no project: they may point at one project.
      [
        resource(IPV6_EIP_TYPE, "a", { portId: PORT_A }),
        resource(IPV6_EIP_TYPE, "b", { portId: PORT_A, connection: "otc-prod" }),
      ],
      // A project by id against one by name.
      [
        resource(IPV6_EIP_TYPE, "a", { portId: PORT_A, projectId: PROJECT_ID }),
        resource(IPV6_EIP_TYPE, "b", { portId: PORT_A, project: "eu-de_team-a" }),
      ],
      // A project not known until apply.
      [
        resource(IPV6_EIP_TYPE, "a", { portId: PORT_A, project: UNKNOWN }),
        resource(IPV6_EIP_TYPE, "b", { portId: PORT_A, project: "eu-de_team-a" }),
      ],
    ];
    for (const rs of cases) {
      const findings = findEipPerNicViolations(rs);
      expect(findings.map((f) => f.urn.split("::").pop()).sort()).toEqual(["a", "b"]);
      for (const f of findings) {
        expect(f.message).toContain("cannot be told from the plan");
        expect(f.message).toContain("give each its project and region");
      }
    }
  });

  it("knows an existing Ipv6Eip's project by its id and its name, both recorded", () => {
    const existing = resource(IPV6_EIP_TYPE, "old", {
      portId: PORT_A,
      projectId: PROJECT_ID,
      projectName: "eu-de_team-a",
      region: "eu-de",
    });
    const sameProject = findEipPerNicViolations([
      existing,
      resource(IPV6_EIP_TYPE, "new", { portId: PORT_A, project: "eu-de_team-a", region: "eu-de" }),
    ]);
    expect(sameProject.map((f) => f.urn.split("::").pop()).sort()).toEqual(["new", "old"]);
    expect(sameProject[0]?.message).not.toContain("cannot be told");
    expect(
      names([
        existing,
        resource(IPV6_EIP_TYPE, "new", { portId: PORT_A, project: "eu-de_team-b" }),
      ]),
    ).toEqual([]);
  });

  it("compares an Ipv6Eip's recorded project id with another provider's tenantId", () => {
    expect(
      names([
        resource(IPV6_EIP_TYPE, "v6", {
          portId: PORT_A,
          projectId: PROJECT_ID,
          project: "eu-de_x",
        }),
        resource(OS_FIP, "v4", { portId: PORT_A, tenantId: "0123456789abcdef0123456789abcdef" }),
      ]),
    ).toEqual([]);
    expect(
      names([
        resource(IPV6_EIP_TYPE, "v6", { portId: PORT_A, projectId: PROJECT_ID, region: "eu-de" }),
        resource(OS_FIP, "v4", {
          portId: PORT_A,
          tenantId: PROJECT_ID.toUpperCase(),
          region: "eu-de",
        }),
      ]),
    ).toEqual(["v4", "v6"]);
  });

  it("reads each resource's scope, its provider's defaults when it gives none", () => {
    expect(
      readScope(resource(IPV6_EIP_TYPE, "a", { project: PROJECT_ID, region: "eu-nl" })),
    ).toEqual({
      project: { kind: "known", ids: [PROJECT_ID], names: [] },
      region: { kind: "known", ids: [], names: ["eu-nl"] },
    });
    expect(
      readScope(resource(IPV6_EIP_TYPE, "a", { connection: "otc-prod", projectId: UNKNOWN })),
    ).toEqual({
      project: { kind: "default", source: "connection otc-prod" },
      region: { kind: "default", source: "connection otc-prod" },
    });
    const withProvider = { ...resource(OS_FIP, "b", {}), provider: { urn: "urn:p::prod" } };
    expect(readScope(withProvider).project).toEqual({
      kind: "default",
      source: "provider urn:p::prod",
    });
    expect(readScope(resource(OTC_FIP, "c", {})).region).toEqual({
      kind: "default",
      source: "the default opentelekomcloud provider",
    });
  });
});
