/**
 * The derived IPv4: the provider's `ipv4Address` is the IPv6 EIP's last 32 bits (computed here on
 * its own), and OTC's `show` and port-filtered lists agree with the outputs.
 */
import { nat64Twin, sameIpv6 } from "../nat64-twin";
import { observeOne } from "../observation";
import { floatingIpOf } from "../poll-eip";
import { rawListOnPort, rawShow } from "../raw-eip-calls";
import { expect, needs, show } from "../run-context";
import type { RunContext } from "../run-context";

/** The derived-IPv4 step. */
export async function derivedIpv4Step(ctx: RunContext): Promise<string> {
  const managed = needs(ctx.facts.managed, "the created EIP");
  const ipv6 = show(managed.outs["floatingIpAddress"]);
  const twin = nat64Twin(ipv6);
  expect(twin !== undefined, `floatingIpAddress ${ipv6} is not an IPv6 address`);
  expect(
    managed.outs["ipv4Address"] === twin,
    `ipv4Address is ${show(managed.outs["ipv4Address"])}, but the last 32 bits of ${ipv6} are ${twin}`,
  );

  const shown = await rawShow(ctx, "ipv6", managed.id);
  ctx.report.observe(observeOne("ipv6.show", shown));
  const item = floatingIpOf(shown);
  expect(
    shown.status === 200 && item !== undefined,
    `show of ${managed.id} answered HTTP ${shown.status}`,
  );
  expect(
    sameIpv6(show(item["floating_ip_address"]), ipv6),
    `OTC shows ${show(item["floating_ip_address"])}, the outputs ${ipv6}`,
  );

  const listed = await rawListOnPort(ctx, "ipv6", ctx.portA, "ipv6.list.by-port");
  expect(
    listed.some((e) => e["id"] === managed.id),
    `the list filtered by port_id=${ctx.portA} does not hold ${managed.id}`,
  );
  await rawListOnPort(ctx, "ipv6", ctx.portA, "ipv6.list.by-port-limit-1", [["limit", "1"]]);
  return `ipv4Address ${twin} is the last 32 bits of ${ipv6}; OTC's show and list by port agree`;
}
