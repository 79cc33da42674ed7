/**
 * The pack's policies: thin wrappers that report what the pure rules in `rules.ts` find.
 */
import type { StackValidationPolicy } from "@pulumi/policy";
import { findEipPerNicViolations, findUnjudgeableBindings } from "./rules";

/** Mandatory: no NIC may receive two EIPs, whichever providers bind them. */
export const oneEipPerNic: StackValidationPolicy = {
  name: "one-eip-per-nic",
  description:
    "Open Telekom Cloud binds at most one EIP (IPv4 or IPv6) to a NIC: refuse a stack that binds " +
    "two EIPs to the same port (Ipv6Eip, openstack and opentelekomcloud floating IP resources).",
  enforcementLevel: "mandatory",
  validateStack: (args, reportViolation) => {
    for (const finding of findEipPerNicViolations(args.resources)) {
      reportViolation(finding.message, finding.urn);
    }
  },
};

/** Advisory: EIP bindings whose NIC cannot be known from the plan. */
export const eipBindingNotJudgeable: StackValidationPolicy = {
  name: "eip-binding-not-judgeable-at-preview",
  description:
    "Report EIP bindings that one-eip-per-nic cannot judge from the plan: ports not known until " +
    "apply, and bindings by instance (ComputeFloatingipAssociateV2).",
  enforcementLevel: "advisory",
  validateStack: (args, reportViolation) => {
    for (const finding of findUnjudgeableBindings(args.resources)) {
      reportViolation(finding.message, finding.urn);
    }
  },
};

/** Every policy in the pack, in the order the CLI lists them. */
export const policies: StackValidationPolicy[] = [oneEipPerNic, eipBindingNotJudgeable];
