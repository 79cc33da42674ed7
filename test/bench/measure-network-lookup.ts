/**
 * The external-network look-up that `create` makes when `floatingNetworkId` is left out: counted
 * for two creates in a row on one helper (the second must find it cached).
 */
import type { ProviderHelper } from "../harness";
import type { BenchStack } from "./bench-stack";

/** Network requests of the first and of the second create without `floatingNetworkId`. */
export interface NetworkLookupFigure {
  first: number;
  second: number;
}

function networkCalls(counts: Readonly<Record<string, number>>): number {
  return Object.entries(counts)
    .filter(([key]) => key.startsWith("GET /v2.0/networks"))
    .reduce((sum, [, n]) => sum + n, 0);
}

/** Creates two unbound EIPs without `floatingNetworkId`, counting the look-ups, then deletes them. */
export async function measureNetworkLookup(
  stack: BenchStack,
  helper: ProviderHelper,
): Promise<NetworkLookupFigure> {
  const counts: number[] = [];
  for (const name of ["lookup-1", "lookup-2"]) {
    stack.emulator.resetLog();
    const inputs = { __provider: stack.provider, suppressWarnings: true };
    const created = await helper.create(stack.urn(name), inputs);
    counts.push(networkCalls(stack.emulator.counts()));
    await helper.delete(stack.urn(name), created.id, created.properties);
  }
  return { first: counts[0] ?? 0, second: counts[1] ?? 0 };
}
