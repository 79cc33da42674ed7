/**
 * Which IPv6 EIPs no stack is likely to know about: unbound and created more than a day ago. A
 * stack's `Ipv6Eip` is usually bound, and one left over by a failed or interrupted run (or made by
 * hand) stays unbound; an unbound EIP a stack manages on purpose is the exception the word
 * "likely" leaves room for. `adopt` brings such an EIP under a stack; `orphans --delete` releases it.
 */
import type { EipView } from "./eip-view";
import { parseOtcTime } from "./parse-otc-time";

/** How old an unbound EIP must be to count: one day (a `pulumi up` binds within minutes). */
export const LIKELY_ORPHAN_AGE_MS = 86_400_000;

/** True for an unbound EIP created at least a day before `now` (unknown age: false). */
export function isLikelyOrphan(view: EipView, now: number): boolean {
  if (view.portId !== null) return false;
  const created = parseOtcTime(view.createdAt);
  return created !== undefined && now - created >= LIKELY_ORPHAN_AGE_MS;
}

/** The view with `likelyOrphan` added, for `--json`. */
export function withLikelyOrphan(view: EipView, now: number): EipView & { likelyOrphan: boolean } {
  return { ...view, likelyOrphan: isLikelyOrphan(view, now) };
}
