/**
 * `update`: rebind (or only rewrite the recorded inputs). The guard is checked again first (unless
 * `check` has just found the NIC empty); a failure half-way reports the state the EIP is really in,
 * as an initialisation failure.
 */
import type { FloatingIp, OtcClient } from "../client/types";
import {
  EipBoundElsewhereError,
  NotFoundError,
  ResourceInitError,
  SecondEipOnNicError,
} from "../core/errors";
import { readSpec } from "../core/input-spec";
import { describeNicConflict } from "../core/nic-guard";
import { buildState, readState, recordInputs } from "../core/state-schema";
import type { EipLocation, StoredState } from "../core/state-schema";
import { inspectNicLive } from "./live-guard";
import { toOutputs } from "./plain-outputs";
import type { ProviderContext } from "./provider-context";
import { rebindEip } from "./rebind-eip";
import { isSettled } from "./wait-for-eip";

/** What `update` answers. */
export interface UpdateAnswer {
  /** The new outputs (plain JSON). */
  outs: Record<string, unknown>;
}

function text(value: unknown): string | null {
  return typeof value === "string" ? value : null;
}

/** The EIP as the old outputs describe it (what the last `up` or `refresh` saw). */
function fromState(id: string, olds: Record<string, unknown>, stored: StoredState): FloatingIp {
  return {
    id,
    status: text(olds["status"]) ?? (stored.portId ? "ACTIVE" : "DOWN"),
    floatingIpAddress: text(olds["floatingIpAddress"]) ?? "",
    floatingNetworkId: stored.floatingNetworkId ?? "",
    routerId: text(olds["routerId"]),
    portId: stored.portId,
    fixedIpAddress: text(olds["fixedIpAddress"]),
    tenantId: null,
    projectId: stored.projectId,
    createdAt: text(olds["createdAt"]),
    updatedAt: text(olds["updatedAt"]),
  };
}

function gone(error: NotFoundError, id: string, location: EipLocation): NotFoundError {
  return new NotFoundError(
    { method: error.method, path: error.path, status: error.status, retryable: false },
    `IPv6 EIP ${id} no longer exists in project ${location.projectId ?? "?"}, region ${location.region}. Run \`pulumi refresh\` to drop it from the stack, then \`pulumi up\` to create a new one.`,
  );
}

async function readLive(
  client: OtcClient,
  id: string,
  location: EipLocation,
  deadline: number,
): Promise<FloatingIp> {
  try {
    return await client.getIpv6FloatingIp(id, { deadline });
  } catch (error) {
    if (error instanceof NotFoundError) throw gone(error, id, location);
    throw error;
  }
}

/**
 * Moves the EIP to the new `portId` (unbind → `DOWN` → bind → `ACTIVE`) when it differs, in the
 * region and project recorded in state.
 *
 * A move starts from the old outputs rather than from a GET: when they are stale, OTC says so
 * ("bound elsewhere" on the bind), and the move is then redone from a fresh read. When the port
 * is unchanged (only recorded inputs changed), the EIP is read and settled if needed.
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
  const moving = stored.portId !== spec.portId;
  let eip = moving ? fromState(id, olds, stored) : await readLive(client, id, location, deadline);
  if (!moving && isSettled(eip, spec.portId)) {
    return { outs: toOutputs(buildState(eip, recorded, location)) };
  }
  // Why a verdict from `check` may stand in for the guard: the engine checks the new inputs of
  // this resource moments before it updates it, in this same process, and `check` listed this
  // NIC empty then. Listing it again would only repeat that answer; should another actor take the
  // NIC in between, OTC refuses the bind (VPC.0511) and that error names the NIC.
  if (spec.portId !== null && !ctx.takeFreeNicVerdict(location, spec.portId)) {
    const { conflict } = await inspectNicLive(client, spec.portId, [id], deadline);
    if (conflict) {
      throw new SecondEipOnNicError(spec.portId, describeNicConflict(conflict).reason);
    }
  }
  const from = `${eip.portId ? `NIC ${eip.portId}` : "no NIC"} (${eip.status})`;
  const to = spec.portId ? `NIC ${spec.portId}` : "no NIC";
  // Not moving: the EIP is where it should be and only had to settle (a bind still in progress).
  const attempt = moving
    ? `Moving IPv6 EIP ${id} from ${from} to ${to}`
    : `Waiting for IPv6 EIP ${id} to settle ${spec.portId ? `on ${to}` : "unbound"} (it was ${eip.status})`;
  try {
    try {
      eip = await rebindEip(client, eip, spec.portId, deadline, ctx.deps);
    } catch (error) {
      if (!(moving && error instanceof EipBoundElsewhereError)) throw error;
      // The state was stale (bound or in ERROR out of band): start again from what OTC says.
      eip = await rebindEip(
        client,
        await readLive(client, id, location, deadline),
        spec.portId,
        deadline,
        ctx.deps,
      );
    }
  } catch (error) {
    if (error instanceof NotFoundError) throw gone(error, id, location);
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
        `${attempt} failed: ${message}`,
        `It is now ${last.status} on ${last.portId ? `NIC ${last.portId}` : "no NIC"}; run \`pulumi up\` again to finish.`,
      ],
      error,
    );
  }
  return { outs: toOutputs(buildState(eip, recorded, location)) };
}
