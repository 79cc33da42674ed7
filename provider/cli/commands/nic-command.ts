/**
 * `otc-ipv6-eip nic <port-id>`: what a NIC holds, as the provider's one-EIP-per-NIC guard sees it
 * (the IPv4 EIPs on the port and the IPv6 EIPs bound to it), with exit 5 when it holds one.
 */
import { UsageError } from "../../core/errors";
import { checkUuid } from "../../core/validate";
import type { CommandContext } from "../cli-context";
import { toEipView } from "../eip-view";
import { ExitCode } from "../exit-codes";

/** Prints the NIC's EIPs; exit 0 when it holds none, 5 when it holds one or more. */
export async function runNic(
  ctx: CommandContext,
  arg: string,
  options: { json: boolean },
): Promise<number> {
  const failure = checkUuid("<port-id>", arg.trim(), "the NIC's port id (ECS → NICs → NIC ID)");
  if (failure) throw new UsageError(`Invalid ${failure.property}: ${failure.reason}`);
  const portId = arg.trim().toLowerCase();

  const [ipv4, ipv6] = await Promise.all([
    ctx.client.listIpv4FloatingIpsOnPort(portId),
    ctx.client.listIpv6FloatingIps({ portId }),
  ]);
  // The server filter is trusted for the port, but re-checked: a wrong match would make a script
  // refuse a bind it could do, a missed one would make it try a bind that fails.
  const ipv6Here = ipv6.filter((e) => e.portId?.toLowerCase() === portId).map(toEipView);
  const ipv4Here = ipv4
    .filter((e) => e.portId === null || e.portId.toLowerCase() === portId)
    .map((e) => ({
      id: e.id,
      address: e.floatingIpAddress,
      status: e.status,
      fixedIp: e.fixedIpAddress,
    }));
  const hasEip = ipv4Here.length + ipv6Here.length > 0;

  if (options.json) {
    ctx.stdout.write(
      `${JSON.stringify({ portId, hasEip, ipv4: ipv4Here, ipv6: ipv6Here }, null, 2)}\n`,
    );
  } else if (!hasEip) {
    ctx.stdout.write(`NIC ${portId} holds no EIP: an IPv4 or an IPv6 EIP can be bound to it.\n`);
  } else {
    const lines = [
      ...ipv4Here.map(
        (e) => `  IPv4 EIP  ${e.address}  (id ${e.id}, ${e.status}, fixed IP ${e.fixedIp ?? "-"})`,
      ),
      ...ipv6Here.map(
        (e) =>
          `  IPv6 EIP  ${e.ipv6} → NAT64 ${e.ipv4 ?? "?"}  (id ${e.id}, ${e.status}, fixed IP ${e.fixedIp ?? "-"})`,
      ),
    ];
    ctx.stdout.write(
      `NIC ${portId} already holds an EIP; OTC allows one per NIC (IPv4 or IPv6), so binding ` +
        `another will fail until this one is unbound:\n${lines.join("\n")}\n`,
    );
  }
  return hasEip ? ExitCode.NicHasEip : ExitCode.Ok;
}
