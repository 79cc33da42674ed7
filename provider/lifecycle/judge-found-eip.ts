/**
 * "Ours" needs proof: after a bound create whose outcome is unknown, an IPv6 EIP found on the NIC
 * is this create's only when it can be — on the requested network, and created no earlier than
 * the first POST was sent. OTC's `created_at` has no zone (UTC) and whole seconds; the server's
 * clock, read from the `Date` header of the look's answer, puts the POST's moment on that clock.
 */
import type { FloatingIp } from "../client/types";
import { parseOtcTime } from "../core/otc-time";

/**
 * How much earlier than the POST's moment (on the server's clock) an EIP's `created_at` may be and
 * still be this create's, when the server's `Date` was seen: `created_at` and `Date` both drop the
 * fraction of a second, so up to a second each.
 */
export const SKEW_ALLOWANCE_WITH_DATE_MS = 2_000;
/** The same without a `Date` header: this machine's clock and OTC's may differ a little. */
export const SKEW_ALLOWANCE_WITHOUT_DATE_MS = 30_000;

/** What is known about the create that may have made the EIP. */
export interface CreateAttempt {
  /** The external network the create asked for. */
  networkId: string;
  /** The NIC it asked to bind. */
  portId: string;
  /** When the first POST was sent, on this machine's clock (epoch ms). */
  firstSentAtMs: number;
  /** The server's clock minus this machine's, from a `Date` header; `undefined` when none came. */
  serverOffsetMs: number | undefined;
  /** This machine's clock now (epoch ms). */
  nowMs: number;
}

/** The verdict on a found EIP. */
export type FoundEipVerdict =
  /** It can be this create's: adopt it. */
  | { ours: true }
  /** It cannot: `reason` says why (for the error that names it). */
  | { ours: false; reason: string };

function seconds(ms: number): string {
  return `${Math.round(ms / 1000)} s`;
}

/** Decides whether `eip`, found on the NIC, can be the EIP `attempt` made. */
export function judgeFoundEip(eip: FloatingIp, attempt: CreateAttempt): FoundEipVerdict {
  if (eip.floatingNetworkId.toLowerCase() !== attempt.networkId.toLowerCase()) {
    return {
      ours: false,
      reason: `it is on network ${eip.floatingNetworkId || "(none shown)"}, not ${attempt.networkId} as this create asked`,
    };
  }
  const createdMs = parseOtcTime(eip.createdAt);
  if (createdMs === undefined) {
    return {
      ours: false,
      reason: `OTC shows no usable created_at for it (${JSON.stringify(eip.createdAt)}), so nothing proves this create made it`,
    };
  }
  const offset = attempt.serverOffsetMs ?? 0;
  const allowance =
    attempt.serverOffsetMs === undefined
      ? SKEW_ALLOWANCE_WITHOUT_DATE_MS
      : SKEW_ALLOWANCE_WITH_DATE_MS;
  const sentOnServerClock = attempt.firstSentAtMs + offset;
  if (createdMs >= sentOnServerClock - allowance) return { ours: true };
  const age = attempt.nowMs + offset - createdMs;
  return {
    ours: false,
    reason:
      `it was created at ${eip.createdAt} UTC, ${seconds(age)} ago and ` +
      `${seconds(sentOnServerClock - createdMs)} before this create sent its request` +
      (attempt.serverOffsetMs === undefined
        ? " (on this machine's clock: OTC sent no Date header)"
        : " (on OTC's clock, from its Date header)"),
  };
}
