/**
 * A `project` named for an existing EIP that `diff` could not compare (the state did not know its
 * project's name): `update` checks that it is the EIP's project before changing anything.
 */
import { InvalidInputError } from "../core/errors";
import type { Ipv6EipSpec } from "../core/input-spec";
import type { StoredState } from "../core/state-schema";
import type { ProviderContext } from "./provider-context";

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
