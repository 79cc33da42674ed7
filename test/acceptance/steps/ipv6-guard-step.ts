/**
 * The guard against a second IPv6 EIP: `check` must refuse a second Ipv6Eip on port A, naming
 * the EIP there; then the run asks OTC itself for a second EIP on that NIC (recorded for the
 * sweeper first), which OTC must refuse, and observes how.
 */
import { randomUUID } from "node:crypto";
import { observeError } from "../observation";
import { acceptanceUrn, inputsWith } from "../program-inputs";
import { rawCreate, rawShow } from "../raw-eip-calls";
import { releaseEip } from "../release-eip";
import { expect, needs, show } from "../run-context";
import type { RunContext } from "../run-context";

/** The IPv6 guard step. */
export async function ipv6GuardStep(ctx: RunContext): Promise<string> {
  const managed = needs(ctx.facts.managed, "the created EIP");
  const address = show(managed.outs["floatingIpAddress"]);
  const checked = await ctx.helper.check(
    acceptanceUrn("web-ipv6-second"),
    {},
    inputsWith(ctx, { portId: ctx.portA }),
  );
  const refusal = checked.failures.find((f) => f.property === "portId");
  expect(
    refusal !== undefined,
    `check let a second Ipv6Eip onto ${ctx.portA}, which holds ${address}`,
  );
  expect(
    refusal.reason.includes(managed.id) || refusal.reason.includes(address),
    `check refused ${ctx.portA} without naming the EIP on it (${managed.id}, ${address}): ${refusal.reason}`,
  );

  const second = await rawCreate(
    ctx,
    "ipv6",
    ctx.portA,
    "second IPv6 EIP on a NIC (OTC must refuse it)",
    "ipv6.error.second-eip-on-nic",
  );
  if (second.id !== undefined) {
    const how = await releaseEip(ctx.session, "ipv6", second.id, ctx.deadline);
    ctx.ledger.close(second.key, how);
    throw new Error(
      `OTC accepted a second EIP on NIC ${ctx.portA} (${second.id}, released again): the one-EIP-per-NIC rule did not hold`,
    );
  }
  expect(
    second.answer.status >= 400,
    `the second create answered HTTP ${second.answer.status} without an EIP`,
  );

  const unknown = await rawShow(ctx, "ipv6", randomUUID());
  ctx.report.observe(observeError("ipv6.error.unknown-id", unknown));
  return `check refused portId: "${refusal.reason}"; OTC refused a second EIP on the NIC with HTTP ${second.answer.status}`;
}
