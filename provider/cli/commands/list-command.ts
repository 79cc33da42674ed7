/** `otc-ipv6-eip list`: every IPv6 EIP, filtered, as a table or JSON. */
import type { Ipv6FloatingIpFilter, ListOptions } from "../../client/types";
import type { CommandContext } from "../cli-context";
import { toEipView } from "../eip-view";
import { ExitCode } from "../exit-codes";
import { formatEipTable } from "../format-eip-table";
import { withLikelyOrphan } from "../likely-orphan";
import type { CliOptions } from "../parse-command-line";

/** Lists the project's IPv6 EIPs; `--port` filters on the server, `--status`/`--unbound` here. */
export async function runList(ctx: CommandContext, options: CliOptions): Promise<number> {
  const filter: Ipv6FloatingIpFilter = {};
  if (options.port !== undefined) filter.portId = options.port;
  const listOptions: ListOptions = {};
  if (options.pageSize !== undefined) listOptions.pageSize = options.pageSize;
  if (ctx.onPage) listOptions.onPage = ctx.onPage;
  let eips;
  try {
    eips = await ctx.client.listIpv6FloatingIps(filter, listOptions);
  } finally {
    ctx.endProgress();
  }
  const views = eips
    .filter((e) => options.status === undefined || e.status.toUpperCase() === options.status)
    .filter((e) => !options.unbound || e.portId === null)
    .map(toEipView);

  if (options.json) {
    const now = ctx.now();
    ctx.stdout.write(
      `${JSON.stringify(
        views.map((v) => withLikelyOrphan(v, now)),
        null,
        2,
      )}\n`,
    );
    return ExitCode.Ok;
  }
  if (views.length === 0) {
    ctx.stdout.write("No IPv6 EIPs match.\n");
    return ExitCode.Ok;
  }
  ctx.stdout.write(formatEipTable(views, ctx.now()));
  const unbound = views.filter((v) => v.portId === null).length;
  const noun = views.length === 1 ? "IPv6 EIP" : "IPv6 EIPs";
  ctx.stdout.write(`\n${views.length} ${noun}, ${unbound} unbound.\n`);
  return ExitCode.Ok;
}
