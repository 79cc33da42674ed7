/**
 * Where a new EIP goes, from its inputs: the region, the project (given by id or by name, else the
 * connection's) and the connection whose settings and credentials the calls use.
 */
import type { Ipv6EipSpec } from "../core/input-spec";
import type { Placement, ProviderContext } from "./provider-context";

/** The placement of a new EIP (or of the live checks for one). */
export function newPlacement(
  spec: Pick<Ipv6EipSpec, "region" | "project" | "connection">,
): Placement {
  return {
    region: spec.region,
    connection: spec.connection,
    projectId: spec.project?.kind === "id" ? spec.project.id : null,
    projectName: spec.project?.kind === "name" ? spec.project.name : null,
  };
}

/**
 * The name of the project a new EIP goes to, when the calls name it (`project` by name, or the
 * connection's project configured by name); `null` when only its id is known.
 */
export async function projectNameOf(
  ctx: ProviderContext,
  spec: Pick<Ipv6EipSpec, "project" | "connection">,
): Promise<string | null> {
  if (spec.project) return spec.project.kind === "name" ? spec.project.name : null;
  const settings = await ctx.settings(spec.connection);
  return settings.projectId === undefined ? (settings.projectName ?? null) : null;
}
