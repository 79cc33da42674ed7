/**
 * Small, pure input validators shared by the provider, the client's settings and the CLI.
 * Each returns an {@link InputFailure} (property + reason quoting the value) or `undefined`.
 */
import type { InputFailure } from "./errors";

const MAX_QUOTED = 80;

/**
 * Quotes a value for an error message: strings in JSON quotes with control and non-printable
 * characters escaped, long ones cut with a note of their length; other types by their kind.
 */
export function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (value === undefined) return "undefined";
  if (typeof value === "string") {
    const cut = value.length > MAX_QUOTED ? value.slice(0, MAX_QUOTED) : value;
    const quoted = JSON.stringify(cut).replace(
      /[\u007f-\u009f\u00ad\u2028\u2029\u200b-\u200f\ufeff]/g,
      (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
    );
    return value.length > MAX_QUOTED ? `${quoted}… (${value.length} characters)` : quoted;
  }
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return `an array`;
  return `a ${typeof value}`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PROJECT_ID = /^[0-9a-f]{32}$/i;

/** True when `value` is a UUID in its 8-4-4-4-12 textual form (how OTC names ports, EIPs and networks). */
export function isUuid(value: unknown): value is string {
  return typeof value === "string" && UUID.test(value);
}

/**
 * Checks an OTC object id (a UUID). `what` describes the object for the fix, e.g.
 * "the NIC's port id (ECS → NIC details → NIC ID)".
 */
export function checkUuid(
  property: string,
  value: unknown,
  what: string,
): InputFailure | undefined {
  if (isUuid(value)) return undefined;
  return {
    property,
    reason: `${describeValue(value)} is not a valid id; expected a UUID like "552389f5-8f4c-4bb7-9991-07233c315d60": ${what}.`,
  };
}

/** Checks an OTC project id: 32 hexadecimal characters. */
export function checkProjectId(property: string, value: unknown): InputFailure | undefined {
  if (typeof value === "string" && PROJECT_ID.test(value)) return undefined;
  return {
    property,
    reason: `${describeValue(value)} is not an OTC project id; expected 32 hexadecimal characters (IAM console → My Credentials → Projects).`,
  };
}

const REGION = /^[a-z]{2}-[a-z]{2,}[0-9]*$/;

/** The regions whose endpoints this package knows. Others work with explicit endpoints. */
export const KNOWN_REGIONS = ["eu-de", "eu-nl", "eu-ch2"] as const;

/** Checks a region name's shape (`eu-de`, `eu-nl`, `eu-ch2`, …). */
export function checkRegion(property: string, value: unknown): InputFailure | undefined {
  if (typeof value === "string" && REGION.test(value)) return undefined;
  return {
    property,
    reason: `${describeValue(value)} is not a region name; expected a lower-case OTC region name: one of ${KNOWN_REGIONS.join(", ")}, or another region of the same shape (e.g. "eu-es") with its endpoints set explicitly.`,
  };
}

/**
 * Checks a whole number of seconds within bounds, e.g. a timeout.
 */
export function checkSeconds(
  property: string,
  value: unknown,
  min: number,
  max: number,
): InputFailure | undefined {
  if (typeof value === "number" && Number.isInteger(value) && value >= min && value <= max) {
    return undefined;
  }
  return {
    property,
    reason: `${describeValue(value)} is not a valid number of seconds; expected a whole number from ${min} to ${max}.`,
  };
}

const PROJECT_NAME = /^[a-z]{2}-[a-z]{2,}[0-9]*(_[A-Za-z0-9_-]{1,60})?$/;

/** A project as a user names it: by its 32-hex id or by its name (`eu-de_team-a`). */
export type ProjectRef = { kind: "id"; id: string } | { kind: "name"; name: string };

/**
 * Reads a project given by id (32 hexadecimal characters) or by name (OTC project names start
 * with their region: `eu-de`, `eu-de_team-a`).
 *
 * @returns the project, or the failure quoting the value
 */
export function readProjectRef(property: string, value: unknown): ProjectRef | InputFailure {
  if (typeof value === "string") {
    const text = value.trim();
    if (PROJECT_ID.test(text)) return { kind: "id", id: text.toLowerCase() };
    if (PROJECT_NAME.test(text)) return { kind: "name", name: text };
  }
  return {
    property,
    reason: `${describeValue(value)} is neither an OTC project id (32 hexadecimal characters) nor a project name (the region, then "_" and the rest, e.g. "eu-de_team-a").`,
  };
}

const CONNECTION = /^[A-Za-z][A-Za-z0-9_-]{0,62}$/;

/**
 * Checks the name of a connection: a stack-config namespace such as `otc` or `otc-prod` (the part
 * before the `:` of `otc-prod:region`).
 */
export function checkConnectionName(property: string, value: unknown): InputFailure | undefined {
  if (typeof value === "string" && CONNECTION.test(value)) return undefined;
  return {
    property,
    reason: `${describeValue(value)} is not a connection name; expected the stack-config namespace that holds the connection's keys, a letter then letters, digits, "-" or "_" (e.g. "otc-prod" for otc-prod:region, otc-prod:accessKey, …).`,
  };
}
