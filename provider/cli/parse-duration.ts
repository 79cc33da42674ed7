/**
 * Parses the age given to `orphans --older-than`: a whole number with a unit, or several in a row
 * (`7d`, `12h`, `90m`, `2w`, `1d12h`).
 */
import { UsageError } from "../core/errors";
import { describeValue } from "../core/validate";

const UNIT_MS = {
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
} as const;

const WHOLE = /^(?:\d{1,6}[smhdw])+$/;
const PART = /(\d{1,6})([smhdw])/g;
/** Ten years: longer than any EIP has existed; bounds the value far below unsafe integers. */
const MAX_MS = 10 * 366 * UNIT_MS.d;

/**
 * Returns the duration in milliseconds.
 *
 * @param text e.g. `7d`; units `s`, `m`, `h`, `d`, `w`
 * @param option the option that held it, named in the error
 * @throws UsageError when the text is not such a duration or exceeds ten years
 */
export function parseDuration(text: string, option = "--older-than"): number {
  const fail = (why: string): never => {
    throw new UsageError(
      `Invalid ${option} ${describeValue(text)}: ${why}. Expected a whole number with a unit ` +
        "(s, m, h, d, w), e.g. 7d, 36h or 1d12h.",
    );
  };
  const trimmed = text.trim().toLowerCase();
  if (!WHOLE.test(trimmed)) return fail("it is not a duration");
  let total = 0;
  for (const [, amount, unit] of trimmed.matchAll(PART)) {
    total += Number(amount) * UNIT_MS[unit as keyof typeof UNIT_MS];
  }
  if (total > MAX_MS) return fail("it is longer than ten years");
  return total;
}
