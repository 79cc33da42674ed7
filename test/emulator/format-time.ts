/** Time formats the OTC APIs use. */

/** `yyyy-MM-ddTHH:mm:ss` in UTC without a zone, as the VPC API writes `created_at`/`updated_at`. */
export function formatWireTime(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 19);
}

/** ISO-8601 UTC with microsecond fractions, as IAM writes `expires_at` (`2024-01-02T03:04:05.000000Z`). */
export function formatIamTime(epochMs: number): string {
  return `${new Date(epochMs).toISOString().slice(0, 23)}000Z`;
}

/** Parses an `X-Sdk-Date` value (`YYYYMMDDTHHMMSSZ`); `undefined` when malformed. */
export function parseSdkDate(value: string): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  const check = new Date(ms);
  if (check.getUTCDate() !== d || check.getUTCMonth() !== mo - 1) return undefined;
  return ms;
}
