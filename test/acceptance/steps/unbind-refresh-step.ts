/**
 * Refresh after an out-of-band unbind: the run unbinds the EIP itself (as the console or another
 * tool would), waits until OTC shows it `DOWN`, and `read` must report it unbound, with the live
 * port left out of the returned inputs so the drift shows in the next diff.
 */
import { acceptanceUrn } from "../program-inputs";
import { rawSetPort, settle } from "../raw-eip-calls";
import { expect, needs, show } from "../run-context";
import type { RunContext } from "../run-context";

/** The out-of-band unbind and refresh step. */
export async function unbindRefreshStep(ctx: RunContext): Promise<string> {
  const managed = needs(ctx.facts.managed, "the created EIP");
  const started = Date.now();
  await rawSetPort(ctx, "ipv6", managed.id, null, "ipv6.unbind.answer");
  await settle(
    ctx,
    "ipv6",
    managed.id,
    { status: "DOWN", portId: null },
    "IPv6 unbind → DOWN",
    started,
    "ipv6.unbind.settled",
  );
  const read = await ctx.helper.read(acceptanceUrn("web-ipv6"), managed.id, managed.outs);
  expect(read.id === managed.id, `refresh answered id ${JSON.stringify(read.id)}`);
  expect(
    read.properties["portId"] === null,
    `refresh still shows portId ${show(read.properties["portId"])}`,
  );
  expect(
    read.properties["status"] === "DOWN",
    `refresh shows status ${show(read.properties["status"])}, not DOWN`,
  );
  expect(
    read.inputs !== undefined && read.inputs["portId"] === undefined,
    `refresh's inputs keep portId ${show(read.inputs?.["portId"])}`,
  );
  ctx.facts.managed = { ...managed, outs: read.properties };
  return "after the out-of-band unbind, refresh shows the EIP DOWN on no port (the drift shows in the next diff)";
}
