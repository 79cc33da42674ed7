/**
 * `otc-ipv6-eip orphans`: the IPv6 EIPs bound to no port, optionally only old ones, and with
 * `--delete` their release after a confirmation. A bound EIP is never released: each one is read
 * again just before its release and skipped if it has been bound since the listing.
 */
import type { FloatingIp, ListOptions } from "../../client/types";
import { NotFoundError, UsageError } from "../../core/errors";
import type { CommandContext, OutputStream } from "../cli-context";
import type { EipView } from "../eip-view";
import { toEipView } from "../eip-view";
import { ExitCode } from "../exit-codes";
import { formatEipTable } from "../format-eip-table";
import { withLikelyOrphan } from "../likely-orphan";
import type { CliOptions } from "../parse-command-line";
import { parseOtcTime } from "../parse-otc-time";

/** What happened to one orphan on `--delete`. */
interface ReleaseOutcome {
  released: EipView[];
  skipped: { id: string; ipv6: string; reason: string }[];
  failed: { id: string; ipv6: string; error: string }[];
}

/** The unbound EIPs selected, and how many unbound ones `--older-than` left out, and why. */
interface Selection {
  orphans: FloatingIp[];
  younger: number;
  undated: number;
}

/** Unbound EIPs, and created at least `olderThanMs` before `now` when that is given. */
function selectOrphans(eips: readonly FloatingIp[], now: number, olderThanMs?: number): Selection {
  const selection: Selection = { orphans: [], younger: 0, undated: 0 };
  for (const e of eips) {
    if (e.portId !== null) continue;
    if (olderThanMs === undefined) {
      selection.orphans.push(e);
      continue;
    }
    // Without a creation time the age is unknown: never treat such an EIP as old enough.
    const created = parseOtcTime(e.createdAt);
    if (created === undefined) selection.undated++;
    else if (now - created < olderThanMs) selection.younger++;
    else selection.orphans.push(e);
  }
  return selection;
}

/** "3 younger ones and 1 without a creation time were left out", or "" when none was. */
function leftOut(selection: Selection): string {
  const parts: string[] = [];
  if (selection.younger > 0) {
    parts.push(`${selection.younger} younger ${selection.younger === 1 ? "one" : "ones"}`);
  }
  if (selection.undated > 0) parts.push(`${selection.undated} without a creation time`);
  if (parts.length === 0) return "";
  const total = selection.younger + selection.undated;
  return `${parts.join(" and ")} ${total === 1 ? "was" : "were"} left out`;
}

async function confirm(ctx: CommandContext, count: number): Promise<boolean> {
  const noun = count === 1 ? "this unbound IPv6 EIP" : `these ${count} unbound IPv6 EIPs`;
  const answer = await ctx.prompt(
    `Release ${noun}? This cannot be undone. Type "yes" to confirm: `,
  );
  return /^\s*y(es)?\s*$/i.test(answer);
}

async function releaseOne(
  ctx: CommandContext,
  orphan: EipView,
  out: ReleaseOutcome,
  log: OutputStream,
): Promise<void> {
  try {
    const fresh = await ctx.client.getIpv6FloatingIp(orphan.id);
    if (fresh.portId !== null) {
      out.skipped.push({
        id: orphan.id,
        ipv6: orphan.ipv6,
        reason: `bound to port ${fresh.portId} since the listing`,
      });
      ctx.stderr.write(
        `Skipped ${orphan.id} (${orphan.ipv6}): now bound to port ${fresh.portId}.\n`,
      );
      return;
    }
    await ctx.client.deleteIpv6FloatingIp(orphan.id);
    out.released.push(orphan);
    log.write(`Released ${orphan.id}  ${orphan.ipv6}  (NAT64 ${orphan.ipv4 ?? "?"})\n`);
  } catch (error) {
    if (error instanceof NotFoundError) {
      out.skipped.push({ id: orphan.id, ipv6: orphan.ipv6, reason: "already gone" });
      ctx.stderr.write(`Skipped ${orphan.id} (${orphan.ipv6}): already gone.\n`);
      return;
    }
    const message = error instanceof Error ? error.message : String(error);
    out.failed.push({ id: orphan.id, ipv6: orphan.ipv6, error: message });
    ctx.stderr.write(`Failed to release ${orphan.id} (${orphan.ipv6}): ${message}\n`);
  }
}

/** `--older-than` back as text, exactly (`1d12h`, not the table's rounded `1d`). */
function exactDuration(ms: number): string {
  const units: [string, number][] = [
    ["d", 86_400_000],
    ["h", 3_600_000],
    ["m", 60_000],
    ["s", 1_000],
  ];
  let rest = ms;
  let text = "";
  for (const [unit, size] of units) {
    const n = Math.floor(rest / size);
    rest -= n * size;
    if (n > 0) text += `${n}${unit}`;
  }
  return text || "0s";
}

function ageClause(olderThanMs?: number): string {
  return olderThanMs === undefined ? "" : ` created at least ${exactDuration(olderThanMs)} ago`;
}

function heading(selection: Selection, olderThanMs?: number): string {
  const count = selection.orphans.length;
  const noun = count === 1 ? "unbound IPv6 EIP" : "unbound IPv6 EIPs";
  const out = leftOut(selection);
  return `${count} ${noun}${ageClause(olderThanMs)}${out ? ` (${out})` : ""}:\n`;
}

/** The answer when nothing was selected: never a bare "none" when some were left out. */
function noneText(selection: Selection, olderThanMs: number | undefined, tail: string): string {
  const out = leftOut(selection);
  return `No unbound IPv6 EIPs${ageClause(olderThanMs)}${tail}${out ? `; ${out}` : ""}.\n`;
}

/** Lists orphans; with `--delete`, confirms and releases them. */
export async function runOrphans(ctx: CommandContext, options: CliOptions): Promise<number> {
  // Refused before any call: nobody could answer the question, and nothing should be half done.
  if (options.delete && !options.yes && !ctx.stdinIsTty) {
    throw new UsageError(
      "Refusing to release EIPs without a confirmation, and stdin is not a terminal to ask on. " +
        "Pass --yes to release them (e.g. `otc-ipv6-eip orphans --delete --yes`); " +
        "`otc-ipv6-eip orphans` alone shows what would be released.",
    );
  }
  const listOptions: ListOptions = {};
  if (options.pageSize !== undefined) listOptions.pageSize = options.pageSize;
  if (ctx.onPage) listOptions.onPage = ctx.onPage;
  let eips;
  try {
    eips = await ctx.client.listIpv6FloatingIps({}, listOptions);
  } finally {
    ctx.endProgress();
  }
  const now = ctx.now();
  const selection = selectOrphans(eips, now, options.olderThanMs);
  const orphans = selection.orphans.map(toEipView);
  // With --json, stdout stays one JSON document: what was left out goes to stderr.
  const out = leftOut(selection);
  if (options.json && out) ctx.stderr.write(`otc-ipv6-eip: ${out} by --older-than.\n`);

  if (!options.delete) {
    if (options.json) {
      const marked = orphans.map((v) => withLikelyOrphan(v, now));
      ctx.stdout.write(`${JSON.stringify(marked, null, 2)}\n`);
    } else if (orphans.length === 0) ctx.stdout.write(noneText(selection, options.olderThanMs, ""));
    else ctx.stdout.write(heading(selection, options.olderThanMs) + formatEipTable(orphans, now));
    return ExitCode.Ok;
  }

  const outcome: ReleaseOutcome = { released: [], skipped: [], failed: [] };
  if (orphans.length === 0) {
    if (options.json) ctx.stdout.write(`${JSON.stringify(outcome, null, 2)}\n`);
    else {
      ctx.stdout.write(noneText(selection, options.olderThanMs, ": nothing to release"));
    }
    return ExitCode.Ok;
  }
  // The list goes to stderr with --json so that stdout stays one JSON document.
  const listing = options.json ? ctx.stderr : ctx.stdout;
  listing.write(heading(selection, options.olderThanMs) + formatEipTable(orphans, now) + "\n");
  if (!options.yes) {
    if (!(await confirm(ctx, orphans.length))) {
      ctx.stderr.write("Cancelled: nothing was released.\n");
      return ExitCode.Failure;
    }
  }
  for (const orphan of orphans) await releaseOne(ctx, orphan, outcome, listing);

  if (options.json) ctx.stdout.write(`${JSON.stringify(outcome, null, 2)}\n`);
  else {
    ctx.stdout.write(
      `\nReleased ${outcome.released.length}, skipped ${outcome.skipped.length}, failed ${outcome.failed.length}.\n`,
    );
  }
  return outcome.failed.length > 0 ? ExitCode.Failure : ExitCode.Ok;
}
