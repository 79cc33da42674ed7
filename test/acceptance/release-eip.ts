/**
 * Releases one EIP the run created: unbinds it when it is bound, waits until OTC shows it
 * unbound, deletes it, and confirms with OTC's not-found that it is gone. "Gone" is claimed only
 * on OTC's not-found for that EIP, never on a gateway 404 (an API that is not there).
 */
import { itemPath } from "./eip-paths";
import type { EipFamily } from "./eip-paths";
import { errorShapeOf } from "./observation";
import { floatingIpOf, pollEip } from "./poll-eip";
import type { ProbeAnswer, ProbeSession } from "./probe-session";

/** How a release ended. */
export type ReleaseOutcome = "released" | "already-gone";

/** True when the answer is OTC's not-found for the EIP itself (not a gateway's "no such API"). */
export function isEipNotFound(answer: ProbeAnswer): boolean {
  if (answer.status !== 404) return false;
  const { code } = errorShapeOf(answer);
  return code === null || !code.startsWith("APIG.");
}

const DELETE_TRIES = 5;

async function show(
  session: ProbeSession,
  family: EipFamily,
  id: string,
  deadline: number,
): Promise<ProbeAnswer> {
  return session.send(
    { method: "GET", path: itemPath(family, id), acceptStatuses: [200, 404] },
    deadline,
    true,
  );
}

async function unbindIfBound(
  session: ProbeSession,
  family: EipFamily,
  id: string,
  shown: ProbeAnswer,
  deadline: number,
): Promise<void> {
  const port = floatingIpOf(shown)?.["port_id"];
  if (typeof port !== "string" || port === "") return;
  await session.send(
    {
      method: "PUT",
      path: itemPath(family, id),
      body: { floatingip: { port_id: null } },
      acceptStatuses: [200, 201, 202],
    },
    deadline,
    true,
  );
  const unbound = await pollEip(
    session,
    family,
    id,
    { status: "DOWN", portId: null },
    deadline,
    Date.now(),
    true,
  );
  const item = floatingIpOf(unbound.answer);
  // An EIP in ERROR after an unbind may still be deleted; one still bound may not.
  if (!unbound.reached && !(item && (item["port_id"] === null || item["port_id"] === undefined))) {
    throw new Error(
      `EIP ${id} did not become unbound (last: HTTP ${unbound.answer.status} ${unbound.answer.text.slice(0, 200)})`,
    );
  }
}

/**
 * Releases the EIP `id` of `family`, within `deadline`.
 *
 * @throws Error when OTC did not confirm the EIP is gone
 */
export async function releaseEip(
  session: ProbeSession,
  family: EipFamily,
  id: string,
  deadline: number,
): Promise<ReleaseOutcome> {
  const first = await show(session, family, id, deadline);
  if (isEipNotFound(first)) return "already-gone";
  if (first.status !== 200)
    throw new Error(`showing EIP ${id} answered HTTP ${first.status}: ${first.text.slice(0, 200)}`);
  await unbindIfBound(session, family, id, first, deadline);
  for (let attempt = 1; attempt <= DELETE_TRIES; attempt++) {
    const deleted = await session.send(
      { method: "DELETE", path: itemPath(family, id), acceptStatuses: [200, 202, 204, 404, 409] },
      deadline,
      true,
    );
    if (deleted.status === 409) {
      // Still bound or busy (a late bind): unbind again, wait, and retry the delete.
      await unbindIfBound(session, family, id, await show(session, family, id, deadline), deadline);
      await new Promise((resolve) => setTimeout(resolve, 1000 * attempt));
      continue;
    }
    const confirm = await show(session, family, id, deadline);
    if (isEipNotFound(confirm)) return "released";
    if (confirm.status === 200 && Date.now() < deadline) {
      // Deletion can take a moment to show.
      await new Promise((resolve) => setTimeout(resolve, 1000 * attempt));
      const again = await show(session, family, id, deadline);
      if (isEipNotFound(again)) return "released";
    }
  }
  throw new Error(`EIP ${id} was deleted ${DELETE_TRIES} times but OTC still shows it`);
}
