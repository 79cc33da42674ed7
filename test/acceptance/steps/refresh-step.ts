/** `pulumi refresh`: `read` gives the EIP as it is, unchanged. */
import { acceptanceUrn } from "../program-inputs";
import { expect, needs, show } from "../run-context";
import type { RunContext } from "../run-context";

/** The refresh step. */
export async function refreshStep(ctx: RunContext): Promise<string> {
  const managed = needs(ctx.facts.managed, "the created EIP");
  const read = await ctx.helper.read(acceptanceUrn("web-ipv6"), managed.id, managed.outs);
  expect(read.id === managed.id, `refresh answered id ${JSON.stringify(read.id)}`);
  for (const key of ["floatingIpAddress", "ipv4Address", "portId", "status"]) {
    expect(
      read.properties[key] === managed.outs[key],
      `refresh changed ${key}: ${show(managed.outs[key])} → ${show(read.properties[key])}`,
    );
  }
  ctx.facts.managed = { ...managed, outs: read.properties };
  return `refresh keeps ${managed.id} as it is (${show(read.properties["status"])} on ${show(read.properties["portId"])})`;
}
