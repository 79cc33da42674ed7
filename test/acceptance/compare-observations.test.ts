/**
 * Observed versus emulated: answers that are what the emulator declares give no difference; each
 * way a real answer can differ (status, binding, fields, error code and shape, links, a point the
 * emulator says nothing about) is listed with what was observed and what the emulator gives.
 */
import { compareObservations } from "./compare-observations";
import { DEFAULT_EMULATOR_STYLE, EMULATOR_ANSWER_STYLES } from "./emulator-assumptions";
import { OBSERVATION_POINTS } from "./observation";
import type { Observation, ObservationPoint } from "./observation";

/** An observation exactly as the default style answers at `point`. */
function asEmulated(point: ObservationPoint): Observation {
  const a = EMULATOR_ANSWER_STYLES[DEFAULT_EMULATOR_STYLE]![point];
  return {
    point,
    httpStatus: a.httpStatus[0]!,
    ...(a.eipStatus ? { eipStatus: a.eipStatus[0] } : {}),
    ...(a.bound !== undefined ? { bound: a.bound } : {}),
    ...(a.fields ? { fields: [...a.fields] } : {}),
    ...(a.errorShape ? { errorShape: a.errorShape } : {}),
    ...(a.errorCode ? { errorCode: a.errorCode[0] } : {}),
    ...(a.links ? { links: { ...a.links } } : {}),
  };
}

describe("compareObservations", () => {
  const all = OBSERVATION_POINTS.map(asEmulated);

  it("every style describes every observation point", () => {
    for (const style of Object.values(EMULATOR_ANSWER_STYLES)) {
      expect(Object.keys(style).sort()).toEqual([...OBSERVATION_POINTS].sort());
    }
  });

  it("finds no difference in answers that are what the emulator declares", () => {
    const result = compareObservations(all, DEFAULT_EMULATOR_STYLE);
    expect(result.differences).toEqual([]);
    expect(result.matchingStyles).toEqual([DEFAULT_EMULATOR_STYLE]);
    expect(result.notObserved).toEqual([]);
  });

  it("lists a bind answered ACTIVE at once (the documented example) as a difference", () => {
    const bind = { ...asEmulated("ipv6.bind.answer"), eipStatus: "ACTIVE" };
    const result = compareObservations([bind], DEFAULT_EMULATOR_STYLE);
    expect(result.differences).toEqual([
      {
        point: "ipv6.bind.answer",
        property: "eipStatus",
        observed: "ACTIVE",
        emulated: { [DEFAULT_EMULATOR_STYLE]: ["DOWN"] },
      },
    ]);
    expect(result.matchingStyles).toEqual([]);
  });

  it("lists fields missing from a create answer, and an unexpected status code", () => {
    const fields = asEmulated("ipv6.create-bound.answer").fields!.filter(
      (f) => !["project_id", "created_at", "updated_at"].includes(f),
    );
    const created = { ...asEmulated("ipv6.create-bound.answer"), fields, httpStatus: 201 };
    const found = compareObservations([created], DEFAULT_EMULATOR_STYLE).differences.map((d) => [
      d.property,
      d.observed,
    ]);
    expect(found).toEqual([
      ["httpStatus", 201],
      ["fields", fields],
    ]);
  });

  it("lists an error met with another code, shape and status", () => {
    const refused: Observation = {
      point: "ipv6.error.second-eip-on-nic",
      httpStatus: 500,
      errorShape: "error_code-error_msg",
      errorCode: "VPC.0509",
    };
    const props = compareObservations([refused], DEFAULT_EMULATOR_STYLE).differences.map(
      (d) => d.property,
    );
    expect(props).toEqual(["httpStatus", "errorShape", "errorCode"]);
  });

  it("lists paging links that differ from the emulator's", () => {
    const listed = {
      ...asEmulated("ipv6.list.by-port-limit-1"),
      links: { present: true, rels: ["previous"], paths: ["/v2.0/eip/floatingips_v6"] },
    };
    const [diff] = compareObservations([listed], DEFAULT_EMULATOR_STYLE).differences;
    expect(diff?.property).toBe("links");
    expect(diff?.observed).toEqual(listed.links);
  });

  it("lists a bind answer that lost its port", () => {
    const bind = { ...asEmulated("ipv6.bind.answer"), bound: false };
    expect(compareObservations([bind]).differences.map((d) => d.property)).toEqual(["bound"]);
  });

  it("names the points of a run that did not observe them", () => {
    const result = compareObservations(all.slice(1), DEFAULT_EMULATOR_STYLE);
    expect(result.notObserved).toEqual([OBSERVATION_POINTS[0]]);
  });

  it("compares with every style when the emulator's is not given, and refuses an unknown style", () => {
    expect(compareObservations(all).styles).toEqual(Object.keys(EMULATOR_ANSWER_STYLES));
    expect(() => compareObservations(all, "synchronous-ish")).toThrow(
      /not an emulator answer style; known: /,
    );
  });
});
