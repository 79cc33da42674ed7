/**
 * A changed `connection` names other credentials for the same EIP: no replacement, but it must not
 * point the EIP at another account or project. Checked before anything changes.
 */
import type { OtcClient } from "../client/types";
import { InvalidInputError } from "../core/errors";
import type { Ipv6EipSpec } from "../core/input-spec";
import type { StoredState } from "../core/state-schema";
import type { ProviderContext } from "./provider-context";

/** The connection's name, `otc` when not given. */
export function connectionName(connection: string | null): string {
  return connection ?? "otc";
}

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
