/**
 * Shows one EIP until it reaches the wanted state or the time runs out, measuring how long that
 * took: how the run observes bind and unbind completing on the real cloud.
 */
import { itemPath } from "./eip-paths";
import type { EipFamily } from "./eip-paths";
import type { ProbeAnswer, ProbeSession } from "./probe-session";

/** The wanted state of a poll. */
export interface WantedState {
  /** The status to wait for (`ACTIVE` bound, `DOWN` unbound). */
  status: string;
  /** The port it must be bound to, or `null` for unbound. */
  portId: string | null;
}

/** A poll's outcome. */
export interface PollOutcome {
  /** The last `show` answer. */
  answer: ProbeAnswer;
  /** Whether the wanted state was reached. */
  reached: boolean;
  /** Milliseconds from the start of the poll to the answer that showed it (or to giving up). */
  elapsedMs: number;
  /** The number of `show` calls made. */
  shows: number;
}

/** The floating IP object of a `show` answer, when it has one. */
export function floatingIpOf(answer: ProbeAnswer): Record<string, unknown> | undefined {
  const body = answer.json;
  if (typeof body !== "object" || body === null) return undefined;
  const item = (body as Record<string, unknown>)["floatingip"];
  return typeof item === "object" && item !== null ? (item as Record<string, unknown>) : undefined;
}

function reachedState(answer: ProbeAnswer, wanted: WantedState): boolean {
  const item = floatingIpOf(answer);
  if (answer.status !== 200 || !item) return false;
  const port =
    typeof item["port_id"] === "string" && item["port_id"] !== "" ? item["port_id"] : null;
  return item["status"] === wanted.status && port === wanted.portId;
}

/** Milliseconds between shows: quick at first (a bind usually completes in seconds), then 2 s. */
function pause(shows: number): number {
  return shows < 10 ? 250 : 2000;
}

/**
 * Shows the EIP until it is in `wanted` (status and port), an `ERROR` status, a 404, or `deadline`.
 *
 * @param startedAt when the change being waited for was sent (for the elapsed time)
 */
export async function pollEip(
  session: ProbeSession,
  family: EipFamily,
  id: string,
  wanted: WantedState,
  deadline: number,
  startedAt: number = Date.now(),
  exempt = false,
): Promise<PollOutcome> {
  let shows = 0;
  for (;;) {
    const answer = await session.send(
      { method: "GET", path: itemPath(family, id), acceptStatuses: [200, 404] },
      deadline,
      exempt,
    );
    shows++;
    const elapsedMs = Date.now() - startedAt;
    const status = floatingIpOf(answer)?.["status"];
    if (reachedState(answer, wanted)) return { answer, reached: true, elapsedMs, shows };
    if (answer.status === 404 || status === "ERROR" || Date.now() + pause(shows) >= deadline) {
      return { answer, reached: false, elapsedMs, shows };
    }
    await new Promise((resolve) => setTimeout(resolve, pause(shows)));
  }
}
