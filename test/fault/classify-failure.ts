/**
 * Sorting the failures of a fault run: which are the accepted consequence of a fault no retry may
 * clear, and whether each message is actionable.
 */
import type { StepFailure } from "./run-lifecycles";

/** An OTC error code as OTC writes it: `APIG.0308`, `VPC.0512`, `IAM.0012`. */
const OTC_CODE = /\b(?:APIG|VPC|IAM|EIP|Neutron)\.\d{4}\b/;

/**
 * True for a create whose POST met a fault that leaves its outcome unknown (a reset, a 5xx), whose
 * EIP was then not found on the NIC, and whose one resend met such a fault too: the provider
 * resends a bound create once (OTC refuses a second EIP on one NIC), then gives up and says so.
 * No retry budget covers it; it takes two such faults in a row.
 */
export function isTwiceLostCreate(failure: StepFailure): boolean {
  return (
    failure.step === "create" &&
    failure.initFailureId === undefined &&
    /unknown outcome/i.test(failure.message) &&
    /twice/.test(failure.message)
  );
}

/**
 * Whether a failure message lets the user act: it carries the OTC code of the answer that caused
 * it (or, for an unknown outcome, says what may exist and what to do), and tells what to do next.
 */
export function isActionable(failure: StepFailure): boolean {
  const advice = /pulumi up|pulumi refresh|run again|Run|adoptId|retry|try again/i.test(
    failure.message,
  );
  if (isTwiceLostCreate(failure)) return advice;
  return OTC_CODE.test(failure.message) && advice;
}
