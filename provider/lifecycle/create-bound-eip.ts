/**
 * A bound create keeps its whole retry budget. OTC refuses a second EIP on one NIC, so a create
 * with a port can be resent after an unknown outcome as long as each resend is preceded by a look
 * at the NIC: the client resends it within the same attempts and time budget as any call, and this
 * module's look decides each time. An EIP found on the NIC is adopted only when it can be this
 * create's (`judge-found-eip.ts`); any other is refused, named, and left where it is.
 */
import type { FloatingIp, OtcClient } from "../client/types";
import {
  DeadlineExceededError,
  NicAlreadyHasEipError,
  OtcApiError,
  OutcomeUnknownError,
  SecondEipOnNicError,
} from "../core/errors";
import { judgeFoundEip } from "./judge-found-eip";
import type { ProviderContext } from "./provider-context";

/** The waits of the last look, for an EIP that shows up late after the create gave up. */
const LAST_LOOK_DELAYS_MS = [0, 500, 1000, 2000];
/**
 * The end of a create's time kept for the last look: the POSTs (and the looks before resends)
 * stop this much before the deadline, so that the look that finds what an unanswered POST made
 * still fits in it. A quarter of the time at most, so a short timeout leaves the POST most of it.
 */
const LAST_LOOK_RESERVE_MS = 3_000;
const LAST_LOOK_RESERVE_SHARE = 0.25;

/** The create call's path, for the errors that stand for it. */
const CREATE_PATH = "/v2.0/eip/floatingips_v6";

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

/**
 * The last look after the create ended without a clear answer, within the deadline: waits a
 * little for a late EIP while the time kept for it lasts.
 */
async function lastLook(
  ctx: ProviderContext,
  client: OtcClient,
  portId: string,
  deadline: number,
): Promise<NicLook> {
  let look: NicLook = { found: undefined, serverOffsetMs: undefined };
  for (const [i, delay] of LAST_LOOK_DELAYS_MS.entries()) {
    if (i > 0 && ctx.deps.now() + delay >= deadline) break;
    if (delay > 0) await ctx.deps.sleep(delay);
    look = await lookAtNic(ctx, client, portId, deadline);
    if (look.found) return look;
  }
  return look;
}

/** When the POSTs of a create with time until `deadline` must stop (see the reserve above). */
function sendingEndsAt(nowMs: number, deadline: number): number {
  const reserve = Math.min(LAST_LOOK_RESERVE_MS, (deadline - nowMs) * LAST_LOOK_RESERVE_SHARE);
  return deadline - Math.max(0, reserve);
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
  const sendUntil = sendingEndsAt(firstSentAtMs, deadline);
  let unknowns = 0;
  let occupied: (NicLook & { found: FloatingIp }) | undefined;
  const lookBeforeResend = async (): Promise<boolean> => {
    unknowns++;
    const look = await lookAtNic(ctx, client, portId, sendUntil);
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
      { deadline: sendUntil, lookBeforeResend },
    );
  } catch (error) {
    if (occupied) return adoptOrRefuse(ctx, request, occupied, firstSentAtMs);
    // A definitive answer to the only POST sent, or no POST that may have reached OTC: nothing was made.
    if (error instanceof OtcApiError && unknowns === 0) throw error;
    if (!(unknowns > 0 || causedByUnknown(error))) throw error;
    let look: NicLook;
    try {
      look = await lastLook(ctx, client, portId, deadline);
    } catch (lookError) {
      throw unknownAndUnseen(portId, error, lookError);
    }
    if (look.found) {
      return adoptOrRefuse(ctx, request, { ...look, found: look.found }, firstSentAtMs);
    }
    if (error instanceof NicAlreadyHasEipError) throw error;
    throw unknownAndAbsent(portId, unknowns, error);
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The create's outcome is unknown and the last look found no EIP on the NIC. */
function unknownAndAbsent(portId: string, unknowns: number, error: unknown): OutcomeUnknownError {
  const within =
    error instanceof DeadlineExceededError ? "before its deadline" : "within its retry budget";
  return new OutcomeUnknownError(
    { method: "POST", path: CREATE_PATH },
    `Creating the IPv6 EIP for NIC ${portId} got no clear answer ${within} ` +
      `(${unknowns} resend(s) after a look at the NIC; last: ${messageOf(error)}), and no IPv6 EIP is on ` +
      "that NIC. Run `pulumi up` again: if an EIP appears there meanwhile, the check names it " +
      "and you can set adoptId to it; otherwise a new one is created.",
    error,
  );
}

/** The create's outcome is unknown and the last look at the NIC failed too (e.g. no time left). */
function unknownAndUnseen(portId: string, error: unknown, lookError: unknown): OutcomeUnknownError {
  return new OutcomeUnknownError(
    { method: "POST", path: CREATE_PATH },
    `Creating the IPv6 EIP for NIC ${portId} got no clear answer (${messageOf(error)}), and the ` +
      `look at the NIC afterwards failed too (${messageOf(lookError)}): an IPv6 EIP made by this ` +
      `create may now be on NIC ${portId}. Run \`pulumi up\` again: its check looks at the NIC and ` +
      "names any EIP there (set adoptId to it to manage it); if there is none, a new one is created.",
    error,
  );
}
