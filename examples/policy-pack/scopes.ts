/**
 * Where a binding's NIC lives: its project and region. A port id names a NIC only within a project
 * and region, so two bindings to the same port id clash only when they may be in the same project
 * and region. What the plan says about that: a project by id or name, a region, or only "the
 * default of this connection / provider" (the same default for every resource that shares it).
 * Pure, like the rules that use it.
 */

/** A project or region as a binding gives it. */
export type ScopeValue =
  /** A project id (32 hex characters). */
  | { readonly kind: "id"; readonly value: string }
  /** A project name (`eu-de_team-a`) or a region (`eu-de`). */
  | { readonly kind: "name"; readonly value: string }
  /** Whatever `source` (a connection, a provider) gives: the same for every binding using it. */
  | { readonly kind: "default"; readonly source: string }
  /** Not known until apply. */
  | { readonly kind: "unknown" };

/** A binding's project and region. */
export interface BindingScope {
  readonly project: ScopeValue;
  readonly region: ScopeValue;
}

/** What the plan proves about two bindings' projects or regions. */
export type Sameness = "same" | "different" | "undecided";

const PROJECT_ID = /^[0-9a-f]{32}$/i;

/** A project as given: a 32-hex string is an id, anything else a name. */
export function projectValue(text: string): ScopeValue {
  const trimmed = text.trim();
  return PROJECT_ID.test(trimmed)
    ? { kind: "id", value: trimmed.toLowerCase() }
    : { kind: "name", value: trimmed };
}

/**
 * Compares two values. Equal ids, names or defaults of one source are the same; two different
 * ids, or two different names, are different; anything else (an id against a name, a given value
 * against a default, two sources' defaults, an unknown) the plan cannot decide.
 */
export function compareValues(a: ScopeValue, b: ScopeValue): Sameness {
  if (a.kind === "unknown" || b.kind === "unknown") return "undecided";
  if (a.kind === "default" || b.kind === "default") {
    return a.kind === "default" && b.kind === "default" && a.source === b.source
      ? "same"
      : "undecided";
  }
  if (a.kind !== b.kind) return "undecided";
  return a.value.toLowerCase() === b.value.toLowerCase() ? "same" : "different";
}

/** Two scopes are different when their projects or their regions are; the same when both are. */
export function compareScopes(a: BindingScope, b: BindingScope): Sameness {
  const project = compareValues(a.project, b.project);
  const region = compareValues(a.region, b.region);
  if (project === "different" || region === "different") return "different";
  return project === "same" && region === "same" ? "same" : "undecided";
}

function describeValue(value: ScopeValue, what: "project" | "region"): string {
  switch (value.kind) {
    case "id":
    case "name":
      return `${what} ${value.value}`;
    case "default":
      return `the ${what} of ${value.source}`;
    case "unknown":
      return `a ${what} not known until apply`;
  }
}

/** A scope for a message: `project eu-de_team-a, region eu-de`. */
export function describeScope(scope: BindingScope): string {
  return `${describeValue(scope.project, "project")}, ${describeValue(scope.region, "region")}`;
}
