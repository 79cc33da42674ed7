import { buildState, readState, STATE_SCHEMA_VERSION } from "../../provider/core/state-schema";
import type { RecordedInputs } from "../../provider/core/state-schema";

const EIP = {
  id: "2567f393-5c76-42db-a397-477723ce41f7",
  status: "ACTIVE",
  floatingIpAddress: "CDCD:910A:2222:5498:8475:1111:C013:8096",
  floatingNetworkId: "5ce655fa-c911-4d2c-99f7-445bc1162ef8",
  routerId: "76c052d6-6a92-444c-b67d-147ee166a480",
  portId: "552389f5-8f4c-4bb7-9991-07233c315d60",
  fixedIpAddress: "12.0.0.5",
  projectId: null,
  tenantId: "6fd9b5fdb997425f97bc5ba1f0846084",
  createdAt: "2026-11-26T05:00:00",
  updatedAt: null,
};
const RECORDED: RecordedInputs = {
  portId: EIP.portId,
  floatingNetworkId: null,
  region: "eu-de",
  project: null,
  connection: null,
  adoptId: null,
  timeouts: { delete: 20 },
  suppressWarnings: true,
  secretInputs: ["portId"],
};

describe("state schema", () => {
  it("builds plain JSON outputs: canonical address, IPv4 twin, null not undefined", () => {
    const state = buildState(EIP, RECORDED, { region: "eu-de", projectId: null });
    expect(state).toMatchObject({
      floatingIpAddress: "cdcd:910a:2222:5498:8475:1111:c013:8096",
      ipv4Address: "192.19.128.150",
      projectId: "6fd9b5fdb997425f97bc5ba1f0846084",
      updatedAt: null,
      lookedUp: { floatingNetworkId: true, region: false },
      stateSchemaVersion: STATE_SCHEMA_VERSION,
    });
    expect(JSON.parse(JSON.stringify(state))).toEqual(state);
  });

  it("keeps an address OTC sent that cannot be an EIP, with no twin, instead of failing", () => {
    const state = buildState({ ...EIP, floatingIpAddress: "::1" }, RECORDED, {
      region: "eu-de",
      projectId: "p",
    });
    expect(state).toMatchObject({ floatingIpAddress: "::1", ipv4Address: null });
  });

  it("reads back what it wrote", () => {
    const state = buildState(EIP, RECORDED, { region: "eu-de", projectId: null });
    const read = readState(state as unknown as Record<string, unknown>);
    expect(read).toEqual({
      region: "eu-de",
      projectId: "6fd9b5fdb997425f97bc5ba1f0846084",
      projectName: null,
      vpcEndpoint: null,
      portId: EIP.portId,
      portKind: null,
      status: EIP.status,
      floatingIpAddress: "cdcd:910a:2222:5498:8475:1111:c013:8096",
      ipv4Address: "192.19.128.150",
      floatingNetworkId: EIP.floatingNetworkId,
      recordedInputs: RECORDED,
      timeouts: { create: 300, update: 300, delete: 20 },
      stateSchemaVersion: 4,
    });
  });

  it("records the VPC endpoint of the calls (schema 3); older state reads as none", () => {
    const vpcEndpoint = "https://vpc.example.internal";
    const state = buildState(EIP, RECORDED, { region: "eu-de", projectId: null, vpcEndpoint });
    expect(state.vpcEndpoint).toBe(vpcEndpoint);
    expect(readState(state as unknown as Record<string, unknown>).vpcEndpoint).toBe(vpcEndpoint);
    const old: Record<string, unknown> = { ...state, stateSchemaVersion: 2 };
    delete old["vpcEndpoint"];
    expect(readState(old)).toMatchObject({ vpcEndpoint: null, stateSchemaVersion: 2 });
  });

  it("records the port's kind for a bound EIP only, and reads it back (schema 2)", () => {
    const bound = buildState(EIP, RECORDED, { region: "eu-de", projectId: null }, "elb");
    expect(bound.portKind).toBe("elb");
    expect(readState(bound as unknown as Record<string, unknown>).portKind).toBe("elb");
    const unbound = buildState(
      { ...EIP, portId: null },
      RECORDED,
      { region: "eu-de", projectId: null },
      "ecs",
    );
    expect(unbound.portKind).toBeNull();
    expect(readState({ portKind: "router" }).portKind).toBeNull();
  });

  it("reads empty, partial or malformed state without throwing", () => {
    expect(readState(undefined).stateSchemaVersion).toBe(0);
    expect(readState({ recordedInputs: "x", region: 5, timeouts: null }).region).toBeNull();
    expect(readState({ recordedInputs: { timeouts: { create: "1" } } }).timeouts.create).toBe(300);
  });
});
