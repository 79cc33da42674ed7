/** `pulumi destroy`: the provider deletes the EIP; OTC's not-found confirms it. */
import { observeError } from "../observation";
import { acceptanceUrn } from "../program-inputs";
import { rawShow } from "../raw-eip-calls";
import { isEipNotFound } from "../release-eip";
import { expect, needs } from "../run-context";
import type { RunContext } from "../run-context";

/** The delete step. */
export async function deleteStep(ctx: RunContext): Promise<string> {
  const managed = needs(ctx.facts.managed, "the created EIP");
  await ctx.helper.delete(acceptanceUrn("web-ipv6"), managed.id, managed.outs, {
    deadlineMs: 300_000,
  });
  const gone = await rawShow(ctx, "ipv6", managed.id);
  ctx.report.observe(observeError("ipv6.error.after-delete", gone));
  expect(isEipNotFound(gone), `after delete, OTC still shows ${managed.id} (HTTP ${gone.status})`);
  ctx.ledger.close(managed.key, "deleted by the provider (OTC's not-found confirmed)");
  ctx.facts.managed = undefined;
  return `deleted ${managed.id}; OTC answers not-found for it`;
}
