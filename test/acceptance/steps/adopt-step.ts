/**
 * Adopt: the run makes an IPv6 EIP itself on port A (recorded first), observes the create answer
 * and how long the bind takes, unbinds and binds it again (observing those answers and times),
 * then an Ipv6Eip with `adoptId` takes it over through the provider.
 */
import { acceptanceUrn, inputsWith } from "../program-inputs";
import { nat64Twin } from "../nat64-twin";
import { floatingIpOf } from "../poll-eip";
import { rawCreate, rawSetPort, settle } from "../raw-eip-calls";
import { expect, show } from "../run-context";
import type { RunContext } from "../run-context";

/** Makes the EIP to adopt and cycles its binding, observing each answer. */
async function makeEipToAdopt(
  ctx: RunContext,
): Promise<{ id: string; key: string; address: string }> {
  const createdAt = Date.now();
  const created = await rawCreate(
    ctx,
    "ipv6",
    ctx.portA,
    "IPv6 EIP to adopt",
    "ipv6.create-bound.answer",
  );
  expect(
    created.id !== undefined,
    `creating an IPv6 EIP on ${ctx.portA} answered HTTP ${created.answer.status}: ${created.answer.text.slice(0, 300)}`,
  );
  const id = created.id;
  const address = show(floatingIpOf(created.answer)?.["floating_ip_address"] ?? "");
  await settle(
    ctx,
    "ipv6",
    id,
    { status: "ACTIVE", portId: ctx.portA },
    "IPv6 create bound → ACTIVE",
    createdAt,
    "ipv6.create-bound.settled",
  );
  const unbindAt = Date.now();
  await rawSetPort(ctx, "ipv6", id, null, "ipv6.unbind.answer");
  await settle(
    ctx,
    "ipv6",
    id,
    { status: "DOWN", portId: null },
    "IPv6 unbind → DOWN",
    unbindAt,
    "ipv6.unbind.settled",
  );
  const bindAt = Date.now();
  await rawSetPort(ctx, "ipv6", id, ctx.portA, "ipv6.bind.answer");
  await settle(
    ctx,
    "ipv6",
    id,
    { status: "ACTIVE", portId: ctx.portA },
    "IPv6 bind → ACTIVE",
    bindAt,
    "ipv6.bind.settled",
  );
  return { id, key: created.key, address };
}

/** The adopt step. */
export async function adoptStep(ctx: RunContext): Promise<string> {
  const made = await makeEipToAdopt(ctx);
  ctx.facts.adopted = { id: made.id, key: made.key, ipv4: nat64Twin(made.address) };
  const urn = acceptanceUrn("existing");
  const checked = await ctx.helper.check(
    urn,
    {},
    inputsWith(ctx, { adoptId: made.id, portId: ctx.portA }),
  );
  expect(
    checked.failures.length === 0,
    `check refused adopting ${made.id} on its own NIC: ${JSON.stringify(checked.failures)}`,
  );
  const adopted = await ctx.helper.create(urn, checked.inputs, { deadlineMs: 300_000 });
  expect(adopted.id === made.id, `the adopting create answered id ${adopted.id}, not ${made.id}`);
  const outs = adopted.properties;
  expect(
    outs["portId"] === ctx.portA && outs["status"] === "ACTIVE",
    `the adopted EIP is ${show(outs["status"])} on ${show(outs["portId"])}`,
  );
  expect(
    outs["ipv4Address"] === ctx.facts.adopted.ipv4,
    `the adopted EIP's ipv4Address is ${show(outs["ipv4Address"])}`,
  );
  return `Ipv6Eip with adoptId took over ${made.id} (${made.address}) on ${ctx.portA}, no new EIP`;
}
