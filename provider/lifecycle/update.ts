/**
 * `update`: rebind, repair (an EIP in `ERROR`, or `DOWN` on the NIC it should be bound to), or only
 * rewrite the recorded inputs. Right before it unbinds, the new NIC is looked at live; a bind OTC
 * refuses definitively puts the EIP back where it came from; a failure half-way reports the state
 * the EIP is really in, as an initialisation failure.
 */
import type { FloatingIp, OtcClient } from "../client/types";
import {
  DeadlineExceededError,
  EipBoundElsewhereError,
  FloatingIpNotFoundError,
  ResourceInitError,
  SecondEipOnNicError,
} from "../core/errors";
import { readSpec } from "../core/input-spec";
import type { Ipv6EipSpec } from "../core/input-spec";
import { describeNicConflict } from "../core/nic-guard";
import { buildState, readState, recordInputs } from "../core/state-schema";
import type { EipLocation, StoredState } from "../core/state-schema";
import { connectionName } from "../core/input-spec";
import { confirmConnectionChange } from "./connection-change";
import { confirmSameProject } from "./project-change";
import { inspectNicLive } from "./live-guard";
import { toOutputs } from "./plain-outputs";
import { portKindFor } from "./port-facts";
import type { ProviderContext } from "./provider-context";
import { isDefinitiveBindRefusal, putBack } from "./put-back";
import type { PutBackOutcome } from "./put-back";
import { rebindEip } from "./rebind-eip";
import { isSettled, waitForEip } from "./wait-for-eip";

/** What `update` answers. */
export interface UpdateAnswer {
  /** The new outputs (plain JSON). */
  outs: Record<string, unknown>;
}

/** How long a repair waits for an EIP shown `DOWN` on its NIC to finish a bind in progress. */
const BIND_IN_PROGRESS_GRACE_MS = 5_000;

function text(value: unknown): string | null {
  return typeof value === "string" ? value : null;
}

/** The EIP as the old outputs describe it (what the last `up` or `refresh` saw). */
function fromState(id: string, olds: Record<string, unknown>, stored: StoredState): FloatingIp {
  return {
    id,
    status: stored.status ?? (stored.portId ? "ACTIVE" : "DOWN"),
    floatingIpAddress: stored.floatingIpAddress ?? "",
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

function gone(
  error: FloatingIpNotFoundError,
  id: string,
  location: EipLocation,
): FloatingIpNotFoundError {
  return new FloatingIpNotFoundError(
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
    if (error instanceof FloatingIpNotFoundError) throw gone(error, id, location);
    throw error;
  }
}

/** Where an EIP is, for messages. */
function whereIs(eip: FloatingIp): string {
  return `${eip.portId ? `NIC ${eip.portId}` : "no NIC"} (${eip.status})`;
}

/**
 * An EIP that shows `DOWN` on the NIC it should be bound to may be finishing a bind: wait briefly.
 * What it shows afterwards decides the repair (still `DOWN`: unbind and bind again).
 */
async function settleBindInProgress(
  client: OtcClient,
  eip: FloatingIp,
  portId: string,
  deadline: number,
  ctx: ProviderContext,
): Promise<FloatingIp> {
  // A third of the time left at most: the rest is for the repair (unbind, bind, wait).
  const now = ctx.deps.now();
  const grace = now + Math.min(BIND_IN_PROGRESS_GRACE_MS, Math.max(0, (deadline - now) / 3));
  try {
    return await waitForEip(client, eip, portId, grace, ctx.deps);
  } catch (error) {
    if (!(error instanceof DeadlineExceededError)) throw error;
    return await client.getIpv6FloatingIp(eip.id, { deadline });
  }
}

/** Refuses the bind before anything changes when the NIC, looked at now, holds another EIP. */
async function guardNicNow(
  client: OtcClient,
  id: string,
  portId: string,
  deadline: number,
): Promise<void> {
  const { conflict } = await inspectNicLive(client, portId, [id], deadline);
  if (conflict) {
    throw new SecondEipOnNicError(
      portId,
      `${describeNicConflict(conflict).reason} Nothing was changed: IPv6 EIP ${id} stays where it is.`,
    );
  }
}

/** Brings the EIP to `spec.portId`; a stale state (bound or in ERROR out of band) is read afresh. */
async function move(
  ctx: ProviderContext,
  client: OtcClient,
  eip: FloatingIp,
  spec: Ipv6EipSpec,
  location: EipLocation,
  deadline: number,
): Promise<FloatingIp> {
  const unbindFirst = eip.status === "DOWN" && !!eip.portId;
  try {
    return await rebindEip(client, eip, spec.portId, deadline, ctx.deps, { unbindFirst });
  } catch (error) {
    if (!(error instanceof EipBoundElsewhereError)) throw error;
    const fresh = await readLive(client, eip.id, location, deadline);
    return rebindEip(client, fresh, spec.portId, deadline, ctx.deps);
  }
}

/** The init failure of a move that did not finish, saying where the EIP is now. */
async function moveFailure(
  client: OtcClient,
  before: FloatingIp,
  moving: boolean,
  spec: Ipv6EipSpec,
  error: unknown,
  putBackOutcome: PutBackOutcome | undefined,
  outputs: (eip: FloatingIp) => Record<string, unknown>,
  deadline: number,
): Promise<ResourceInitError> {
  let last = putBackOutcome?.eip ?? before;
  let seen = putBackOutcome?.restored === true;
  if (!putBackOutcome?.restored) {
    // Within what is left of the update's deadline, not a fresh one.
    try {
      last = await client.getIpv6FloatingIp(before.id, { deadline });
      seen = true;
    } catch {
      // Keep what was last known.
    }
  }
  const message = error instanceof Error ? error.message : String(error);
  const to = spec.portId ? `NIC ${spec.portId}` : "no NIC";
  // Not moving: the EIP is where it should be and had to settle, or be repaired there.
  const attempt = moving
    ? `Moving IPv6 EIP ${before.id} from ${whereIs(before)} to ${to}`
    : `Waiting for IPv6 EIP ${before.id} to settle ${spec.portId ? `on ${to}` : "unbound"} ` +
      `(it was ${before.status}) and repairing it (unbind, bind again)`;
  const reasons = [`${attempt} failed: ${message}`];
  if (putBackOutcome?.restored) {
    reasons.push(
      `It was put back on ${whereIs(last)}, where it was before: the service keeps its address. ` +
        "Choose a NIC that holds no EIP, then run `pulumi up` again.",
    );
  } else {
    const notBack = putBackOutcome ? ` It was not put back: ${putBackOutcome.why}.` : "";
    const where = `${last.status} on ${last.portId ? `NIC ${last.portId}` : "no NIC"}`;
    reasons.push(
      `${seen ? `It is now ${where}` : `It could not be read again; OTC last showed it ${where}`}.` +
        `${notBack} Run \`pulumi up\` again to finish.`,
    );
  }
  return new ResourceInitError(before.id, outputs(last), reasons, error);
}

/**
 * Moves the EIP to the new `portId` (unbind → `DOWN` → bind → `ACTIVE`) when it differs, in the
 * region and project recorded in state, or repairs it when it is not settled on its `portId`.
 *
 * A move starts from the old outputs rather than from a GET: when they are stale, OTC says so
 * ("bound elsewhere" on the bind), and the move is then redone from a fresh read. Before the first
 * change, the new NIC is looked at live (never a verdict remembered from `check`): another EIP
 * there refuses the update with nothing changed. When the bind is still refused definitively
 * (the NIC got an EIP in between, or the port is invalid), the EIP is put back on the NIC it came
 * from if that one is still free.
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
    connection: spec.connection,
    existing: { id, vpcEndpoint: stored.vpcEndpoint },
  });
  if (connectionName(spec.connection) !== connectionName(stored.recordedInputs.connection)) {
    await confirmConnectionChange(ctx, client, id, spec, stored, deadline);
  }
  const projectId = stored.projectId ?? (await client.projectId({ deadline }));
  await confirmSameProject(ctx, id, spec, projectId, stored, deadline);
  const location = {
    region: client.region,
    projectId,
    projectName: stored.projectName ?? (spec.project?.kind === "name" ? spec.project.name : null),
    vpcEndpoint: client.vpcEndpoint,
  };
  const recorded = recordInputs(spec);
  // What the port is: the state's when the port is the same, else what this run learnt, else asked.
  const knownKind = (eip: FloatingIp) => {
    const port = eip.portId?.toLowerCase() ?? null;
    if (port === null) return null;
    if (port === stored.portId && stored.portKind) return stored.portKind;
    return ctx.portKinds.get({ region: location.region, projectId: location.projectId, id: port });
  };
  const outputs = async (eip: FloatingIp) => {
    const kind = knownKind(eip) ?? (await portKindFor(ctx, client, location, eip.portId, deadline));
    return toOutputs(buildState(eip, recorded, location, kind));
  };
  const moving = stored.portId !== spec.portId;
  let eip = moving ? fromState(id, olds, stored) : await readLive(client, id, location, deadline);
  if (!moving && spec.portId !== null && eip.status === "DOWN" && eip.portId) {
    eip = await settleBindInProgress(client, eip, spec.portId, deadline, ctx);
  }
  if (!moving && isSettled(eip, spec.portId)) return { outs: await outputs(eip) };
  if (spec.portId !== null) await guardNicNow(client, id, spec.portId, deadline);
  const before = eip;
  try {
    eip = await move(ctx, client, eip, spec, location, deadline);
  } catch (error) {
    if (error instanceof FloatingIpNotFoundError) throw gone(error, id, location);
    const origin = before.portId;
    const restore =
      isDefinitiveBindRefusal(error) && origin && origin.toLowerCase() !== spec.portId
        ? await putBack(client, id, origin, deadline, ctx.deps)
        : undefined;
    const failedOuts = (last: FloatingIp) =>
      toOutputs(buildState(last, recorded, location, knownKind(last) ?? null), news["__provider"]);
    throw await moveFailure(client, before, moving, spec, error, restore, failedOuts, deadline);
  }
  return { outs: await outputs(eip) };
}
