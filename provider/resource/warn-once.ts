/**
 * The IPv6 EIP warnings, printed once per program (not once per resource) unless every resource
 * sets `suppressWarnings`. Warnings belong in the program: the provider helper's logging is not
 * reliable.
 */
import * as pulumi from "@pulumi/pulumi";
import { formatIpv6EipWarnings } from "../core/warnings";

const WARNED = Symbol.for("pulumi-otc-ipv6-eip:warned");

function warnNow(): void {
  const holder = globalThis as unknown as Record<symbol, boolean | undefined>;
  if (holder[WARNED]) return;
  holder[WARNED] = true;
  void pulumi.log.warn(formatIpv6EipWarnings());
}

/** Prints the warnings if they were not printed yet and `suppress` is not true. */
export function warnOnce(suppress: pulumi.Input<boolean> | undefined): void {
  if (suppress === true) return;
  if (suppress === undefined || suppress === null || suppress === false) {
    warnNow();
    return;
  }
  pulumi.output(suppress).apply((value) => {
    if (value !== true) warnNow();
  });
}

/** Lets the warnings print again (for tests that run several programs in one process). */
export function resetWarnOnce(): void {
  (globalThis as unknown as Record<symbol, boolean | undefined>)[WARNED] = undefined;
}
