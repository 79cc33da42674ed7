/**
 * Moving an EIP to another port (or none): OTC refuses to bind a bound EIP directly, so unbind,
 * wait for `DOWN`, bind, wait for `ACTIVE`.
 */
import type { FloatingIp, OtcClient } from "../client/types";
import type { LifecycleDeps } from "./deps";
import { isSettled, waitForEip } from "./wait-for-eip";

/** Options of {@link rebindEip}. */
export interface RebindOptions {
  /**
   * Unbind first even when the EIP shows the wanted port: it is `DOWN` there after a bind that did
   * not complete, and binding it again is the repair.
   */
  unbindFirst?: boolean;
}

/**
 * Brings `eip` to `portId` (`null` = unbound). An EIP in `ERROR` is unbound first, as OTC asks.
 *
 * @returns the EIP as last read, settled at `portId`
 */
export async function rebindEip(
  client: OtcClient,
  eip: FloatingIp,
  portId: string | null,
  deadline: number,
  deps: Pick<LifecycleDeps, "sleep" | "now">,
  options: RebindOptions = {},
): Promise<FloatingIp> {
  let current = eip;
  if (isSettled(current, portId)) return current;
  const onOtherPort =
    !!current.portId && current.portId.toLowerCase() !== (portId ?? "").toLowerCase();
  const stuck = options.unbindFirst === true && !!current.portId;
  if (onOtherPort || stuck || current.status === "ERROR") {
    current = await client.updateIpv6FloatingIpPort(current.id, null, { deadline });
    current = await waitForEip(client, current, null, deadline, deps);
  }
  if (portId !== null && !isSettled(current, portId)) {
    if (current.portId?.toLowerCase() !== portId.toLowerCase()) {
      current = await client.updateIpv6FloatingIpPort(current.id, portId, { deadline });
    }
    current = await waitForEip(client, current, portId, deadline, deps);
  }
  return current;
}
