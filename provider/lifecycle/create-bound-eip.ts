/**
 * A bound create keeps its whole retry budget. OTC refuses a second EIP on one NIC, so a create
 * with a port can be resent after an unknown outcome as long as each resend is preceded by a look
 * at the NIC: the client resends it within the same attempts and time budget as any call, and this
 * module's look decides each time. An EIP found on the NIC is adopted only when it can be this
 * create's (`judge-found-eip.ts`); any other is refused, named, and left where it is.
 */
import type { FloatingIp, OtcClient } from "../client/types";
import {
  NicAlreadyHasEipError,
  OtcApiError,
  OutcomeUnknownError,
  SecondEipOnNicError,
} from "../core/errors";
import { judgeFoundEip } from "./judge-found-eip";
import type { ProviderContext } from "./provider-context";

/** The waits of the last look, for an EIP that shows up late after the create gave up. */
const LAST_LOOK_DELAYS_MS = [0, 500, 1000, 2000];
/** How long past the deadline the last look may take: not looking could leave an EIP unseen. */
const LAST_LOOK_GRACE_MS = 5_000;

/** What one look at the NIC saw. */
interface NicLook {
  /** The IPv6 EIP bound to the NIC, if any. */
  found: FloatingIp | undefined;
  /** The server's clock minus this machine's, from the answer's `Date` header. */
  serverOffsetMs: number | undefined;
}

/** What the create asked for. */
export interface BoundCreateRequest {
  networkId: string;
  portId: string;
}

async function lookAtNic(
  ctx: ProviderContext,
  client: OtcClient,
  portId: string,
  deadline: number,
): Promise<NicLook> {
  let serverOffsetMs: number | undefined;
  const listed = await client.listIpv6FloatingIps(
    { portId },
    { deadline, onServerDate: (serverMs) => (serverOffsetMs = serverMs - ctx.deps.now()) },
  );
  const found = listed.find((eip) => eip.portId?.toLowerCase() === portId.toLowerCase());
  return { found, serverOffsetMs };
}

/** The last look after the create ended without a clear answer: waits a little for a late EIP. */
async function lastLook(
  ctx: ProviderContext,
  client: OtcClient,
  portId: string,
  deadline: number,
): Promise<NicLook> {
  const until = Math.max(deadline, ctx.deps.now() + LAST_LOOK_GRACE_MS);
  let look: NicLook = { found: undefined, serverOffsetMs: undefined };
  for (const delay of LAST_LOOK_DELAYS_MS) {
    if (ctx.deps.now() + delay > until) break;
    if (delay > 0) await ctx.deps.sleep(delay);
    look = await lookAtNic(ctx, client, portId, until);
    if (look.found) return look;
  }
  return look;
}

/** True when `error` is, or was caused by, an unknown outcome. */
function causedByUnknown(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; depth++) {
    if (e instanceof OutcomeUnknownError) return true;
    e = e.cause;
  }
  return false;
}

/** The EIP on the NIC if it can be this create's; else the error that names it. */
function adoptOrRefuse(
  ctx: ProviderContext,
  request: BoundCreateRequest,
  look: NicLook & { found: FloatingIp },
  firstSentAtMs: number,
): FloatingIp {
  const eip = look.found;
  const verdict = judgeFoundEip(eip, {
    networkId: request.networkId,
    portId: request.portId,
    firstSentAtMs,
    serverOffsetMs: look.serverOffsetMs,
    nowMs: ctx.deps.now(),
  });
  if (verdict.ours) {
    ctx.deps.log(
      `Ipv6Eip: the create request's outcome was unknown; found IPv6 EIP ${eip.id} ` +
        `(${eip.floatingIpAddress}) on NIC ${request.portId}, made by this create, and adopted it.`,
    );
    return eip;
  }
  throw new SecondEipOnNicError(
    request.portId,
    `Creating the IPv6 EIP for NIC ${request.portId} had an unknown outcome, and the NIC now holds ` +
      `IPv6 EIP ${eip.id} (${eip.floatingIpAddress}), which cannot be the one this create made: ` +
      `${verdict.reason}. Another stack or tool put it there; it was left where it is. To manage ` +
      `it with this resource, set adoptId: "${eip.id}"; otherwise remove it from the NIC (or bind ` +
      "this resource to another NIC) and run `pulumi up` again.",
  );
}

/**
 * Creates an IPv6 EIP bound to `request.portId`, resending after unknown outcomes within the
 * client's retry budget, each resend after a look at the NIC.
 *
 * @throws SecondEipOnNicError when the NIC holds an EIP that cannot be this create's
 * @throws OutcomeUnknownError when the budget ran out without a clear answer and no EIP is there
 */
export async function createBoundEip(
  ctx: ProviderContext,
  client: OtcClient,
  request: BoundCreateRequest,
  deadline: number,
): Promise<FloatingIp> {
  const { portId } = request;
  const firstSentAtMs = ctx.deps.now();
  let unknowns = 0;
  let occupied: (NicLook & { found: FloatingIp }) | undefined;
  const lookBeforeResend = async (): Promise<boolean> => {
    unknowns++;
    const look = await lookAtNic(ctx, client, portId, deadline);
    if (look.found) {
      occupied = { ...look, found: look.found };
      return false;
    }
    ctx.deps.log(
      `Ipv6Eip: the create request's outcome was unknown and no IPv6 EIP is on NIC ${portId}; ` +
        "sending it again (OTC refuses a second EIP on one NIC, so this cannot duplicate it).",
    );
    return true;
  };
  try {
    return await client.createIpv6FloatingIp(
      { floatingNetworkId: request.networkId, portId },
      { deadline, lookBeforeResend },
    );
  } catch (error) {
    if (occupied) return adoptOrRefuse(ctx, request, occupied, firstSentAtMs);
    // A definitive answer to the only POST sent: nothing was made.
    if (error instanceof OtcApiError && unknowns === 0) throw error;
    const look = await lastLook(ctx, client, portId, deadline);
    if (look.found) {
      return adoptOrRefuse(ctx, request, { ...look, found: look.found }, firstSentAtMs);
    }
    if (error instanceof NicAlreadyHasEipError || !(unknowns > 0 || causedByUnknown(error))) {
      throw error;
    }
    const message = error instanceof Error ? error.message : String(error);
    throw new OutcomeUnknownError(
      { method: "POST", path: "/v2.0/eip/floatingips_v6" },
      `Creating the IPv6 EIP for NIC ${portId} got no clear answer within its retry budget ` +
        `(${unknowns} resend(s) after a look at the NIC; last: ${message}), and no IPv6 EIP is on ` +
        "that NIC. Run `pulumi up` again: if an EIP appears there meanwhile, the check names it " +
        "and you can set adoptId to it; otherwise a new one is created.",
      error,
    );
  }
}
