import fc from "fast-check";
import { checkInputs } from "../../provider/core/check-inputs";
import { readSpec } from "../../provider/core/input-spec";
import { InvalidInputError } from "../../provider/core/errors";
import { UNKNOWN_VALUE } from "../../provider/core/unknown-value";

const PORT = "552389f5-8f4c-4bb7-9991-07233c315d60";
const NET = "5ce655fa-c911-4d2c-99f7-445bc1162ef8";

describe("checkInputs", () => {
  it("accepts every valid combination, including nothing at all", () => {
    expect(checkInputs({})).toEqual([]);
    expect(
      checkInputs({
        __provider: "exports.handler = …",
        portId: PORT,
        floatingNetworkId: NET,
        region: "eu-nl",
        adoptId: "2567f393-5c76-42db-a397-477723ce41f7",
        timeouts: { create: 60, update: 1, delete: 3600 },
        suppressWarnings: false,
      }),
    ).toEqual([]);
    expect(checkInputs({ portId: null, region: undefined })).toEqual([]);
  });

  it.each([
    ["portId", "eth0", '"eth0"', "NIC ID"],
    ["floatingNetworkId", "admin_external_net", '"admin_external_net"', "router:external"],
    ["adoptId", "1.2.3.4", '"1.2.3.4"', "otc-ipv6-eip list"],
    ["region", "Frankfurt", '"Frankfurt"', "otc:region"],
    ["suppressWarnings", "yes", '"yes"', "true"],
    ["timeouts", 30, "30", "create: 300"],
  ])("names %s, quotes %j and says what to do", (property, value, quoted, fix) => {
    const failures = checkInputs({ [property]: value });
    expect(failures).toEqual([{ property, reason: expect.stringContaining(quoted) }]);
    expect(failures[0]?.reason).toContain(fix);
  });

  it("checks each timeout and refuses unknown timeout keys and unknown inputs", () => {
    const failures = checkInputs({ timeouts: { create: 0, update: 2.5, nap: 1 }, portID: PORT });
    expect(failures.map((f) => f.property).sort()).toEqual([
      "portID",
      "timeouts.create",
      "timeouts.nap",
      "timeouts.update",
    ]);
  });

  it("accepts the unknown placeholder anywhere during check, but not when it must be known", () => {
    const news = {
      portId: UNKNOWN_VALUE,
      region: UNKNOWN_VALUE,
      timeouts: { create: UNKNOWN_VALUE },
      suppressWarnings: UNKNOWN_VALUE,
    };
    expect(checkInputs(news)).toEqual([]);
    expect(checkInputs(news, { allowUnknown: false }).map((f) => f.property)).toEqual([
      "portId",
      "region",
      "timeouts.create",
      "suppressWarnings",
    ]);
  });

  it("never throws and reports only known properties, whatever the input", () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (news) => {
        const failures = checkInputs(news);
        for (const f of failures) {
          expect(f.reason.length).toBeGreaterThan(0);
          const named = f.property in news || f.property.startsWith("timeouts.");
          expect(named).toBe(true);
        }
      }),
    );
  });
});

describe("readSpec", () => {
  it("lower-cases ids, keeps what was given and fills default timeouts", () => {
    const spec = readSpec({ portId: PORT.toUpperCase(), timeouts: { create: 30 } });
    expect(spec).toEqual({
      portId: PORT,
      floatingNetworkId: null,
      region: null,
      project: null,
      projectInput: null,
      connection: null,
      adoptId: null,
      givenTimeouts: { create: 30 },
      timeouts: { create: 30, update: 300, delete: 300 },
      suppressWarnings: null,
      secretInputs: [],
    });
  });

  it("reads project (by id, lower-cased, or by name) and connection, refusing bad ones", () => {
    const byId = readSpec({ project: "ABCDEF0123456789ABCDEF0123456789", connection: "otc-prod" });
    expect(byId).toMatchObject({
      project: { kind: "id", id: "abcdef0123456789abcdef0123456789" },
      projectInput: "abcdef0123456789abcdef0123456789",
      connection: "otc-prod",
    });
    expect(readSpec({ project: "eu-de_team-a" }).project).toEqual({
      kind: "name",
      name: "eu-de_team-a",
    });
    const failures = checkInputs({ project: "team a", connection: "otc:prod" });
    expect(failures.map((f) => f.property)).toEqual(["project", "connection"]);
    expect(failures[0]?.reason).toContain('"team a"');
    expect(failures[1]?.reason).toContain('"otc:prod"');
  });

  it("reads the secret-input list the class adds, keeping only input names", () => {
    const spec = readSpec({ portId: PORT, __secretInputs: ["timeouts", "portId", "__provider"] });
    expect(spec.secretInputs).toEqual(["portId", "timeouts"]);
    expect(checkInputs({ __secretInputs: ["portId"] })).toEqual([]);
  });

  it("throws InvalidInputError for the first problem", () => {
    expect(() => readSpec({ portId: "x" })).toThrow(InvalidInputError);
    expect(() => readSpec({ portId: UNKNOWN_VALUE })).toThrow(/unknown/);
  });
});
