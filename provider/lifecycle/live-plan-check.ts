/**
 * The live part of `check`: asks OTC, in one round trip, what the plan needs — the port (does it
 * exist here, can it hold an EIP), the EIPs already on it (one per NIC) and the network (is it the
 * external one) — and turns the answers into check failures.
 */
import type { NetworkInfo, OtcClient, PortInfo } from "../client/types";
import type { InputFailure } from "../core/errors";
import type { LiveCheckPlan } from "../core/check-plan";
import { describeNicConflict } from "../core/nic-guard";
import {
  describeMissingPort,
  describeNotExternalNetwork,
  describeUnusablePort,
} from "../core/plan-checks";
import type { LookedIn } from "../core/plan-checks";
import { portKindOf } from "../core/port-kind";
import { inspectNicLive } from "./live-guard";
import type { LiveNicVerdict } from "./live-guard";
import type { ProviderContext } from "./provider-context";

/** What OTC said about the port and its EIPs. */
interface PortAnswers {
  port: PortInfo | null;
  verdict: LiveNicVerdict;
}

async function askAboutPort(
  client: OtcClient,
  plan: LiveCheckPlan,
  portId: string,
  ownIds: readonly (string | null)[],
): Promise<PortAnswers> {
  const [port, verdict] = await Promise.all([
    client.getPort(portId),
    inspectNicLive(client, portId, ownIds, undefined, {
      ipv4Only: plan.replacingOnSameNic,
    }),
  ]);
  return { port, verdict };
}

function judgePort(
  ctx: ProviderContext,
  answers: PortAnswers,
  portId: string,
  plan: LiveCheckPlan,
  where: LookedIn,
): InputFailure | undefined {
  const { port, verdict } = answers;
  if (port === null) return describeMissingPort(portId, where);
  const kind = portKindOf(port.deviceOwner);
  if (kind === null) return describeUnusablePort(port, where);
  if (where.projectId !== null) {
    ctx.portKinds.set({ region: where.region, projectId: where.projectId, id: portId }, kind);
  }
  if (verdict.conflict) {
    return describeNicConflict(verdict.conflict, { kind, newResource: plan.newResource });
  }
  return undefined;
}

async function judgeNetwork(
  ctx: ProviderContext,
  client: OtcClient,
  network: NetworkInfo | null,
  networkId: string,
  where: LookedIn,
): Promise<InputFailure | undefined> {
  if (network?.external) {
    if (where.projectId !== null) {
      ctx.externalNetworks.set(
        { region: where.region, projectId: where.projectId, id: networkId },
        true,
      );
    }
    return undefined;
  }
  let externalId: string | null = null;
  try {
    externalId = await client.findExternalNetworkId();
  } catch {
    // The failure still names the property; the fix then says how to find the id.
  }
  return describeNotExternalNetwork(networkId, network !== null, externalId, where);
}

/**
 * Runs the plan's live checks concurrently (one round trip) and returns their failures.
 *
 * @param ownIds EIPs that are this resource's own on the NIC (the one it adopts)
 */
export async function runLivePlanCheck(
  ctx: ProviderContext,
  client: OtcClient,
  plan: LiveCheckPlan,
  ownIds: readonly (string | null)[],
): Promise<InputFailure[]> {
  const projectId = await client.projectId();
  const where: LookedIn = { region: client.region, projectId };
  const { portId, networkId } = plan;
  const networkKnown =
    networkId !== null &&
    ctx.externalNetworks.get({ region: where.region, projectId, id: networkId }) === true;
  const [portAnswers, network] = await Promise.all([
    portId === null ? undefined : askAboutPort(client, plan, portId, ownIds),
    networkId === null || networkKnown ? undefined : client.getNetwork(networkId),
  ]);
  const failures: InputFailure[] = [];
  if (portId !== null && portAnswers) {
    const failure = judgePort(ctx, portAnswers, portId, plan, where);
    if (failure) failures.push(failure);
  }
  if (networkId !== null && network !== undefined) {
    const failure = await judgeNetwork(ctx, client, network, networkId, where);
    if (failure) failures.push(failure);
  }
  return failures;
}
