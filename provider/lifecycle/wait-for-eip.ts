/**
 * Polling an EIP until a bind or unbind has settled: `ACTIVE` on the wanted port, or `DOWN` with
 * no port. OTC binds asynchronously (its create example answers `DOWN` with a `port_id`).
 */
import type { FloatingIp, OtcClient } from "../client/types";
import { DeadlineExceededError, EipErrorStatusError } from "../core/errors";
import { pollDelayMs } from "../core/poll-schedule";
import type { LifecycleDeps } from "./deps";

/** Polls (about six seconds with the default schedule) for which an unbinding EIP may still show ERROR. */
const ERROR_POLLS_WHILE_UNBINDING = 6;

/** The time a wait leaves before the deadline for the show after it, at most (half if less is left). */
const SHOW_TIME_MS = 1_000;
/** Less time than this before the deadline is too little for one more show. */
const MIN_SHOW_MS = 200;

/**
 * Shortens a wait so that the show after it still has time to answer before the deadline: a wait
 * that ran to the deadline would leave the last show unsent, and the error would not say what the
 * EIP last showed.
 */
function keepTimeForShow(delayMs: number, now: number, deadline: number): number {
  const left = deadline - now;
  return Math.max(0, Math.min(delayMs, left - Math.min(SHOW_TIME_MS, left / 2)));
}

/** True when `eip` is settled at `portId` (`null` = unbound). */
export function isSettled(eip: FloatingIp, portId: string | null): boolean {
  if (portId === null) return eip.status === "DOWN" && !eip.portId;
  return eip.status === "ACTIVE" && eip.portId?.toLowerCase() === portId.toLowerCase();
}

/**
 * Waits until the EIP is settled at `portId`, starting from a create's or an update's answer
 * (`current`). Such an answer is never taken as settled: a bind may answer `ACTIVE` at once and an
 * unbind `ACTIVE` with no port (the update page's examples), so a `show` must confirm it. The first
 * poll is at once, then capped exponential backoff from 200 ms. `ERROR` counts once a poll has read
 * it (while unbinding: once it persisted for a few polls).
 *
 * @throws EipErrorStatusError when the EIP turns `ERROR`
 * @throws DeadlineExceededError when `deadline` passes first
 * @throws NotFoundError (from the client) when the EIP disappears
 */
export async function waitForEip(
  client: OtcClient,
  current: FloatingIp,
  portId: string | null,
  deadline: number,
  deps: Pick<LifecycleDeps, "sleep" | "now">,
): Promise<FloatingIp> {
  let eip = current;
  const want = portId === null ? "DOWN (unbound)" : `ACTIVE on port ${portId}`;
  for (let attempt = 0; ; attempt++) {
    // The answer to a PUT still shows the status from before it, and an EIP in ERROR keeps showing
    // ERROR until its unbind completes: while unbinding, ERROR is final only once it persists.
    if (eip.status === "ERROR" && attempt > (portId === null ? ERROR_POLLS_WHILE_UNBINDING : 0)) {
      throw new EipErrorStatusError(
        eip.id,
        `IPv6 EIP ${eip.id} (${eip.floatingIpAddress}) turned ERROR while waiting for ${want}. ` +
          "OTC asks to unbind an EIP in ERROR before binding it again; run `pulumi up` again to retry, or delete it.",
      );
    }
    if (attempt > 0 && isSettled(eip, portId)) return eip;
    const now = deps.now();
    // Less time than a show needs counts as none: its answer could not come before the deadline.
    if (attempt > 0 && deadline - now < MIN_SHOW_MS) {
      throw new DeadlineExceededError(
        `IPv6 EIP ${eip.id} was still ${eip.status} on ${eip.portId ?? "no port"} when the timeout ran out waiting for ${want}. ` +
          "Raise the resource's timeouts, or run `pulumi up` again.",
      );
    }
    const delay = keepTimeForShow(pollDelayMs(attempt, now, deadline), now, deadline);
    if (delay > 0) await deps.sleep(delay);
    // Within the deadline like every call: a show it leaves no time for is not sent, and the
    // client's error says so (the caller reports the EIP as last seen).
    eip = await client.getIpv6FloatingIp(eip.id, { deadline });
  }
}
