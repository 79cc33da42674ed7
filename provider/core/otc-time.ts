/**
 * OTC's timestamps: `yyyy-MM-ddTHH:mm:ss` without a zone, meaning UTC (the VPC API reference).
 * Tolerates a space for `T`, fractions and an explicit zone, which other OTC APIs send.
 */

const OTC_TIME = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2})(\.\d{1,9})?(Z|[+-]\d{2}:?\d{2})?$/;

/** Epoch milliseconds of an OTC timestamp, or `undefined` when it is absent or not one. */
export function parseOtcTime(text: string | null | undefined): number | undefined {
  if (!text) return undefined;
  const m = OTC_TIME.exec(text.trim());
  if (!m) return undefined;
  const fraction = m[3] ? m[3].slice(0, 4) : "";
  const zone = m[4] ?? "Z";
  const ms = Date.parse(`${m[1]}T${m[2]}${fraction}${zone}`);
  return Number.isNaN(ms) ? undefined : ms;
}
