import { diffInputs } from "../../provider/core/diff-inputs";
import { buildState } from "../../provider/core/state-schema";
import type { RecordedInputs } from "../../provider/core/state-schema";
import { UNKNOWN_VALUE } from "../../provider/core/unknown-value";

const PORT = "552389f5-8f4c-4bb7-9991-07233c315d60";
const OTHER = "7b6fb4e1-4bb9-4f3e-8d3a-2b0f3a1c9e11";
const NET = "5ce655fa-c911-4d2c-99f7-445bc1162ef8";
const NET2 = "0a2228f2-7f8a-45f1-8e09-9039e1d09975";

function stateWith(recorded: Partial<RecordedInputs>, portId: string | null = PORT) {
  const full: RecordedInputs = {
    portId: PORT,
    floatingNetworkId: null,
    region: null,
    project: null,
    connection: null,
    adoptId: null,
    timeouts: null,
    suppressWarnings: null,
    secretInputs: [],
    ...recorded,
  };
  return buildState(
    {
      id: "2567f393-5c76-42db-a397-477723ce41f7",
      status: portId ? "ACTIVE" : "DOWN",
      floatingIpAddress: "cdcd:910a:2222:5498:8475:1111:c013:8096",
      floatingNetworkId: NET,
      routerId: null,
      portId,
      fixedIpAddress: portId ? "10.0.0.5" : null,
      projectId: "6fd9b5fdb997425f97bc5ba1f0846084",
      tenantId: null,
      createdAt: "2026-11-26T05:00:00",
      updatedAt: "2026-11-26T05:00:01",
    },
    full,
    { region: "eu-de", projectId: "6fd9b5fdb997425f97bc5ba1f0846084" },
  ) as unknown as Record<string, unknown>;
}

const NONE = { changes: false, replaces: [], deleteBeforeReplace: false };
const UPDATE = { changes: true, replaces: [], deleteBeforeReplace: false };

describe("diffInputs", () => {
  const olds = stateWith({});

  it.each<[string, Record<string, unknown>, Record<string, unknown>, object]>([
    ["same inputs", olds, { portId: PORT }, NONE],
    ["same port in upper case", olds, { portId: PORT.toUpperCase() }, NONE],
    [
      "outputs differ alone",
      { ...olds, fixedIpAddress: "10.0.0.9", updatedAt: "x" },
      { portId: PORT },
      NONE,
    ],
    [
      "refreshed ERROR on the wanted NIC (repair)",
      { ...olds, status: "ERROR" },
      { portId: PORT },
      UPDATE,
    ],
    [
      "refreshed DOWN on the wanted NIC (repair)",
      { ...olds, status: "DOWN" },
      { portId: PORT },
      UPDATE,
    ],
    [
      "refreshed ERROR while unbound (repair)",
      { ...stateWith({}, null), status: "ERROR" },
      {},
      UPDATE,
    ],
    ["unbound and DOWN, as wanted", stateWith({ portId: null }, null), {}, NONE],
    ["state without a status (old layout)", { ...olds, status: undefined }, { portId: PORT }, NONE],
    ["a different __provider", olds, { portId: PORT, __provider: "v2" }, NONE],
    ["new port", olds, { portId: OTHER }, UPDATE],
    ["port left out (unbind)", olds, {}, UPDATE],
    ["unknown port", olds, { portId: UNKNOWN_VALUE }, UPDATE],
    ["drifted: unbound out of band", stateWith({}, null), { portId: PORT }, UPDATE],
    ["looked-up network given as it is", olds, { portId: PORT, floatingNetworkId: NET }, NONE],
    ["looked-up region given as it is", olds, { portId: PORT, region: "eu-de" }, NONE],
    ["given network left out", stateWith({ floatingNetworkId: NET }), { portId: PORT }, NONE],
    ["given region left out", stateWith({ region: "eu-de" }), { portId: PORT }, NONE],
    ["adoptId changed", stateWith({ adoptId: NET }), { portId: PORT, adoptId: NET2 }, NONE],
    ["adoptId added", olds, { portId: PORT, adoptId: NET2 }, NONE],
    ["timeouts changed", olds, { portId: PORT, timeouts: { create: 10 } }, UPDATE],
    [
      "timeouts unknown inside",
      olds,
      { portId: PORT, timeouts: { create: UNKNOWN_VALUE } },
      UPDATE,
    ],
    [
      "same timeouts",
      stateWith({ timeouts: { create: 10 } }),
      { portId: PORT, timeouts: { create: 10 } },
      NONE,
    ],
    ["suppressWarnings set", olds, { portId: PORT, suppressWarnings: true }, UPDATE],
    ["suppressWarnings false = default", olds, { portId: PORT, suppressWarnings: false }, NONE],
    ["suppressWarnings unset", stateWith({ suppressWarnings: true }), { portId: PORT }, UPDATE],
  ])("%s", (_name, o, news, expected) => {
    expect(diffInputs(o, news)).toEqual(expected);
  });

  it.each([
    ["floatingNetworkId", NET2],
    ["floatingNetworkId", UNKNOWN_VALUE],
    ["region", "eu-nl"],
    ["region", UNKNOWN_VALUE],
  ])("replaces, deleting first, for %s = %s", (key, value) => {
    expect(diffInputs(olds, { portId: PORT, [key]: value })).toEqual({
      changes: true,
      replaces: [key],
      deleteBeforeReplace: true,
    });
  });

  it("reads state written without a schema version (older releases) without throwing", () => {
    expect(diffInputs({ portId: PORT, floatingNetworkId: NET }, { portId: PORT })).toEqual(NONE);
    expect(diffInputs({}, {})).toEqual(NONE);
  });
});
