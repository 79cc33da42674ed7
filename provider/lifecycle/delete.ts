/**
 * `delete`: unbind if bound, then delete. Not found means done, so it is safe to repeat.
 */
import type { OtcClient } from "../client/types";
import { EipErrorStatusError, NotFoundError, UnbindFirstError } from "../core/errors";
import { readState } from "../core/state-schema";
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
 * Deletes the EIP in the region and project recorded in its state.
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
  const client = await ctx.client({ region: stored.region, projectId: stored.projectId });
  const deadline = ctx.deps.now() + stored.timeouts.delete * 1000;
  try {
    const eip = await client.getIpv6FloatingIp(id, { deadline });
    if (eip.portId) await unbind(client, id, deadline, ctx.deps);
    try {
      await client.deleteIpv6FloatingIp(id, { deadline });
    } catch (error) {
      if (!(error instanceof UnbindFirstError)) throw error;
      // Bound again meanwhile (or OTC had not caught up): unbind once more, then delete.
      await unbind(client, id, deadline, ctx.deps);
      await client.deleteIpv6FloatingIp(id, { deadline });
    }
  } catch (error) {
    if (error instanceof NotFoundError) return;
    throw error;
  }
}
