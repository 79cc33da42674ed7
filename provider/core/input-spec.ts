/**
 * The resource's inputs as the lifecycle uses them once every value is known and valid.
 */
import { InvalidInputError } from "./errors";
import { resolveTimeouts } from "./timeouts";
import type { Ipv6EipTimeouts } from "./timeouts";
import { checkInputs } from "./check-inputs";
import type { InputKey } from "./input-keys";
import { readSecretInputs, SECRET_INPUTS_KEY } from "./secret-inputs";
import { checkConnectionName, readProjectRef } from "./validate";
import type { ProjectRef } from "./validate";

/** The connection used when `connection` is not given: the stack's `otc:*` config. */
export const DEFAULT_CONNECTION_NAME = "otc";

/** The connection a `connection` input (or its recorded value) names: `otc` when not given. */
export function connectionName(connection: string | null | undefined): string {
  return connection ?? DEFAULT_CONNECTION_NAME;
}

/** What the user asked for, every value known; `null` = not given. */
export interface Ipv6EipSpec {
  /** The NIC port to bind, or `null` for an unbound EIP. Lower case. */
  portId: string | null;
  /** The external network, or `null` to look it up. Lower case. */
  floatingNetworkId: string | null;
  /** The region, or `null` to use the provider's (`otc:region`). */
  region: string | null;
  /** The project as given (an id or a name), or `null` for the connection's project. */
  project: ProjectRef | null;
  /** The project input exactly as given (ids lower case), or `null`. */
  projectInput: string | null;
  /** The stack-config namespace of the connection, or `null` for `otc`. */
  connection: string | null;
  /** The existing IPv6 EIP to manage instead of creating one, or `null`. Lower case. */
  adoptId: string | null;
  /** The timeouts the user gave (only those keys), or `null`. */
  givenTimeouts: Partial<Ipv6EipTimeouts> | null;
  /** Every timeout, defaults filled in. */
  timeouts: Ipv6EipTimeouts;
  /** The flag as given, or `null`. */
  suppressWarnings: boolean | null;
  /** The inputs given as Pulumi secrets (listed by the `Ipv6Eip` class); empty when none. */
  secretInputs: InputKey[];
}

function idOrNull(value: unknown): string | null {
  return typeof value === "string" ? value.toLowerCase() : null;
}

/**
 * Reads validated inputs into an {@link Ipv6EipSpec}.
 *
 * @throws InvalidInputError for the first problem `checkInputs` finds (including unknown values,
 *   which never reach `create`/`update` in a real run)
 */
export function readSpec(news: Record<string, unknown>): Ipv6EipSpec {
  const failures = checkInputs(news, { allowUnknown: false });
  const first = failures[0];
  if (first) throw new InvalidInputError(first);
  const given = news["timeouts"];
  let givenTimeouts: Partial<Ipv6EipTimeouts> | null = null;
  if (typeof given === "object" && given !== null) {
    givenTimeouts = {};
    for (const [key, value] of Object.entries(given as Record<string, unknown>)) {
      if (typeof value === "number") givenTimeouts[key as keyof Ipv6EipTimeouts] = value;
    }
  }
  const suppress = news["suppressWarnings"];
  const projectGiven = news["project"];
  const read = typeof projectGiven === "string" ? readProjectRef("project", projectGiven) : null;
  const project = read === null || "property" in read ? null : read;
  return {
    portId: idOrNull(news["portId"]),
    floatingNetworkId: idOrNull(news["floatingNetworkId"]),
    region: typeof news["region"] === "string" ? news["region"] : null,
    project,
    projectInput: project === null ? null : project.kind === "id" ? project.id : project.name,
    connection: typeof news["connection"] === "string" ? news["connection"] : null,
    adoptId: idOrNull(news["adoptId"]),
    givenTimeouts,
    timeouts: resolveTimeouts(given),
    suppressWarnings: typeof suppress === "boolean" ? suppress : null,
    secretInputs: readSecretInputs(news[SECRET_INPUTS_KEY]) ?? [],
  };
}

/**
 * The `region`, `project` and `connection` of inputs that may hold anything (a `get`'s inputs),
 * each `null` when absent or invalid. Never throws.
 */
export function readSpecLoosely(
  inputs: Record<string, unknown> | undefined | null,
): Pick<Ipv6EipSpec, "region" | "project" | "projectInput" | "connection"> {
  const o = inputs ?? {};
  const read = typeof o["project"] === "string" ? readProjectRef("project", o["project"]) : null;
  const project = read === null || "property" in read ? null : read;
  const connection = o["connection"];
  return {
    region: typeof o["region"] === "string" ? o["region"] : null,
    project,
    projectInput: project === null ? null : project.kind === "id" ? project.id : project.name,
    connection:
      typeof connection === "string" && checkConnectionName("connection", connection) === undefined
        ? connection
        : null,
  };
}
