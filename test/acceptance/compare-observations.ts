/**
 * Observed versus emulated: compares what OTC answered with what the emulator assumes
 * ({@link EMULATOR_ANSWER_STYLES}), property by property, and lists every difference.
 */
import { EMULATOR_ANSWER_STYLES } from "./emulator-assumptions";
import type { EmulatedAnswer } from "./emulator-assumptions";
import type { Observation, ObservationPoint } from "./observation";

/** One property where the observed answer is not what the emulator gives. */
export interface Difference {
  point: ObservationPoint;
  /** `httpStatus`, `eipStatus`, `bound`, `fields`, `errorShape`, `errorCode`, `links`. */
  property: string;
  observed: unknown;
  /** What the emulator answers there, per style compared with. */
  emulated: Record<string, unknown>;
}

/** The comparison's result. */
export interface Comparison {
  /** The styles compared with (one when the emulator's style was given, else all). */
  styles: string[];
  /** The styles under which every observation matches. */
  matchingStyles: string[];
  differences: Difference[];
  /** Points the emulator describes that this run did not observe (skipped steps). */
  notObserved: ObservationPoint[];
}

type Check = (
  answer: EmulatedAnswer,
  seen: Observation,
) => { emulated: unknown; matches: boolean } | undefined;

const same = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((v, i) => v === b[i]);

/** The properties compared, each: undefined when the emulator states nothing about it. */
const CHECKS: Record<string, Check> = {
  httpStatus: (a, o) => ({ emulated: a.httpStatus, matches: a.httpStatus.includes(o.httpStatus) }),
  eipStatus: (a, o) =>
    a.eipStatus && {
      emulated: a.eipStatus,
      matches: typeof o.eipStatus === "string" && a.eipStatus.includes(o.eipStatus),
    },
  bound: (a, o) =>
    a.bound !== undefined ? { emulated: a.bound, matches: o.bound === a.bound } : undefined,
  fields: (a, o) =>
    a.fields && { emulated: a.fields, matches: o.fields !== undefined && same(a.fields, o.fields) },
  errorShape: (a, o) =>
    a.errorShape && { emulated: a.errorShape, matches: o.errorShape === a.errorShape },
  errorCode: (a, o) =>
    a.errorCode && {
      emulated: a.errorCode,
      matches: typeof o.errorCode === "string" && a.errorCode.includes(o.errorCode),
    },
  links: (a, o) =>
    a.links && {
      emulated: a.links,
      matches:
        o.links !== undefined &&
        o.links.present === a.links.present &&
        same(o.links.rels, a.links.rels) &&
        same(o.links.paths, a.links.paths),
    },
};

function observedValue(o: Observation, property: string): unknown {
  return (o as unknown as Record<string, unknown>)[property] ?? null;
}

/** Compares one observation with the given styles; a property differs when no style matches it. */
function compareOne(seen: Observation, styles: string[], mismatched: Set<string>): Difference[] {
  const differences: Difference[] = [];
  for (const [property, check] of Object.entries(CHECKS)) {
    const emulated: Record<string, unknown> = {};
    let anyMatch = false;
    let stated = false;
    for (const style of styles) {
      const answer = EMULATOR_ANSWER_STYLES[style]?.[seen.point];
      if (!answer) continue;
      const verdict = check(answer, seen);
      if (!verdict) continue;
      stated = true;
      emulated[style] = verdict.emulated;
      if (verdict.matches) anyMatch = true;
      else mismatched.add(style);
    }
    if (stated && !anyMatch) {
      differences.push({
        point: seen.point,
        property,
        observed: observedValue(seen, property),
        emulated,
      });
    }
  }
  return differences;
}

/**
 * Compares observations with the emulator's styles.
 *
 * @param style the style the emulator ran with, when known (a run against the emulator); absent
 *   for the real cloud, which is compared with every documented style
 * @throws Error for a style the emulator does not have
 */
export function compareObservations(
  observations: readonly Observation[],
  style?: string,
): Comparison {
  const known = Object.keys(EMULATOR_ANSWER_STYLES);
  if (style !== undefined && !known.includes(style)) {
    throw new Error(
      `OTC_ACCEPTANCE_EMULATOR_STYLE=${JSON.stringify(style)} is not an emulator answer style; known: ${known.join(", ")}.`,
    );
  }
  const styles = style !== undefined ? [style] : known;
  const mismatched = new Set<string>();
  const differences: Difference[] = [];
  for (const seen of observations) {
    if (!styles.some((s) => EMULATOR_ANSWER_STYLES[s]?.[seen.point])) {
      differences.push({ point: seen.point, property: "point", observed: seen, emulated: {} });
      continue;
    }
    differences.push(...compareOne(seen, styles, mismatched));
  }
  const seenPoints = new Set(observations.map((o) => o.point));
  const described = new Set(styles.flatMap((s) => Object.keys(EMULATOR_ANSWER_STYLES[s] ?? {})));
  return {
    styles,
    matchingStyles: styles.filter((s) => !mismatched.has(s)),
    differences,
    notObserved: [...described].filter(
      (p) => !seenPoints.has(p as ObservationPoint),
    ) as ObservationPoint[],
  };
}
