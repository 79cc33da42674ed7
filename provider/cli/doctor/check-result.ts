/** One line of `otc-ipv6-eip doctor`: a check, its verdict, what was seen and the fix. */

/** A check's verdict; `skip` when an earlier failure made it meaningless. */
export type CheckStatus = "pass" | "fail" | "skip";

/** The outcome of one check. Field names are part of `doctor --json`: keep them stable. */
export interface CheckResult {
  /** Short name, e.g. `credentials`. */
  name: string;
  /** The verdict. */
  status: CheckStatus;
  /** What was seen (never a credential). */
  detail: string;
  /** What to do about a failure. */
  fix?: string;
}

/** A passed check. */
export function pass(name: string, detail: string): CheckResult {
  return { name, status: "pass", detail };
}

/** A failed check with its fix. */
export function fail(name: string, detail: string, fix: string): CheckResult {
  return { name, status: "fail", detail, fix };
}

/** A check that was not run, and why. */
export function skip(name: string, why: string): CheckResult {
  return { name, status: "skip", detail: why };
}
