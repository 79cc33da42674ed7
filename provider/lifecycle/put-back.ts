/**
 * After a rebind that OTC refused definitively (the new NIC got an EIP meanwhile, or the port is
 * invalid), the EIP is unbound: put it back on the NIC it came from, when that NIC is still free,
 * so that a refused rebind leaves the service with its address.
 */
import type { FloatingIp, OtcClient } from "../client/types";
import { InvalidPortError, NicAlreadyHasEipError } from "../core/errors";
import type { LifecycleDeps } from "./deps";
import { inspectNicLive } from "./live-guard";
import { rebindEip } from "./rebind-eip";

/** True for a refusal of the bind that a retry cannot change (`VPC.0511`, `VPC.0509`, `VPC.0508`). */
export function isDefinitiveBindRefusal(error: unknown): boolean {
  return error instanceof NicAlreadyHasEipError || error instanceof InvalidPortError;
}

/** What putting the EIP back did. */
export interface PutBackOutcome {
  /** The EIP as last read, or `undefined` when it could not be read. */
  eip: FloatingIp | undefined;
  /** True when the EIP is settled on the NIC it came from again. */
  restored: boolean;
  /** Why it was not put back (empty when it was). */
  why: string;
}

/**
 * Binds the EIP `id` to `origin` again when it is unbound and `origin` holds no other EIP (asked
 * live), and waits until it is `ACTIVE` there.
 */
export async function putBack(
  client: OtcClient,
  id: string,
  origin: string,
  deadline: number,
  deps: Pick<LifecycleDeps, "sleep" | "now">,
): Promise<PutBackOutcome> {
  let eip: FloatingIp | undefined;
  try {
    eip = await client.getIpv6FloatingIp(id, { deadline });
    if (eip.portId) {
      return { eip, restored: false, why: `it is bound to NIC ${eip.portId} meanwhile` };
    }
    const { conflict } = await inspectNicLive(client, origin, [id], deadline);
    if (conflict) {
      return {
        eip,
        restored: false,
        why: `NIC ${origin} holds the ${conflict.family} EIP ${conflict.eip.floatingIpAddress} (id ${conflict.eip.id}) meanwhile`,
      };
    }
    eip = await rebindEip(client, eip, origin, deadline, deps);
    return { eip, restored: true, why: "" };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { eip, restored: false, why: `binding it back failed: ${message}` };
  }
}
