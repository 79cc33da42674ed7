/**
 * A changed `connection` names other credentials for the same EIP: no replacement, but it must not
 * point the EIP at another account or project. Checked before anything changes.
 */
import type { OtcClient } from "../client/types";
import { InvalidInputError } from "../core/errors";
import type { InputFailure } from "../core/errors";
import { connectionName } from "../core/input-spec";
import type { Ipv6EipSpec } from "../core/input-spec";
import type { StoredState } from "../core/state-schema";
import type { ProviderContext } from "./provider-context";

function refuse(reason: string): InvalidInputError {
  return new InvalidInputError({ property: "connection", reason });
}

/**
 * Refuses a connection change that would put the EIP in another project (the new connection's own
 * project, when `project` is not given) or that cannot reach the EIP (another account: IAM or the
 * gateway refuses the scope, or the EIP is not there).
 *
 * @param client the new connection's client, scoped to the EIP's recorded project
 */
export async function confirmConnectionChange(
  ctx: ProviderContext,
  client: OtcClient,
  id: string,
  spec: Ipv6EipSpec,
  stored: StoredState,
  deadline: number,
): Promise<void> {
  const from = connectionName(stored.recordedInputs.connection);
  const to = connectionName(spec.connection);
  const keep = `Keep connection "${from}" for this EIP, or use a connection of the account and project it lives in.`;
  if (spec.project === null && stored.projectId !== null) {
    const own = await ctx.client({
      region: stored.region,
      connection: spec.connection,
      existing: { id, vpcEndpoint: stored.vpcEndpoint },
    });
    const ownProject = await own.projectId({ deadline });
    if (ownProject !== stored.projectId) {
      throw refuse(
        `"${to}" (was "${from}") uses project ${ownProject}, but IPv6 EIP ${id} lives in project ` +
          `${stored.projectId}: a connection change never moves an EIP to another project. ${keep} ` +
          `(Or set project to "${stored.projectId}" if "${to}" may reach that project.)`,
      );
    }
  }
  try {
    await client.getIpv6FloatingIp(id, { deadline });
  } catch (error) {
    throw refuse(
      `"${to}" (was "${from}") cannot reach IPv6 EIP ${id} in project ${stored.projectId ?? "?"} ` +
        `(${(error as Error).message}); it is most likely another account's. ${keep}`,
    );
  }
}

/**
 * At preview, with no call: refuses a connection change whose configured project (when `project`
 * is not given) or VPC endpoint visibly differs from the old connection's. What the settings alone
 * cannot tell (a project by name on one side, by id on the other) `update` checks live.
 *
 * @param olds the old inputs
 * @param news the new inputs
 */
export async function connectionChangeRefusal(
  ctx: ProviderContext,
  olds: Record<string, unknown> | undefined,
  news: Record<string, unknown>,
): Promise<InputFailure | undefined> {
  if (!olds || Object.keys(olds).length === 0) return undefined;
  const named = (value: unknown) => (typeof value === "string" && value !== "" ? value : null);
  const from = named(olds["connection"]);
  const to = named(news["connection"]);
  if (connectionName(from) === connectionName(to)) return undefined;
  const [before, after] = await Promise.all([
    ctx.settingsIfResolved(from),
    ctx.settingsIfResolved(to),
  ]);
  if (!before || !after) return undefined;
  const said = `"${connectionName(to)}" (was "${connectionName(from)}")`;
  const keep = `Keep connection "${connectionName(from)}" for this EIP, or use a connection of the account and project it lives in.`;
  if (named(news["project"]) === null) {
    const a = before.projectId ?? before.projectName;
    const b = after.projectId ?? after.projectName;
    const sameKind = (before.projectId === undefined) === (after.projectId === undefined);
    if (a !== undefined && b !== undefined && sameKind && a !== b) {
      return {
        property: "connection",
        reason: `${said} uses project ${b}, but the EIP lives in project ${a} of the old connection: a connection change never moves an EIP to another project. ${keep}`,
      };
    }
  }
  if (
    before.region === after.region &&
    before.vpcEndpoint !== undefined &&
    after.vpcEndpoint !== undefined &&
    before.vpcEndpoint !== after.vpcEndpoint
  ) {
    return {
      property: "connection",
      reason: `${said} reaches the VPC endpoint ${after.vpcEndpoint}, but the EIP is reached through ${before.vpcEndpoint}: another cloud does not know it. ${keep}`,
    };
  }
  return undefined;
}
