/**
 * `otc-ipv6-eip show <id | IPv6 | IPv4>`: one IPv6 EIP, found by id, by address, or by the IPv4
 * that NAT64 maps it to.
 */
import ipaddr from "ipaddr.js";
import type { FloatingIp, ListOptions } from "../../client/types";
import { NotFoundError, UsageError } from "../../core/errors";
import { parseIpv6Eip } from "../../core/nat64";
import { checkUuid, describeValue } from "../../core/validate";
import type { CommandContext } from "../cli-context";
import type { EipView } from "../eip-view";
import { toEipView } from "../eip-view";
import { ExitCode } from "../exit-codes";
import { formatAge } from "../format-age";
import { formatTable } from "../format-table";
import type { CliOptions } from "../parse-command-line";
import { parseOtcTime } from "../parse-otc-time";

/** How the argument of `show` is read. */
type Query =
  { by: "id"; id: string } | { by: "ipv6"; canonical: string } | { by: "ipv4"; ipv4: string };

function readQuery(arg: string): Query {
  const text = arg.trim();
  if (!checkUuid("id", text, "an EIP id")) return { by: "id", id: text.toLowerCase() };
  if (text.includes(":"))
    return { by: "ipv6", canonical: parseIpv6Eip(text, "argument of `show`").canonical };
  if (ipaddr.IPv4.isValidFourPartDecimal(text)) {
    return { by: "ipv4", ipv4: ipaddr.IPv4.parse(text).toString() };
  }
  throw new UsageError(
    `${describeValue(arg)} is neither an EIP id (a UUID), an IPv6 address nor an IPv4 address. ` +
      "Pass one of them, e.g. `otc-ipv6-eip show 192.19.128.150`.",
  );
}

function canonicalOf(eip: FloatingIp): string | undefined {
  try {
    return parseIpv6Eip(eip.floatingIpAddress).canonical;
  } catch {
    return undefined;
  }
}

async function find(ctx: CommandContext, query: Query, options: CliOptions): Promise<FloatingIp[]> {
  if (query.by === "id") {
    try {
      return [await ctx.client.getIpv6FloatingIp(query.id)];
    } catch (error) {
      if (error instanceof NotFoundError) return [];
      throw error;
    }
  }
  const listOptions: ListOptions = {};
  if (options.pageSize !== undefined) listOptions.pageSize = options.pageSize;
  if (ctx.onPage) listOptions.onPage = ctx.onPage;
  try {
    if (query.by === "ipv6") {
      // The server filter compares text; OTC may spell the address differently, so a miss falls
      // back to comparing canonical forms over the whole listing.
      const filtered = await ctx.client.listIpv6FloatingIps(
        { floatingIpAddress: query.canonical },
        listOptions,
      );
      const hits = filtered.filter((e) => canonicalOf(e) === query.canonical);
      if (hits.length > 0) return hits;
      const all = await ctx.client.listIpv6FloatingIps({}, listOptions);
      return all.filter((e) => canonicalOf(e) === query.canonical);
    }
    // No API filter exists for the NAT64 twin: the reverse look-up reads every EIP.
    const all = await ctx.client.listIpv6FloatingIps({}, listOptions);
    return all.filter((e) => toEipView(e).ipv4 === query.ipv4);
  } finally {
    ctx.endProgress();
  }
}

function timeCell(iso: string | null, now: number): string {
  if (iso === null) return "-";
  const ms = parseOtcTime(iso);
  return ms === undefined ? iso : `${iso} (${formatAge(now - ms)} ago)`;
}

function describe(view: EipView, now: number): string {
  const rows: string[][] = [
    ["ID", view.id],
    ["IPv6", view.ipv6],
    ["IPv4 (NAT64)", view.ipv4 ?? "? (the address does not parse)"],
    ["Status", view.status],
    ["Port", view.portId ?? "- (unbound)"],
    ["Fixed IP", view.fixedIp ?? "-"],
    ["Network", view.floatingNetworkId],
    ["Project", view.projectId ?? "-"],
    ["Created", timeCell(view.createdAt, now)],
    ["Updated", timeCell(view.updatedAt, now)],
  ];
  return formatTable(["", ""], rows).split("\n").slice(1).join("\n");
}

function notFoundMessage(query: Query): string {
  switch (query.by) {
    case "ipv6":
      return `No IPv6 EIP has the address ${query.canonical} in this project and region.`;
    case "ipv4":
      return (
        `No IPv6 EIP maps to the IPv4 ${query.ipv4} in this project and region ` +
        "(an IPv6 EIP's NAT64 IPv4 is its last 32 bits). It may be an IPv4 EIP: the OTC console shows those."
      );
    case "id":
      return `No IPv6 EIP has the id ${query.id}.`;
  }
}

/**
 * The IPv6 EIPs `arg` names (an id, an IPv6 address, or the NAT64 IPv4), with the message to
 * print when there is none.
 *
 * @throws UsageError when `arg` is none of these, before any call
 */
export async function lookUpEips(
  ctx: CommandContext,
  arg: string,
  options: CliOptions,
): Promise<{ eips: FloatingIp[]; notFound: string }> {
  const query = readQuery(arg);
  return { eips: await find(ctx, query, options), notFound: notFoundMessage(query) };
}

/** Finds and prints one EIP; exit 4 when nothing matches. */
export async function runShow(
  ctx: CommandContext,
  arg: string,
  options: CliOptions,
): Promise<number> {
  const query = readQuery(arg);
  const views = (await find(ctx, query, options)).map(toEipView);
  if (views.length === 0) {
    ctx.stderr.write(`otc-ipv6-eip: ${notFoundMessage(query)}\n`);
    return ExitCode.NotFound;
  }
  if (options.json) {
    const value = views.length === 1 ? views[0] : views;
    ctx.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
    return ExitCode.Ok;
  }
  const now = ctx.now();
  if (views.length > 1 && query.by === "ipv4") {
    ctx.stdout.write(`${views.length} IPv6 EIPs map to ${query.ipv4}:\n\n`);
  }
  ctx.stdout.write(views.map((v) => describe(v, now)).join("\n"));
  return ExitCode.Ok;
}
