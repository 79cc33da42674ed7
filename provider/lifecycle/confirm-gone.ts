/**
 * "Gone" needs proof: after OTC's own not-found for an EIP (`404 VPC.0504`, `FloatingIPNotFound`),
 * one more, cheap look — the list filtered by the EIP's id, on the same endpoint — must agree.
 */
import type { FloatingIp, OtcClient } from "../client/types";

/**
 * Asks the list filtered by `id` after a not-found for it.
 *
 * @returns `undefined` when the list answers and holds no such EIP (it is gone); the EIP as the list
 *   shows it when the list still holds it
 * @throws whatever the list call throws (a gateway's 404, a timeout): then nothing is proven
 */
export async function listedAfterNotFound(
  client: OtcClient,
  id: string,
  deadline: number,
): Promise<FloatingIp | undefined> {
  const listed = await client.listIpv6FloatingIps({ id }, { deadline });
  return listed.find((eip) => eip.id.toLowerCase() === id.toLowerCase());
}
