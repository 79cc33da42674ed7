/**
 * Where a binding's NIC lives: its project and region. A port id names a NIC only within a project
 * and region, so two bindings to the same port id clash only when they may be in the same project
 * and region. What the plan says about that: a project by id or name, a region, or only "the
 * default of this connection / provider" (the same default for every resource that shares it).
 * Pure, like the rules that use it.
 */

/** A project or region as a binding gives it. */
export type ScopeValue =
  /**
   * Given: a project by its ids and names (an `Ipv6Eip` may show both, its `projectId` output and
   * its `project` input), or a region by its name.
   */
  | { readonly kind: "known"; readonly ids: readonly string[]; readonly names: readonly string[] }
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

/** Projects given as texts: a 32-hex string is an id, anything else a name. */
export function projectValue(texts: readonly string[]): ScopeValue {
  const ids: string[] = [];
  const names: string[] = [];
  for (const text of texts) {
    const trimmed = text.trim().toLowerCase();
    (PROJECT_ID.test(trimmed) ? ids : names).push(trimmed);
  }
  return { kind: "known", ids, names };
}

/** A region given as text. */
export function regionValue(text: string): ScopeValue {
  return { kind: "known", ids: [], names: [text.trim().toLowerCase()] };
}

function compareSets(a: readonly string[], b: readonly string[]): Sameness {
  if (a.length === 0 || b.length === 0) return "undecided";
  return a.some((x) => b.includes(x)) ? "same" : "different";
}

/**
 * Compares two values. Defaults of one source are the same; given values are compared by id
 * when both have one (an id names one project), else by name (a shared name counts as the same:
 * two accounts' projects may share a name, and holding them to one NIC is the safe side); an id
 * against a name only, a given value against a default, two sources' defaults or an unknown the
 * plan cannot decide.
 */
export function compareValues(a: ScopeValue, b: ScopeValue): Sameness {
  if (a.kind === "unknown" || b.kind === "unknown") return "undecided";
  if (a.kind === "default" || b.kind === "default") {
    return a.kind === "default" && b.kind === "default" && a.source === b.source
      ? "same"
      : "undecided";
  }
  const byId = compareSets(a.ids, b.ids);
  return byId !== "undecided" ? byId : compareSets(a.names, b.names);
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
    case "known":
      return `${what} ${[...value.names, ...value.ids].join(" / ")}`;
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
