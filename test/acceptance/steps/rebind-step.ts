/** `pulumi up` moving the EIP to port B: check, diff (an update in place), update. */
import { acceptanceUrn, inputsWith } from "../program-inputs";
import { floatingIpOf } from "../poll-eip";
import { rawShow } from "../raw-eip-calls";
import { expect, needs, show } from "../run-context";
import type { RunContext } from "../run-context";

/** The rebind step. */
export async function rebindStep(ctx: RunContext): Promise<string> {
  const managed = needs(ctx.facts.managed, "the created EIP");
  const portB = needs(ctx.portB, "a second port");
  const urn = acceptanceUrn("web-ipv6");
  const checked = await ctx.helper.check(urn, managed.inputs, inputsWith(ctx, { portId: portB }));
  expect(
    checked.failures.length === 0,
    `check refused the move to the free port ${portB}: ${JSON.stringify(checked.failures)}`,
  );
  const diff = await ctx.helper.diff(urn, managed.id, managed.outs, checked.inputs);
  expect(
    diff.changes && diff.replaces.length === 0,
    `the move is not an update in place: ${JSON.stringify(diff)}`,
  );
  const started = Date.now();
  const updated = await ctx.helper.update(urn, managed.id, managed.outs, checked.inputs, {
    deadlineMs: 300_000,
  });
  const wallMs = Date.now() - started;
  ctx.report.addTiming({ what: "provider rebind A → B (whole update call)", ms: wallMs, shows: 0 });
  const outs = updated.properties;
  expect(
    outs["portId"] === portB && outs["status"] === "ACTIVE",
    `after the update the EIP is ${show(outs["status"])} on ${show(outs["portId"])}`,
  );
  expect(
    outs["floatingIpAddress"] === managed.outs["floatingIpAddress"],
    "the rebind changed the address",
  );
  const shown = floatingIpOf(await rawShow(ctx, "ipv6", managed.id));
  expect(
    shown?.["port_id"] === portB,
    `OTC shows the EIP on ${show(shown?.["port_id"])}, not ${portB}`,
  );
  ctx.facts.managed = { ...managed, outs, inputs: checked.inputs };
  return `update in place (diff: changes, no replacement) moved ${managed.id} to ${portB} in ${wallMs} ms; same address`;
}
