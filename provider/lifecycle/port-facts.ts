/**
 * The kind of the port an EIP is bound to (`portKind`), as the outputs report it: from what
 * `check` learnt in this run when it can, else from one `GET /v2.0/ports/{id}`.
 */
import type { OtcClient } from "../client/types";
import { portKindOf } from "../core/port-kind";
import type { PortKind } from "../core/port-kind";
import type { ProviderContext } from "./provider-context";

/**
 * The kind of `portId` (`null` for no port). Best effort: the EIP exists and its operation
 * succeeded, so a port that cannot be read (gone, or the call failed) gives `null` rather than
 * failing the operation.
 *
 * @param location the region and project of the port (those of the EIP)
 */
export async function portKindFor(
  ctx: ProviderContext,
  client: OtcClient,
  location: { region: string; projectId: string | null },
  portId: string | null,
  deadline: number,
): Promise<PortKind | null> {
  if (portId === null) return null;
  const key =
    location.projectId === null
      ? undefined
      : { region: location.region, projectId: location.projectId, id: portId };
  const known = key && ctx.portKinds.get(key);
  if (known) return known;
  try {
    const port = await client.getPort(portId, { deadline });
    const kind = port === null ? null : portKindOf(port.deviceOwner);
    if (kind !== null && key) ctx.portKinds.set(key, kind);
    return kind;
  } catch {
    // Reported as unknown (null): the EIP's own state is what this operation had to get right.
    return null;
  }
}
