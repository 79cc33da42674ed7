/**
 * The diff rules of an `Ipv6Eip`: pure, no API call. `diff` receives the old *outputs*, so every
 * comparison is against what the state recorded (the actual EIP, plus the inputs as given).
 */
import { connectionName } from "./input-spec";
import { containsUnknown, isUnknown } from "./unknown-value";
import { readSecretInputs, SECRET_INPUTS_KEY } from "./secret-inputs";
import { readState } from "./state-schema";
import type { StoredState } from "./state-schema";
import { readProjectRef } from "./validate";

/** The answer to the engine, in the shape of the SDK's `DiffResult` (the helper forwards these three). */
export interface Ipv6EipDiff {
  /** Whether anything changes (an update or a replacement). */
  changes: boolean;
  /** The inputs whose change forces a replacement. */
  replaces: string[];
  /** Delete the old EIP before creating its replacement: the NIC cannot hold both at once. */
  deleteBeforeReplace: boolean;
}

function lower(value: unknown): string | null {
  return typeof value === "string" && value.length > 0 ? value.toLowerCase() : null;
}

function sameTimeouts(given: unknown, recorded: Record<string, number> | null): boolean {
  const a = typeof given === "object" && given !== null ? (given as Record<string, unknown>) : {};
  const b = recorded ?? {};
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) {
    const left = a[key] ?? null;
    const right = b[key] ?? null;
    if (left !== right) return false;
  }
  return true;
}

function text(value: unknown): string | null {
  return typeof value === "string" && value.length > 0 ? value : null;
}

/**
 * What a `project` input means for an existing EIP: `same` (or not given: the EIP keeps the project
 * it lives in, like a region left out), `replace` (another project, or unknown), or `verify` (a
 * name the state cannot compare: `update` checks it is the EIP's project, else refuses).
 */
function projectVerdict(value: unknown, stored: StoredState): "same" | "replace" | "verify" {
  if (isUnknown(value)) return "replace";
  if (typeof value !== "string") return "same";
  const ref = readProjectRef("project", value);
  if ("property" in ref) return "same";
  if (ref.kind === "id") {
    return stored.projectId !== null && ref.id !== stored.projectId ? "replace" : "same";
  }
  const recorded = stored.recordedInputs.project;
  const known =
    stored.projectName ??
    (recorded !== null && readProjectKind(recorded) === "name" ? recorded : null);
  if (known === null) return "verify";
  return known === ref.name ? "same" : "replace";
}

function readProjectKind(value: string): "id" | "name" | null {
  const ref = readProjectRef("project", value);
  return "property" in ref ? null : ref.kind;
}

/**
 * Whether an EIP on the port the program wants is broken as the state (after a refresh) shows it:
 * in `ERROR`, or `DOWN` while it should be bound. `update` repairs it.
 */
function needsRepair(status: string | null, wantedPort: string | null): boolean {
  if (status === "ERROR") return true;
  return wantedPort !== null && status === "DOWN";
}

/**
 * Decides what a change of inputs means:
 *
 * - `portId` differs from the port the EIP is bound to now (or is unknown): an in-place update
 *   (rebind); leaving it out means "unbound". The same port with the EIP in `ERROR`, or `DOWN`
 *   while it should be bound (as a refresh shows it): an update that repairs it.
 * - `floatingNetworkId` or `region` given and different from where the EIP lives (or unknown): a
 *   replacement, deleted before its successor is created. Leaving either out is no change: the
 *   value was looked up, and the EIP keeps it (changing `otc:region` never moves a live EIP).
 * - `project` given as another project than the EIP's (or unknown): a replacement; given by a name
 *   the state cannot compare: an update that checks it. `connection` changed: an update that
 *   refuses to point the EIP at another account or project.
 * - `adoptId` only counts at create (like Pulumi's `import` option): any change is no change.
 * - `timeouts` or `suppressWarnings` changed, or an input made secret or plain: an update that
 *   only rewrites the state.
 * - Outputs that differ alone (e.g. `status`, `updatedAt`), or a different `__provider`: no change.
 *
 * @param olds the old outputs (state), of any schema version
 * @param news the new inputs
 */
export function diffInputs(
  olds: Record<string, unknown>,
  news: Record<string, unknown>,
): Ipv6EipDiff {
  const stored = readState(olds);
  const replaces: string[] = [];
  let changes = false;

  const port = news["portId"];
  if (isUnknown(port) || lower(port) !== stored.portId) changes = true;
  else if (needsRepair(stored.status, lower(port))) changes = true;

  const network = news["floatingNetworkId"];
  const heldNetwork = stored.floatingNetworkId ?? lower(stored.recordedInputs.floatingNetworkId);
  if (isUnknown(network)) replaces.push("floatingNetworkId");
  else if (lower(network) !== null && heldNetwork !== null && lower(network) !== heldNetwork) {
    replaces.push("floatingNetworkId");
  }

  const region = news["region"];
  const heldRegion = stored.region ?? stored.recordedInputs.region;
  if (isUnknown(region)) replaces.push("region");
  else if (typeof region === "string" && heldRegion !== null && region !== heldRegion) {
    replaces.push("region");
  }

  const project = projectVerdict(news["project"], stored);
  if (project === "replace") replaces.push("project");
  else if (project === "verify") changes = true;

  // Another connection names other credentials for the same EIP: an update (which refuses one
  // that would point the EIP at another account or project), never a replacement.
  const connection = news["connection"];
  if (isUnknown(connection)) changes = true;
  else if (connectionName(text(connection)) !== connectionName(stored.recordedInputs.connection)) {
    changes = true;
  }

  const timeouts = news["timeouts"];
  if (containsUnknown(timeouts)) changes = true;
  else if (!sameTimeouts(timeouts, stored.recordedInputs.timeouts)) {
    changes = true;
  }

  const suppress = news["suppressWarnings"];
  if (isUnknown(suppress)) changes = true;
  // false and "not given" mean the same (the default), so switching between them is no change.
  else if ((suppress === true) !== (stored.recordedInputs.suppressWarnings === true)) {
    changes = true;
  }

  // An input made secret (or plain) must be re-recorded, or its value stays stored as it was.
  const secret = readSecretInputs(news[SECRET_INPUTS_KEY]);
  if (secret !== null && secret.join() !== stored.recordedInputs.secretInputs.join())
    changes = true;

  if (replaces.length > 0) changes = true;
  return { changes, replaces, deleteBeforeReplace: replaces.length > 0 };
}
