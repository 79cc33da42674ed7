/**
 * The run's own EIP calls (out-of-band changes, as another tool or the console would make them),
 * each observed, and each create recorded in the ledger before it is sent.
 */
import { collectionPath, itemPath } from "./eip-paths";
import type { EipFamily } from "./eip-paths";
import { errorShapeOf, observeError, observeList, observeOne } from "./observation";
import type { ObservationPoint } from "./observation";
import { floatingIpOf, pollEip } from "./poll-eip";
import type { PollOutcome } from "./poll-eip";
import type { ProbeAnswer } from "./probe-session";
import type { PreflightContext } from "./run-context";

/** A create the run sent itself. */
export interface RawCreate {
  /** The ledger key of the create. */
  key: string;
  answer: ProbeAnswer;
  /** The new EIP's id, when OTC made one. */
  id: string | undefined;
}

/** The external network's id (`admin_external_net`, else `router:external=True`), looked up once. */
export async function externalNetworkId(ctx: PreflightContext): Promise<string> {
  if (ctx.facts.externalNetworkId) return ctx.facts.externalNetworkId;
  for (const query of [[["name", "admin_external_net"]], [["router:external", "True"]]] as [
    string,
    string,
  ][][]) {
    const answer = await ctx.session.send(
      { method: "GET", path: "/v2.0/networks", query, acceptStatuses: [200] },
      ctx.deadline,
    );
    const networks = (answer.json as { networks?: { id?: unknown }[] } | undefined)?.networks ?? [];
    const id = networks.find((n) => typeof n.id === "string" && n.id !== "")?.id;
    if (typeof id === "string") {
      ctx.facts.externalNetworkId = id;
      return id;
    }
  }
  throw new Error(
    "no external network is visible (neither admin_external_net nor router:external=True)",
  );
}

/** Codes of a 500 that say the create was refused (a bad or taken port), not that it may have happened. */
const REFUSING_500_CODES = new Set(["VPC.0508", "VPC.0509"]);

/** Whether OTC positively refused a create (a 4xx, or a 500 with a refusing code). */
function isRefusal(answer: ProbeAnswer): boolean {
  if (answer.status >= 400 && answer.status < 500) return true;
  const { code } = errorShapeOf(answer);
  return answer.status === 500 && code !== null && REFUSING_500_CODES.has(code);
}

/**
 * Creates an EIP bound to `portId`: intent in the ledger first, then the POST, then the id as
 * soon as the answer names it. A refusal by OTC (an error status) closes the ledger entry.
 */
export async function rawCreate(
  ctx: PreflightContext,
  family: EipFamily,
  portId: string,
  purpose: string,
  point: ObservationPoint,
): Promise<RawCreate> {
  const network = await externalNetworkId(ctx);
  const key = ctx.ledger.recordIntent(family, portId, purpose);
  const answer = await ctx.session.send(
    {
      method: "POST",
      path: collectionPath(family),
      body: { floatingip: { floating_network_id: network, port_id: portId } },
      acceptStatuses: [200, 201, 400, 403, 404, 409, 500],
      portId,
    },
    ctx.deadline,
  );
  const item = floatingIpOf(answer);
  const id =
    answer.status < 300 && typeof item?.["id"] === "string" ? item["id"].toLowerCase() : undefined;
  if (id !== undefined) ctx.ledger.recordId(key, id);
  else if (isRefusal(answer)) {
    ctx.ledger.close(
      key,
      `OTC refused the create: HTTP ${answer.status} ${answer.text.slice(0, 120)}`,
    );
  }
  ctx.report.observe(
    answer.status >= 400 ? observeError(point, answer) : observeOne(point, answer),
  );
  return { key, answer, id };
}

/** Binds (`portId`) or unbinds (`null`) an EIP, observing the answer; throws on a refusal. */
export async function rawSetPort(
  ctx: PreflightContext,
  family: EipFamily,
  id: string,
  portId: string | null,
  point: ObservationPoint,
): Promise<ProbeAnswer> {
  const answer = await ctx.session.send(
    {
      method: "PUT",
      path: itemPath(family, id),
      body: { floatingip: { port_id: portId } },
      acceptStatuses: [200, 201, 202],
    },
    ctx.deadline,
  );
  ctx.report.observe(observeOne(point, answer));
  return answer;
}

/** Waits until the EIP settles in `status` on `portId`, recording the time as a bind timing. */
export async function settle(
  ctx: PreflightContext,
  family: EipFamily,
  id: string,
  wanted: { status: string; portId: string | null },
  what: string,
  startedAt: number,
  point?: ObservationPoint,
): Promise<PollOutcome> {
  const outcome = await pollEip(ctx.session, family, id, wanted, ctx.deadline, startedAt);
  if (point) ctx.report.observe(observeOne(point, outcome.answer));
  if (!outcome.reached) {
    throw new Error(
      `${what}: EIP ${id} did not reach ${wanted.status} on ${wanted.portId ?? "no port"} (last: HTTP ${outcome.answer.status} ${outcome.answer.text.slice(0, 200)})`,
    );
  }
  ctx.report.addTiming({ what, ms: outcome.elapsedMs, shows: outcome.shows });
  return outcome;
}

/** Deletes an unbound EIP, observing the answer, and checks OTC's not-found afterwards. */
export async function rawDelete(
  ctx: PreflightContext,
  family: EipFamily,
  id: string,
  point: ObservationPoint,
): Promise<void> {
  const answer = await ctx.session.send(
    { method: "DELETE", path: itemPath(family, id), acceptStatuses: [200, 202, 204] },
    ctx.deadline,
  );
  ctx.report.observe(observeOne(point, answer));
}

/** Shows an EIP (200 or 404). */
export function rawShow(
  ctx: PreflightContext,
  family: EipFamily,
  id: string,
): Promise<ProbeAnswer> {
  return ctx.session.send(
    { method: "GET", path: itemPath(family, id), acceptStatuses: [200, 404] },
    ctx.deadline,
  );
}

/** Lists a family's EIPs on a port, observing the answer when `point` is given. */
export async function rawListOnPort(
  ctx: PreflightContext,
  family: EipFamily,
  portId: string,
  point?: ObservationPoint,
  extraQuery: [string, string][] = [],
): Promise<Record<string, unknown>[]> {
  const answer = await ctx.session.send(
    {
      method: "GET",
      path: collectionPath(family),
      query: [["port_id", portId], ...extraQuery],
      acceptStatuses: [200],
    },
    ctx.deadline,
  );
  if (point) ctx.report.observe(observeList(point, answer));
  const items = (answer.json as { floatingips?: unknown[] } | undefined)?.floatingips ?? [];
  return items.filter((i): i is Record<string, unknown> => typeof i === "object" && i !== null);
}
