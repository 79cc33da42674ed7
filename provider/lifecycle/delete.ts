/**
 * `delete`: unbind if bound, then delete. OTC's own not-found for the EIP, confirmed by the list by
 * id, means done, so it is safe to repeat; any other 404 (a gateway's, a proxy's) is an error, and
 * the EIP stays in the stack. Success is reported only when OTC said the EIP is gone.
 *
 * Whether to unbind first is decided from the port recorded in state rather than from a GET: the
 * state is what the last `up` or `refresh` saw, and when it is stale OTC says so (`VPC.0517`
 * "unbind first" on DELETE), which is handled by unbinding then. An unbind of an EIP that is
 * already unbound is harmless.
 */
import type { OtcClient } from "../client/types";
import {
  EipErrorStatusError,
  FloatingIpNotFoundError,
  GoneUnprovenError,
  UnbindFirstError,
} from "../core/errors";
import { readState } from "../core/state-schema";
import { listedAfterNotFound } from "./confirm-gone";
import type { LifecycleDeps } from "./deps";
import type { ProviderContext } from "./provider-context";
import { waitForEip } from "./wait-for-eip";

async function unbind(
  client: OtcClient,
  id: string,
  deadline: number,
  deps: Pick<LifecycleDeps, "sleep" | "now">,
): Promise<void> {
  const unbound = await client.updateIpv6FloatingIpPort(id, null, { deadline });
  try {
    await waitForEip(client, unbound, null, deadline, deps);
  } catch (error) {
    // An EIP that turned ERROR while unbinding can still be deleted: try that instead of failing.
    if (!(error instanceof EipErrorStatusError)) throw error;
  }
}

/**
 * Deletes the EIP in the region and project recorded in its state: bound (per state) = unbind,
 * wait for `DOWN`, DELETE (3 calls); unbound = DELETE (1 call).
 *
 * @param ctx the configured provider
 * @param id the EIP's id
 * @param props the outputs in state, of any schema version
 */
export async function deleteIpv6Eip(
  ctx: ProviderContext,
  id: string,
  props: Record<string, unknown> | undefined,
): Promise<void> {
  const stored = readState(props);
  const client = await ctx.client({
    region: stored.region,
    projectId: stored.projectId,
    connection: stored.recordedInputs.connection,
    existing: { id, vpcEndpoint: stored.vpcEndpoint },
  });
  const deadline = ctx.deps.now() + stored.timeouts.delete * 1000;
  try {
    if (stored.portId !== null) await unbind(client, id, deadline, ctx.deps);
    try {
      await client.deleteIpv6FloatingIp(id, { deadline });
    } catch (error) {
      if (!(error instanceof UnbindFirstError)) throw error;
      // Bound after the state was written (or OTC had not caught up): unbind, then delete.
      await unbind(client, id, deadline, ctx.deps);
      await client.deleteIpv6FloatingIp(id, { deadline });
    }
  } catch (error) {
    if (!(error instanceof FloatingIpNotFoundError)) throw error;
    const listed = await listedAfterNotFound(client, id, deadline);
    if (listed === undefined) return;
    throw new GoneUnprovenError(
      id,
      `OTC answered that IPv6 EIP ${id} does not exist (${error.message}), but its list still shows ` +
        `it (${listed.floatingIpAddress}, ${listed.status} on ${listed.portId ?? "no NIC"}): it is ` +
        "not deleted and stays in the stack. Run `pulumi destroy` again.",
      { cause: error },
    );
  }
}
