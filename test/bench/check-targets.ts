/** The performance targets, evaluated on a result. */
import type { BenchResult } from "./bench-types";
import { OPERATION_NAMES } from "./bench-types";

/** One target and whether the result meets it. */
export interface TargetVerdict {
  target: string;
  met: boolean;
  actual: string;
}

/** Every target of issue 7 (and issue 12's for `check`), in the order the issues list them. */
export function checkTargets(result: BenchResult): TargetVerdict[] {
  const create = result.operations.createBound;
  const check = result.operations.checkNew;
  const verdicts: TargetVerdict[] = [
    {
      target: "bound create within 1.3× its lower bound",
      met: create.ratio !== null && create.ratio <= 1.3,
      actual: `${create.ratio}×`,
    },
    {
      target: "check of a new resource within 1.3× its lower bound (1 round trip)",
      met: check.ratio !== null && check.ratio <= 1.3,
      actual: `${check.ratio}×`,
    },
    {
      target: "100 parallel creates within 1.5×",
      met: result.parallel.ratio <= 1.5,
      actual: `${result.parallel.ratio}×`,
    },
    {
      target: "1 token request per run",
      met: result.scaling.every((s) => s.tokenRequests === 1),
      actual: result.scaling.map((s) => `N=${s.n}: ${s.tokenRequests}`).join(", "),
    },
    {
      target: "0 API calls for the unchanged preview",
      met: result.previewUnchanged.apiCalls === 0,
      actual: String(result.previewUnchanged.apiCalls),
    },
  ];
  for (const name of OPERATION_NAMES) {
    const op = result.operations[name];
    verdicts.push({
      target: `${name}: apiCalls == minApiCalls`,
      met: op.apiCalls === op.minApiCalls,
      actual: `${op.apiCalls} (min ${op.minApiCalls})`,
    });
  }
  return verdicts;
}
