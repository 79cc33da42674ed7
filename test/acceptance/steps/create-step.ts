/**
 * `pulumi up` creating the IPv6 EIP bound to port A through the provider helper. The intent is in
 * the ledger before the helper is asked, the id as soon as the helper answers (an initialisation
 * failure carries it too).
 */
import { HelperCallError } from "../../harness";
import { acceptanceUrn } from "../program-inputs";
import { expect, needs, show } from "../run-context";
import type { RunContext } from "../run-context";

/** The create step. */
export async function createStep(ctx: RunContext): Promise<string> {
  const inputs = needs(ctx.facts.inputsA, "the checked inputs of the preview");
  const key = ctx.ledger.recordIntent("ipv6", ctx.portA, "Ipv6Eip created by the provider");
  const started = Date.now();
  let created;
  try {
    created = await ctx.helper.create(acceptanceUrn("web-ipv6"), inputs, { deadlineMs: 300_000 });
  } catch (error) {
    if (error instanceof HelperCallError && error.initFailure?.id)
      ctx.ledger.recordId(key, error.initFailure.id);
    throw error;
  }
  ctx.ledger.recordId(key, created.id);
  const wallMs = Date.now() - started;
  ctx.facts.managed = { id: created.id, key, outs: created.properties, inputs };
  const outs = created.properties;
  ctx.report.addTiming({
    what: "provider create bound → ACTIVE (whole create call)",
    ms: wallMs,
    shows: 0,
  });
  expect(
    outs["portId"] === ctx.portA,
    `the created EIP is on ${show(outs["portId"])}, not ${ctx.portA}`,
  );
  expect(outs["status"] === "ACTIVE", `the created EIP is ${show(outs["status"])}, not ACTIVE`);
  expect(typeof outs["floatingIpAddress"] === "string", "the outputs have no floatingIpAddress");
  return `IPv6 EIP ${created.id} (${show(outs["floatingIpAddress"])}) ACTIVE on ${ctx.portA} in ${wallMs} ms`;
}
