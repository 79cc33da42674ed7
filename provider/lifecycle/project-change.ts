/**
 * A `project` named for an existing EIP that `diff` could not compare (the state did not know its
 * project's name): `update` checks that it is the EIP's project before changing anything.
 */
import { InvalidInputError } from "../core/errors";
import type { InputFailure } from "../core/errors";
import { readSpecLoosely } from "../core/input-spec";
import type { Ipv6EipSpec } from "../core/input-spec";
import { describeProjectChangeOnSameNic } from "../core/plan-checks";
import { newPlacement } from "./placement";
import type { StoredState } from "../core/state-schema";
import type { Placement, ProviderContext } from "./provider-context";

/**
 * Refuses a `project` given by name that is not the project the EIP lives in (a replacement that
 * `diff` could not tell): the project's id is found once, by a client scoped to that name.
 *
 * @param projectId the project the EIP lives in
 */
export async function confirmSameProject(
  ctx: ProviderContext,
  id: string,
  spec: Ipv6EipSpec,
  projectId: string,
  stored: StoredState,
  deadline: number,
): Promise<void> {
  const project = spec.project;
  if (project?.kind !== "name" || stored.projectName !== null) return;
  if (stored.recordedInputs.project === project.name) return;
  const named = await (
    await ctx.client({
      region: stored.region,
      connection: spec.connection,
      projectName: project.name,
      existing: { id, vpcEndpoint: stored.vpcEndpoint },
    })
  ).projectId({ deadline });
  if (named === projectId) return;
  throw new InvalidInputError({
    property: "project",
    reason:
      `"${project.name}" is project ${named}, but IPv6 EIP ${id} lives in project ${projectId}: a ` +
      "different project means a new EIP (a replacement with a new address). Set project to " +
      `"${projectId}" to keep this one, or change portId together with project to move.`,
  });
}

/** A project as the calls would use it: from the input, else from the connection's settings. */
interface EffectiveProject {
  /** As given or configured (an id lower case, or a name). */
  ref: string;
  kind: "id" | "name";
  placement: Placement;
}

async function effectiveProject(
  ctx: ProviderContext,
  inputs: Record<string, unknown>,
): Promise<EffectiveProject | undefined> {
  const spec = readSpecLoosely(inputs);
  if (spec.project) {
    return {
      ref: spec.projectInput!,
      kind: spec.project.kind,
      placement: newPlacement(spec),
    };
  }
  try {
    const settings = await ctx.settings(spec.connection);
    const placement = newPlacement(spec);
    if (settings.projectId !== undefined) {
      return { ref: settings.projectId, kind: "id", placement };
    }
    if (settings.projectName !== undefined) {
      return { ref: settings.projectName, kind: "name", placement };
    }
  } catch {
    // No settings here (a preview without credentials): nothing to compare.
  }
  return undefined;
}

async function projectIdOf(ctx: ProviderContext, project: EffectiveProject): Promise<string> {
  if (project.kind === "id") return project.ref;
  return (await ctx.client({ ...project.placement, existing: { vpcEndpoint: null } })).projectId();
}

/**
 * The refusal of a plan that moves an EIP to another project while `portId` stays, when one side
 * names no project (the connection's is used): compared from the settings when both are of one
 * kind, else by the ids the two scopes resolve to (one look-up each). `undefined` when the project
 * stays, or when it cannot be told here (no credentials: `update` checks it).
 */
export async function projectMoveOnSameNic(
  ctx: ProviderContext,
  olds: Record<string, unknown> | undefined,
  news: Record<string, unknown>,
): Promise<InputFailure | undefined> {
  if (!olds || Object.keys(olds).length === 0) return undefined;
  const port = (value: unknown) => (typeof value === "string" ? value.toLowerCase() : null);
  const portId = port(news["portId"]);
  if (portId === null || portId !== port(olds["portId"])) return undefined;
  // A connection change alone is never a move (it is refused, or allowed, as a connection change).
  if ((olds["project"] ?? null) === (news["project"] ?? null)) return undefined;
  const [before, after] = await Promise.all([
    effectiveProject(ctx, olds),
    effectiveProject(ctx, news),
  ]);
  if (!before || !after) return undefined;
  let differs = before.kind === after.kind ? before.ref !== after.ref : undefined;
  if (differs === undefined) {
    try {
      const [a, b] = await Promise.all([projectIdOf(ctx, before), projectIdOf(ctx, after)]);
      differs = a !== b;
    } catch {
      return undefined;
    }
  }
  return differs ? describeProjectChangeOnSameNic(before.ref, after.ref, portId) : undefined;
}
