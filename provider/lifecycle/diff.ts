/**
 * `diff`: the pure diff rules, plus one line for the user when the plan replaces the EIP (its
 * address changes for good, and the engine's own display does not say so).
 */
import { diffInputs } from "../core/diff-inputs";
import type { Ipv6EipDiff } from "../core/diff-inputs";
import { readState } from "../core/state-schema";
import { formatReplacementWarning } from "../core/warnings";
import type { ProviderContext } from "./provider-context";

/**
 * Diffs the new inputs against the old outputs; prints the replacement warning when the answer
 * replaces the EIP (at preview and at `up`: the engine asks `diff` in both).
 *
 * @param ctx the configured provider
 * @param id the EIP's id
 * @param olds the old outputs
 * @param news the new inputs
 */
export function diffIpv6Eip(
  ctx: ProviderContext,
  id: string,
  olds: Record<string, unknown>,
  news: Record<string, unknown>,
): Ipv6EipDiff {
  const answer = diffInputs(olds, news);
  if (answer.replaces.length > 0) {
    const stored = readState(olds);
    ctx.deps.log(
      formatReplacementWarning({
        id,
        floatingIpAddress: stored.floatingIpAddress,
        ipv4Address: stored.ipv4Address,
        replaces: answer.replaces,
      }),
    );
  }
  return answer;
}
