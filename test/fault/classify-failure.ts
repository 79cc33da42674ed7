/** Whether each failure of a fault run is actionable. */
import type { StepFailure } from "./run-lifecycles";

/** An OTC error code as OTC writes it: `APIG.0308`, `VPC.0512`, `IAM.0012`. */
const OTC_CODE = /\b(?:APIG|VPC|IAM|EIP|Neutron)\.\d{4}\b/;

/**
 * Whether a failure message lets the user act: it carries the OTC code of the answer that caused
 * it, and tells what to do next.
 */
export function isActionable(failure: StepFailure): boolean {
  const advice = /pulumi up|pulumi refresh|run again|Run|adoptId|retry|try again/i.test(
    failure.message,
  );
  return OTC_CODE.test(failure.message) && advice;
}
