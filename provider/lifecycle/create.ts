/**
 * `create`: a new IPv6 EIP (or an adopted one), bound as asked and settled. Once the EIP exists,
 * every failure is an initialisation failure carrying its id, so Pulumi keeps it in state.
 */
import type { FloatingIp, OtcClient } from "../client/types";
import {
  InvalidInputError,
  NicAlreadyHasEipError,
  NotFoundError,
  OutcomeUnknownError,
  ResourceInitError,
} from "../core/errors";
import { readSpec } from "../core/input-spec";
import type { Ipv6EipSpec } from "../core/input-spec";
import { buildState, recordInputs } from "../core/state-schema";
import type { EipLocation } from "../core/state-schema";
import { toOutputs } from "./plain-outputs";
import { portKindFor } from "./port-facts";
import type { ProviderContext } from "./provider-context";
import { rebindEip } from "./rebind-eip";
import { waitForEip } from "./wait-for-eip";

/** What `create` answers. */
export interface CreateAnswer {
  /** The EIP's id. */
  id: string;
  /** Its outputs (plain JSON). */
  outs: Record<string, unknown>;
}

/** How often and how long to look for the EIP of an outcome-unknown create on its port. */
const RECONCILE_DELAYS_MS = [0, 500, 1000, 2000, 4000];

/** How many times an outcome-unknown bound create is sent again when no EIP appeared on its port. */
const BOUND_CREATE_RESENDS = 1;

/** The IPv6 EIP on `portId` once one shows up within the reconcile delays, else `undefined`. */
async function findCreatedOnPort(
  ctx: ProviderContext,
  client: OtcClient,
  portId: string,
  deadline: number,
): Promise<FloatingIp | undefined> {
  for (const delay of RECONCILE_DELAYS_MS) {
    if (ctx.deps.now() + delay > deadline) break;
    if (delay > 0) await ctx.deps.sleep(delay);
    const found = (await client.listIpv6FloatingIps({ portId }, { deadline })).filter(
      (eip) => eip.portId?.toLowerCase() === portId,
    );
    if (found[0]) return found[0];
  }
  return undefined;
}

/**
 * Settles an outcome-unknown create. Unbound: nothing can tell its EIP from any other, so it is
 * never resent; the error says what may exist. Bound: the EIP it made (if any) shows on the port
 * and is adopted; when none appears the POST is sent again, since OTC refuses a second EIP on one
 * NIC (a late first EIP makes the resend fail with VPC.0511 rather than duplicate). A resend that
 * ends outcome-unknown too is reconciled the same way, then this gives up.
 */
async function reconcileUnknownCreate(
  ctx: ProviderContext,
  client: OtcClient,
  spec: Ipv6EipSpec,
  network: string,
  location: EipLocation,
  error: OutcomeUnknownError,
  deadline: number,
): Promise<FloatingIp> {
  const portId = spec.portId;
  if (portId === null) {
    throw new OutcomeUnknownError(
      { method: error.method, path: error.path },
      `Creating the unbound IPv6 EIP had an unknown outcome (${error.message}). An EIP may now exist ` +
        `in project ${location.projectId ?? "?"}, region ${location.region}, network ${network}, ` +
        `created about ${new Date(ctx.deps.now()).toISOString()}, bound to no port. Find it with ` +
        "`otc-ipv6-eip list` (or GET /v2.0/eip/floatingips_v6), then set adoptId to its id to manage " +
        "it, or delete it.",
      error,
    );
  }
  let unknown = error;
  for (let resends = 0; ; resends++) {
    const eip = await findCreatedOnPort(ctx, client, portId, deadline);
    if (eip) {
      ctx.deps.log(
        `Ipv6Eip: the create request's outcome was unknown; found IPv6 EIP ${eip.id} ` +
          `(${eip.floatingIpAddress}) on NIC ${portId} and adopted it instead of creating a second one.`,
      );
      return eip;
    }
    if (resends >= BOUND_CREATE_RESENDS) break;
    ctx.deps.log(
      `Ipv6Eip: the create request's outcome was unknown and no IPv6 EIP appeared on NIC ${portId}; ` +
        "sending it again (OTC refuses a second EIP on one NIC, so this cannot duplicate it).",
    );
    try {
      return await client.createIpv6FloatingIp(
        { floatingNetworkId: network, portId },
        { deadline },
      );
    } catch (again) {
      if (again instanceof NicAlreadyHasEipError) {
        // The first POST's EIP may have shown up late: if it is there now, it is ours.
        const late = await findCreatedOnPort(ctx, client, portId, deadline);
        if (late) return late;
      }
      if (!(again instanceof OutcomeUnknownError)) throw again;
      unknown = again;
    }
  }
  throw new OutcomeUnknownError(
    { method: unknown.method, path: unknown.path },
    `Creating the IPv6 EIP for NIC ${portId} had an unknown outcome (${unknown.message}), twice, and ` +
      "no IPv6 EIP has appeared on that NIC. Run `pulumi up` again: if an EIP appeared meanwhile, " +
      "the check names it and you can set adoptId to it; otherwise a new one is created.",
    unknown,
  );
}

async function obtainEip(
  ctx: ProviderContext,
  client: OtcClient,
  spec: Ipv6EipSpec,
  location: EipLocation,
  deadline: number,
): Promise<FloatingIp> {
  if (spec.adoptId !== null) {
    try {
      return await client.getIpv6FloatingIp(spec.adoptId, { deadline });
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
      throw new InvalidInputError({
        property: "adoptId",
        reason: `"${spec.adoptId}" is not an IPv6 EIP in project ${location.projectId ?? "?"}, region ${location.region}; use the id of an existing IPv6 EIP (\`otc-ipv6-eip list\`), or leave adoptId out to create one.`,
      });
    }
  }
  const network = spec.floatingNetworkId ?? (await client.findExternalNetworkId({ deadline }));
  try {
    return await client.createIpv6FloatingIp(
      { floatingNetworkId: network, portId: spec.portId },
      { deadline },
    );
  } catch (error) {
    if (!(error instanceof OutcomeUnknownError)) throw error;
    return reconcileUnknownCreate(ctx, client, spec, network, location, error, deadline);
  }
}

/**
 * Creates (or adopts) the EIP and waits until it is settled.
 *
 * @param ctx the configured provider
 * @param inputs the checked inputs (including `__provider`)
 * @throws ResourceInitError once the EIP exists and anything fails
 */
export async function createIpv6Eip(
  ctx: ProviderContext,
  inputs: Record<string, unknown>,
): Promise<CreateAnswer> {
  const spec = readSpec(inputs);
  const deadline = ctx.deps.now() + spec.timeouts.create * 1000;
  const client = await ctx.client({ region: spec.region });
  const location: EipLocation = {
    region: client.region,
    projectId: await client.projectId({ deadline }),
  };
  const recorded = recordInputs(spec);
  const first = await obtainEip(ctx, client, spec, location, deadline);
  try {
    const settled =
      spec.adoptId !== null
        ? await rebindEip(client, first, spec.portId, deadline, ctx.deps)
        : await waitForEip(client, first, spec.portId, deadline, ctx.deps);
    const kind = await portKindFor(ctx, client, location, settled.portId, deadline);
    return { id: settled.id, outs: toOutputs(buildState(settled, recorded, location, kind)) };
  } catch (error) {
    let last = first;
    try {
      last = await client.getIpv6FloatingIp(first.id);
    } catch {
      // Keep what was last known; the failure below is the one to report.
    }
    const message = error instanceof Error ? error.message : String(error);
    throw new ResourceInitError(
      first.id,
      toOutputs(buildState(last, recorded, location), inputs["__provider"]),
      [
        `IPv6 EIP ${first.id} (${last.floatingIpAddress}) exists but did not settle: ${message}`,
        `It is ${last.status} on ${last.portId ? `NIC ${last.portId}` : "no NIC"}; Pulumi keeps it in the stack, and the next \`pulumi up\` retries.`,
      ],
      error,
    );
  }
}
