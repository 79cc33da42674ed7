/**
 * Validation of the resource's inputs: pure, no API call. Each failure names the property, quotes
 * the value and says what to do.
 */
import type { InputFailure } from "./errors";
import {
  checkConnectionName,
  checkRegion,
  checkSeconds,
  checkUuid,
  describeValue,
  readProjectRef,
} from "./validate";
import { isUnknown } from "./unknown-value";
import { INPUT_KEYS } from "./input-keys";
import { TIMEOUT_BOUNDS, TIMEOUT_KEYS } from "./timeouts";
import { SECRET_INPUTS_KEY } from "./secret-inputs";

/** Besides the user's inputs: the serialized provider and the secret-input list the class adds. */
const KNOWN_KEYS: ReadonlySet<string> = new Set<string>([
  ...INPUT_KEYS,
  "__provider",
  SECRET_INPUTS_KEY,
]);

const ID_INPUTS: ReadonlyArray<readonly [string, string]> = [
  [
    "portId",
    "the NIC's port id (ECS console → the server → NICs → NIC ID), or leave it out for an unbound EIP",
  ],
  [
    "floatingNetworkId",
    "the external network's id (GET /v2.0/networks?router:external=True), or leave it out to look it up",
  ],
  [
    "adoptId",
    "the id of an existing IPv6 EIP in this project (`otc-ipv6-eip list`), or leave it out to create one",
  ],
];

/** Options of {@link checkInputs}. */
export interface CheckInputsOptions {
  /**
   * Whether the engine's unknown placeholder is acceptable (it is during `check`, at preview;
   * `create`/`update` always receive known values). Default `true`.
   */
  allowUnknown?: boolean;
}

function checkAbsentOrUnknown(
  property: string,
  value: unknown,
  allowUnknown: boolean,
): "skip" | "check" | InputFailure {
  if (value === undefined || value === null) return "skip";
  if (isUnknown(value)) {
    return allowUnknown
      ? "skip"
      : {
          property,
          reason: `the value is still unknown; it must be known before ${property} can be used.`,
        };
  }
  return "check";
}

function checkTimeouts(value: unknown, allowUnknown: boolean): InputFailure[] {
  if (typeof value !== "object" || Array.isArray(value) || value === null) {
    return [
      {
        property: "timeouts",
        reason: `${describeValue(value)} is not an object; expected e.g. { create: 300, update: 300, delete: 300 } (seconds), or leave it out for the defaults.`,
      },
    ];
  }
  const failures: InputFailure[] = [];
  for (const [key, seconds] of Object.entries(value as Record<string, unknown>)) {
    const property = `timeouts.${key}`;
    if (!(TIMEOUT_KEYS as readonly string[]).includes(key)) {
      failures.push({
        property,
        reason: `${describeValue(key)} is not a timeout this resource has; use ${TIMEOUT_KEYS.join(", ")}.`,
      });
      continue;
    }
    const state = checkAbsentOrUnknown(property, seconds, allowUnknown);
    if (state === "skip") continue;
    if (state !== "check") {
      failures.push(state);
      continue;
    }
    const failure = checkSeconds(property, seconds, TIMEOUT_BOUNDS.min, TIMEOUT_BOUNDS.max);
    if (failure) failures.push(failure);
  }
  return failures;
}

/** `project` (an id or a name) and `connection` (a stack-config namespace). */
function checkPlacementInputs(
  news: Record<string, unknown>,
  allowUnknown: boolean,
): InputFailure[] {
  const failures: InputFailure[] = [];
  const project = news["project"];
  const projectState = checkAbsentOrUnknown("project", project, allowUnknown);
  if (projectState === "check") {
    const read = readProjectRef("project", project);
    if ("property" in read) {
      failures.push({
        ...read,
        reason: `${read.reason} Or leave it out for the connection's project.`,
      });
    }
  } else if (projectState !== "skip") failures.push(projectState);
  const connection = news["connection"];
  const connectionState = checkAbsentOrUnknown("connection", connection, allowUnknown);
  if (connectionState === "check") {
    const failure = checkConnectionName("connection", connection);
    if (failure) {
      failures.push({ ...failure, reason: `${failure.reason} Or leave it out for otc:*.` });
    }
  } else if (connectionState !== "skip") failures.push(connectionState);
  return failures;
}

/**
 * Checks every input of an `Ipv6Eip` and returns all problems at once (empty when valid).
 *
 * `null` and `undefined` mean "not given" for every input. The engine's unknown placeholder is
 * accepted when `allowUnknown` is set, also nested (inside `timeouts`).
 *
 * @param news the inputs as the engine sends them (may include `__provider` and `__secretInputs`,
 *   which the class sets and this ignores)
 */
export function checkInputs(
  news: Record<string, unknown>,
  options: CheckInputsOptions = {},
): InputFailure[] {
  const allowUnknown = options.allowUnknown ?? true;
  const failures: InputFailure[] = [];
  for (const key of Object.keys(news)) {
    if (!KNOWN_KEYS.has(key)) {
      failures.push({
        property: key,
        reason: `Ipv6Eip has no input ${describeValue(key)}; its inputs are ${INPUT_KEYS.join(", ")}.`,
      });
    }
  }
  for (const [property, what] of ID_INPUTS) {
    const value = news[property];
    const state = checkAbsentOrUnknown(property, value, allowUnknown);
    if (state === "skip") continue;
    if (state !== "check") failures.push(state);
    else {
      const failure = checkUuid(property, value, what);
      if (failure) failures.push(failure);
    }
  }
  const region = news["region"];
  const regionState = checkAbsentOrUnknown("region", region, allowUnknown);
  if (regionState === "check") {
    const failure = checkRegion("region", region);
    if (failure) {
      failures.push({ ...failure, reason: `${failure.reason} Or leave it out to use otc:region.` });
    }
  } else if (regionState !== "skip") failures.push(regionState);

  failures.push(...checkPlacementInputs(news, allowUnknown));

  const timeouts = news["timeouts"];
  const timeoutsState = checkAbsentOrUnknown("timeouts", timeouts, allowUnknown);
  if (timeoutsState === "check") failures.push(...checkTimeouts(timeouts, allowUnknown));
  else if (timeoutsState !== "skip") failures.push(timeoutsState);

  const suppress = news["suppressWarnings"];
  const suppressState = checkAbsentOrUnknown("suppressWarnings", suppress, allowUnknown);
  if (suppressState === "check" && typeof suppress !== "boolean") {
    failures.push({
      property: "suppressWarnings",
      reason: `${describeValue(suppress)} is not a boolean; use true to silence the IPv6 EIP warnings, or leave it out.`,
    });
  } else if (suppressState !== "skip" && suppressState !== "check") failures.push(suppressState);
  return failures;
}
