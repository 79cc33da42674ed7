/**
 * Preflight: where the run points (no credential shown), the external network, and every port it
 * was given holds no EIP of either family — the run refuses a port that does.
 */
import { rawListOnPort, externalNetworkId } from "../raw-eip-calls";
import { show } from "../run-context";
import type { PreflightContext } from "../run-context";

/** The ports the run will bind to, each with its role. */
function portsOf(ctx: PreflightContext): [string, string][] {
  return [
    ["OTC_ACCEPTANCE_PORTS", ctx.portA],
    ...(ctx.portB ? ([["OTC_ACCEPTANCE_PORTS", ctx.portB]] as [string, string][]) : []),
    ...(ctx.options.elbPort
      ? ([["OTC_ACCEPTANCE_ELB_PORT", ctx.options.elbPort]] as [string, string][])
      : []),
  ];
}

/** The preflight step. */
export async function preflightStep(ctx: PreflightContext): Promise<string> {
  const target = await ctx.session.target();
  ctx.report.data.target = target;
  const network = await externalNetworkId(ctx);
  const taken: string[] = [];
  for (const [variable, port] of portsOf(ctx)) {
    for (const family of ["ipv6", "ipv4"] as const) {
      const held = (await rawListOnPort(ctx, family, port)).filter((e) => e["port_id"] === port);
      for (const eip of held) {
        taken.push(
          `port ${port} (${variable}) already holds ${family === "ipv6" ? "IPv6" : "IPv4"} EIP ${show(eip["id"])} (${show(eip["floating_ip_address"])})`,
        );
      }
    }
  }
  if (taken.length > 0) {
    throw new Error(
      `the run refuses ports that already hold an EIP (it would have to unbind someone's EIP): ${taken.join("; ")}. Give free ports.`,
    );
  }
  return `${target.authKind} identity, region ${target.region}, project ${target.projectId}, VPC ${target.vpcEndpoint}; external network ${network}; ${portsOf(ctx).length} port(s) hold no EIP`;
}
