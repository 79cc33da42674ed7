/**
 * The guard against an IPv4 EIP: an IPv4 EIP is put on a NIC through Neutron's API (recorded for
 * the sweeper first), `check` must refuse a new Ipv6Eip there naming it, then the IPv4 EIP is
 * released (unbind, wait, delete, OTC's not-found).
 */
import { inputsWith, acceptanceUrn } from "../program-inputs";
import { rawCreate, rawDelete, rawSetPort, rawShow, settle } from "../raw-eip-calls";
import { isEipNotFound } from "../release-eip";
import { floatingIpOf } from "../poll-eip";
import { expect, show } from "../run-context";
import type { RunContext } from "../run-context";

/** The IPv4 guard step (on port B when there is one, else on port A before the IPv6 EIP exists). */
export async function ipv4GuardStep(ctx: RunContext): Promise<string> {
  const port = ctx.portB ?? ctx.portA;
  const createdAt = Date.now();
  const created = await rawCreate(
    ctx,
    "ipv4",
    port,
    "IPv4 EIP for the guard",
    "ipv4.create-bound.answer",
  );
  expect(
    created.id !== undefined,
    `creating an IPv4 EIP on ${port} answered HTTP ${created.answer.status}: ${created.answer.text.slice(0, 300)}`,
  );
  const id = created.id;
  const address = show(floatingIpOf(created.answer)?.["floating_ip_address"] ?? "");
  await settle(
    ctx,
    "ipv4",
    id,
    { status: "ACTIVE", portId: port },
    "IPv4 create bound → ACTIVE",
    createdAt,
  );

  const checked = await ctx.helper.check(
    acceptanceUrn("guard-ipv4"),
    {},
    inputsWith(ctx, { portId: port }),
  );
  const refusal = checked.failures.find((f) => f.property === "portId");
  expect(
    refusal !== undefined,
    `check let a new Ipv6Eip onto ${port}, which holds IPv4 EIP ${address} (${id})`,
  );
  expect(
    refusal.reason.includes(address) || refusal.reason.includes(id),
    `check refused ${port} without naming the IPv4 EIP on it (${address}, ${id}): ${refusal.reason}`,
  );

  const unbindAt = Date.now();
  await rawSetPort(ctx, "ipv4", id, null, "ipv4.unbind.answer");
  await settle(ctx, "ipv4", id, { status: "DOWN", portId: null }, "IPv4 unbind → DOWN", unbindAt);
  await rawDelete(ctx, "ipv4", id, "ipv4.delete.answer");
  const gone = await rawShow(ctx, "ipv4", id);
  expect(isEipNotFound(gone), `IPv4 EIP ${id} still shows after its delete (HTTP ${gone.status})`);
  ctx.ledger.close(created.key, "released by the step (OTC's not-found confirmed)");
  return `check refused portId ${port}: "${refusal.reason}"; the IPv4 EIP ${address} was released`;
}
