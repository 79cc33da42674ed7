/**
 * `otc-ipv6-eip nic <port-id>`: what a NIC holds, as the provider's one-EIP-per-NIC guard sees it
 * (the IPv4 EIPs on the port and the IPv6 EIPs bound to it), with exit 5 when it holds one, and
 * the port itself (`GET /v2.0/ports/{id}`): exit 4 when OTC does not know it, because a listing
 * cannot tell a free NIC from a port id that does not exist.
 */
import { UsageError } from "../../core/errors";
import { checkUuid } from "../../core/validate";
import type { CommandContext } from "../cli-context";
import { toEipView } from "../eip-view";
import { ExitCode } from "../exit-codes";
import { portKindLabel } from "../port-kind-label";

/** Prints the NIC's EIPs; exit 0 when it holds none, 5 when it holds one or more, 4 when no such port. */
export async function runNic(
  ctx: CommandContext,
  arg: string,
  options: { json: boolean },
): Promise<number> {
  const failure = checkUuid("<port-id>", arg.trim(), "the NIC's port id (ECS → NICs → NIC ID)");
  if (failure) throw new UsageError(`Invalid ${failure.property}: ${failure.reason}`);
  const portId = arg.trim().toLowerCase();

  const [port, ipv4, ipv6] = await Promise.all([
    ctx.client.getPort(portId),
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
  // An EIP on it outranks "no such port": a pre-bind script must never go on to bind.
  if (port === null && !hasEip) {
    ctx.stderr.write(
      `otc-ipv6-eip: No port ${portId} in this project and region (OTC answered PortNotFound). ` +
        "Check the id (ECS console → the server → NICs → NIC ID; for an ELB, its VIP port id), " +
        "the project and the region.\n",
    );
    return ExitCode.NotFound;
  }
  const kind = port ? portKindLabel(port.deviceOwner) : undefined;
  const what = kind ? `${kind} ${portId}` : `NIC ${portId}`;

  if (options.json) {
    const portJson = port
      ? { kind, deviceOwner: port.deviceOwner, networkId: port.networkId }
      : null;
    ctx.stdout.write(
      `${JSON.stringify({ portId, port: portJson, hasEip, ipv4: ipv4Here, ipv6: ipv6Here }, null, 2)}\n`,
    );
  } else if (!hasEip) {
    ctx.stdout.write(`${what} holds no EIP: an IPv4 or an IPv6 EIP can be bound to it.\n`);
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
      `${what} already holds an EIP; OTC allows one per NIC (IPv4 or IPv6), so binding ` +
        `another will fail until this one is unbound:\n${lines.join("\n")}\n`,
    );
  }
  return hasEip ? ExitCode.NicHasEip : ExitCode.Ok;
}
