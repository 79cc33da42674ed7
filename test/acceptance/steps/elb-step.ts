/** An IPv6 EIP on an ELB VIP port (optional): check, create, delete through the provider. */
import { HelperCallError } from "../../harness";
import { observeError } from "../observation";
import { acceptanceUrn, inputsWith } from "../program-inputs";
import { rawShow } from "../raw-eip-calls";
import { isEipNotFound } from "../release-eip";
import { expect, needs, show } from "../run-context";
import type { RunContext } from "../run-context";

/** The ELB step. */
export async function elbStep(ctx: RunContext): Promise<string> {
  const port = needs(ctx.options.elbPort, "OTC_ACCEPTANCE_ELB_PORT");
  const urn = acceptanceUrn("elb-ipv6");
  const checked = await ctx.helper.check(urn, {}, inputsWith(ctx, { portId: port }));
  expect(
    checked.failures.length === 0,
    `check refused the free ELB VIP port ${port}: ${JSON.stringify(checked.failures)}`,
  );
  const key = ctx.ledger.recordIntent("ipv6", port, "Ipv6Eip on the ELB VIP port (provider)");
  let created;
  try {
    created = await ctx.helper.create(urn, checked.inputs, { deadlineMs: 300_000 });
  } catch (error) {
    if (error instanceof HelperCallError && error.initFailure?.id)
      ctx.ledger.recordId(key, error.initFailure.id);
    throw error;
  }
  ctx.ledger.recordId(key, created.id);
  expect(
    created.properties["portId"] === port && created.properties["status"] === "ACTIVE",
    `the EIP is ${show(created.properties["status"])} on ${show(created.properties["portId"])}`,
  );
  await ctx.helper.delete(urn, created.id, created.properties, { deadlineMs: 300_000 });
  const gone = await rawShow(ctx, "ipv6", created.id);
  ctx.report.observe(observeError("ipv6.error.after-delete", gone));
  expect(isEipNotFound(gone), `after delete, OTC still shows ${created.id}`);
  ctx.ledger.close(key, "deleted by the provider (OTC's not-found confirmed)");
  return `IPv6 EIP ${created.id} bound ACTIVE to the ELB VIP port ${port}, then deleted`;
}
