/**
 * `pulumi destroy` with `retainOnDelete` (the adopt example's default) leaves the adopted EIP in
 * OTC, so the run releases it itself: unbind, wait, delete (observed), OTC's not-found.
 */
import { observeError } from "../observation";
import { rawDelete, rawSetPort, rawShow, settle } from "../raw-eip-calls";
import { isEipNotFound } from "../release-eip";
import { expect, needs } from "../run-context";
import type { RunContext } from "../run-context";

/** The release step of the adopted EIP. */
export async function releaseAdoptedStep(ctx: RunContext): Promise<string> {
  const adopted = needs(ctx.facts.adopted, "the adopted EIP");
  const started = Date.now();
  await rawSetPort(ctx, "ipv6", adopted.id, null, "ipv6.unbind.answer");
  await settle(
    ctx,
    "ipv6",
    adopted.id,
    { status: "DOWN", portId: null },
    "IPv6 unbind → DOWN",
    started,
  );
  await rawDelete(ctx, "ipv6", adopted.id, "ipv6.delete.answer");
  const gone = await rawShow(ctx, "ipv6", adopted.id);
  ctx.report.observe(observeError("ipv6.error.after-delete", gone));
  expect(
    isEipNotFound(gone),
    `after its delete, OTC still shows ${adopted.id} (HTTP ${gone.status})`,
  );
  ctx.ledger.close(adopted.key, "released by the step (OTC's not-found confirmed)");
  ctx.facts.adopted = undefined;
  return `released ${adopted.id}; OTC answers not-found for it`;
}
