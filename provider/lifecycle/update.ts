/**
 * `update`: rebind (or only rewrite the recorded inputs). The guard is checked again first; a
 * failure half-way reports the state the EIP is really in, as an initialisation failure.
 */
import { NotFoundError, ResourceInitError, SecondEipOnNicError } from "../core/errors";
import { readSpec } from "../core/input-spec";
import { describeNicConflict } from "../core/nic-guard";
import { buildState, readState, recordInputs } from "../core/state-schema";
import { findLiveNicConflict } from "./live-guard";
import { toOutputs } from "./plain-outputs";
import type { ProviderContext } from "./provider-context";
import { rebindEip } from "./rebind-eip";
import { isSettled } from "./wait-for-eip";

/** What `update` answers. */
export interface UpdateAnswer {
  /** The new outputs (plain JSON). */
  outs: Record<string, unknown>;
}

/**
 * Moves the EIP to the new `portId` (unbind → `DOWN` → bind → `ACTIVE`) when it differs, in the
 * region and project recorded in state.
 *
 * @param ctx the configured provider
 * @param id the EIP's id
 * @param olds the old outputs
 * @param news the new inputs (including `__provider`)
 */
export async function updateIpv6Eip(
  ctx: ProviderContext,
  id: string,
  olds: Record<string, unknown>,
  news: Record<string, unknown>,
): Promise<UpdateAnswer> {
  const spec = readSpec(news);
  const stored = readState(olds);
  const deadline = ctx.deps.now() + spec.timeouts.update * 1000;
  const client = await ctx.client({
    region: stored.region ?? spec.region,
    projectId: stored.projectId,
  });
  const location = {
    region: client.region,
    projectId: stored.projectId ?? (await client.projectId({ deadline })),
  };
  const recorded = recordInputs(spec);
  let eip;
  try {
    eip = await client.getIpv6FloatingIp(id, { deadline });
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
    throw new NotFoundError(
      { method: error.method, path: error.path, status: error.status, retryable: false },
      `IPv6 EIP ${id} no longer exists in project ${location.projectId ?? "?"}, region ${location.region}. Run \`pulumi refresh\` to drop it from the stack, then \`pulumi up\` to create a new one.`,
    );
  }
  if (isSettled(eip, spec.portId)) {
    return { outs: toOutputs(buildState(eip, recorded, location)) };
  }
  if (spec.portId !== null) {
    const conflict = await findLiveNicConflict(client, spec.portId, [id], deadline);
    if (conflict) {
      throw new SecondEipOnNicError(spec.portId, describeNicConflict(conflict).reason);
    }
  }
  const from = `${eip.portId ? `NIC ${eip.portId}` : "no NIC"} (${eip.status})`;
  const to = spec.portId ? `NIC ${spec.portId}` : "no NIC";
  try {
    eip = await rebindEip(client, eip, spec.portId, deadline, ctx.deps);
  } catch (error) {
    let last = eip;
    try {
      last = await client.getIpv6FloatingIp(id);
    } catch {
      // Keep what was last known.
    }
    const message = error instanceof Error ? error.message : String(error);
    throw new ResourceInitError(
      id,
      toOutputs(buildState(last, recorded, location), news["__provider"]),
      [
        `Moving IPv6 EIP ${id} from ${from} to ${to} failed: ${message}`,
        `It is now ${last.status} on ${last.portId ? `NIC ${last.portId}` : "no NIC"}; run \`pulumi up\` again to finish.`,
      ],
      error,
    );
  }
  return { outs: toOutputs(buildState(eip, recorded, location)) };
}
