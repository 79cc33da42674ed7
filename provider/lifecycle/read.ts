/**
 * `read` (refresh): the EIP as it is now. Gone → empty id, so Pulumi drops it from the stack; but
 * only when OTC itself said so for this EIP and the list by id agrees. Any other answer (a
 * gateway's 404, a proxy's page) is an error, and the EIP stays in the stack.
 */
import type { FloatingIp } from "../client/types";
import { FloatingIpNotFoundError } from "../core/errors";
import { markSecret, SECRET_INPUTS_KEY } from "../core/secret-inputs";
import { readSpecLoosely } from "../core/input-spec";
import { buildState, readState } from "../core/state-schema";
import type { RecordedInputs } from "../core/state-schema";
import { listedAfterNotFound } from "./confirm-gone";
import { toOutputs } from "./plain-outputs";
import { portKindFor } from "./port-facts";
import type { ProviderContext } from "./provider-context";

/** How long a refresh may take, in milliseconds. */
const READ_BUDGET_MS = 120_000;

/** What `read` answers. */
export interface ReadAnswer {
  /** The id, or `""` when the EIP no longer exists. */
  id: string;
  /** The outputs, when it exists. */
  props?: Record<string, unknown>;
  /** The inputs as recorded, with `portId` set to the port it is bound to now. */
  inputs?: Record<string, unknown>;
}

/**
 * The inputs that reproduce the recorded ones, with the live port, so a drift shows in `diff`;
 * those that were secrets stay secrets.
 */
function inputsFor(recorded: RecordedInputs, livePortId: string | null): Record<string, unknown> {
  const inputs: Record<string, unknown> = {};
  if (livePortId !== null) inputs["portId"] = livePortId;
  if (recorded.floatingNetworkId !== null) inputs["floatingNetworkId"] = recorded.floatingNetworkId;
  if (recorded.region !== null) inputs["region"] = recorded.region;
  if (recorded.project !== null) inputs["project"] = recorded.project;
  if (recorded.connection !== null) inputs["connection"] = recorded.connection;
  if (recorded.adoptId !== null) inputs["adoptId"] = recorded.adoptId;
  if (recorded.timeouts !== null) inputs["timeouts"] = { ...recorded.timeouts };
  if (recorded.suppressWarnings !== null) inputs["suppressWarnings"] = recorded.suppressWarnings;
  for (const key of recorded.secretInputs) {
    if (inputs[key] !== undefined) inputs[key] = markSecret(inputs[key]);
  }
  inputs[SECRET_INPUTS_KEY] = [...recorded.secretInputs];
  return inputs;
}

/**
 * Reads the EIP in the region and project its state recorded (not the current `otc:region`).
 *
 * @param ctx the configured provider
 * @param id the EIP's id
 * @param props the old outputs, of any schema version (empty for a `get`)
 */
export async function readIpv6Eip(
  ctx: ProviderContext,
  id: string,
  props: Record<string, unknown> | undefined,
): Promise<ReadAnswer> {
  const stored = readState(props);
  // A `get` (Ipv6Eip.get) sends its inputs, not a state: project and connection come from them.
  const asked = stored.stateSchemaVersion === 0 ? readSpecLoosely(props) : undefined;
  const recorded: RecordedInputs = asked
    ? { ...stored.recordedInputs, project: asked.projectInput, connection: asked.connection }
    : stored.recordedInputs;
  const client = await ctx.client({
    region: stored.region,
    projectId: stored.projectId ?? (asked?.project?.kind === "id" ? asked.project.id : null),
    projectName: asked?.project?.kind === "name" ? asked.project.name : null,
    connection: recorded.connection,
    existing: { id, vpcEndpoint: stored.vpcEndpoint },
  });
  const deadline = ctx.deps.now() + READ_BUDGET_MS;
  let eip: FloatingIp;
  try {
    eip = await client.getIpv6FloatingIp(id, { deadline });
  } catch (error) {
    if (!(error instanceof FloatingIpNotFoundError)) throw error;
    const listed = await listedAfterNotFound(client, id, deadline);
    if (listed === undefined) return { id: "" };
    eip = listed;
  }
  const projectId = stored.projectId ?? (await client.projectId({ deadline }));
  const projectName =
    stored.projectName ?? (asked?.project?.kind === "name" ? asked.project.name : null);
  const location = {
    region: client.region,
    projectId,
    projectName,
    vpcEndpoint: client.vpcEndpoint,
  };
  // A port unchanged since the state was written keeps its recorded kind: no call for it.
  const samePort = eip.portId !== null && eip.portId.toLowerCase() === stored.portId;
  const kind =
    samePort && stored.portKind
      ? stored.portKind
      : await portKindFor(ctx, client, location, eip.portId, deadline);
  const state = buildState(eip, recorded, location, kind);
  return { id, props: toOutputs(state), inputs: inputsFor(recorded, state.portId) };
}
