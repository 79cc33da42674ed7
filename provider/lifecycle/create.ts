/**
 * `create`: a new IPv6 EIP (or an adopted one), bound as asked and settled. Once the EIP exists,
 * every failure is an initialisation failure carrying its id, so Pulumi keeps it in state.
 */
import type { FloatingIp, OtcClient } from "../client/types";
import {
  InvalidInputError,
  FloatingIpNotFoundError,
  OutcomeUnknownError,
  ResourceInitError,
} from "../core/errors";
import { readSpec } from "../core/input-spec";
import type { Ipv6EipSpec } from "../core/input-spec";
import { buildState, recordInputs } from "../core/state-schema";
import type { EipLocation } from "../core/state-schema";
import { createBoundEip } from "./create-bound-eip";
import { toOutputs } from "./plain-outputs";
import { portKindFor } from "./port-facts";
import { newPlacement, projectNameOf } from "./placement";
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

/**
 * The error for an unbound create whose outcome is unknown: nothing can tell its EIP from any
 * other, so it is never resent; the error says what may exist and how to find it.
 */
function unboundCreateUnknown(
  ctx: ProviderContext,
  network: string,
  location: EipLocation,
  error: OutcomeUnknownError,
): OutcomeUnknownError {
  return new OutcomeUnknownError(
    { method: error.method, path: error.path },
    `Creating the unbound IPv6 EIP had an unknown outcome (${error.message}). An EIP may now exist ` +
      `in project ${location.projectId ?? "?"}, region ${location.region}, network ${network}, ` +
      `created about ${new Date(ctx.deps.now()).toISOString()}, bound to no port. Find it with ` +
      "`otc-ipv6-eip list` (or GET /v2.0/eip/floatingips_v6), then set adoptId to its id to manage " +
      "it, or delete it.",
    error,
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
      if (!(error instanceof FloatingIpNotFoundError)) throw error;
      throw new InvalidInputError({
        property: "adoptId",
        reason: `"${spec.adoptId}" is not an IPv6 EIP in project ${location.projectId ?? "?"}, region ${location.region}; use the id of an existing IPv6 EIP (\`otc-ipv6-eip list\`), or leave adoptId out to create one.`,
      });
    }
  }
  const network = spec.floatingNetworkId ?? (await client.findExternalNetworkId({ deadline }));
  if (spec.portId !== null) {
    return createBoundEip(ctx, client, { networkId: network, portId: spec.portId }, deadline);
  }
  try {
    return await client.createIpv6FloatingIp({ floatingNetworkId: network }, { deadline });
  } catch (error) {
    if (!(error instanceof OutcomeUnknownError)) throw error;
    throw unboundCreateUnknown(ctx, network, location, error);
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
  const client = await ctx.client(newPlacement(spec));
  const location: EipLocation = {
    region: client.region,
    projectId: await client.projectId({ deadline }),
    projectName: await projectNameOf(ctx, spec),
    vpcEndpoint: client.vpcEndpoint,
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
    // The look at where the EIP is now gets what is left of the deadline, not a fresh one; the
    // EIP's id is reported either way, so Pulumi keeps it.
    let last = first;
    let seen = false;
    try {
      last = await client.getIpv6FloatingIp(first.id, { deadline });
      seen = true;
    } catch {
      // Keep what was last known; the failure below is the one to report.
    }
    const message = error instanceof Error ? error.message : String(error);
    const where = `${last.status} on ${last.portId ? `NIC ${last.portId}` : "no NIC"}`;
    throw new ResourceInitError(
      first.id,
      toOutputs(buildState(last, recorded, location), inputs["__provider"]),
      [
        `IPv6 EIP ${first.id} (${last.floatingIpAddress}) exists but did not settle: ${message}`,
        `${seen ? `It is ${where}` : `OTC last showed it ${where}`}; Pulumi keeps it in the stack, and the next \`pulumi up\` retries.`,
      ],
      error,
    );
  }
}
