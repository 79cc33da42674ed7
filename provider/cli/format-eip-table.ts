/** The table of IPv6 EIPs that `list` and `orphans` print. */
import type { EipView } from "./eip-view";
import { formatAge } from "./format-age";
import { formatTable } from "./format-table";
import { isLikelyOrphan } from "./likely-orphan";
import { parseOtcTime } from "./parse-otc-time";

const HEADERS = [
  "ID",
  "IPV6",
  "IPV4 (NAT64)",
  "STATUS",
  "PORT",
  "FIXED IP",
  "CREATED (UTC)",
  "AGE",
  "NO STACK?",
];

/** `2026-11-19T08:12:03Z` → `2026-11-19 08:12:03`; other text as is; `null` → `-`. */
function createdCell(iso: string | null): string {
  if (iso === null) return "-";
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(iso)
    ? iso.replace("T", " ").slice(0, -1)
    : iso;
}

/**
 * Renders EIPs as an aligned table; ages are relative to `now` (epoch milliseconds). The last
 * column says "likely" for an EIP no stack is likely to know about (unbound, over a day old).
 */
export function formatEipTable(views: readonly EipView[], now: number): string {
  const rows = views.map((v) => {
    const created = parseOtcTime(v.createdAt);
    return [
      v.id,
      v.ipv6,
      v.ipv4 ?? "?",
      v.status,
      v.portId ?? "-",
      v.fixedIp ?? "-",
      createdCell(v.createdAt),
      created === undefined ? "-" : formatAge(now - created),
      // Unbound and older than a day: no stack is likely to know it (see likely-orphan.ts).
      isLikelyOrphan(v, now) ? "likely" : "",
    ];
  });
  return formatTable(HEADERS, rows);
}
