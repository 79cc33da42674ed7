/** The performance targets, evaluated on a result. */
import type { BenchResult } from "./bench-types";
import { OPERATION_NAMES } from "./bench-types";

/** One target and whether the result meets it. */
export interface TargetVerdict {
  target: string;
  met: boolean;
  actual: string;
}

/** Issue 14's targets for the throttled section (this client, against the rate limit). */
function throttledTargets(result: BenchResult): TargetVerdict[] {
  const t = result.throttled;
  if (!t) {
    return [{ target: "throttled section measured", met: false, actual: "absent from the result" }];
  }
  const own = t.adaptive;
  return [
    {
      target: `throttled: ${t.n} creates within 1.2× the rate limit's floor`,
      met: own.ratio <= 1.2,
      actual: `${own.ratio}× (${own.wallMs} ms, floor ${own.floorMs} ms)`,
    },
    {
      target: "throttled: at most 5 % of requests answered 429",
      met: own.throttledShare <= 0.05,
      actual:
        `${(own.throttledShare * 100).toFixed(1)} % (${own.throttled} of ${own.requestsSent}; ` +
        `${own.throttledFirstWave} in the first wave, sent before any answer came back)`,
    },
    {
      target: "throttled: 0 failures",
      met: own.failures === 0,
      actual: String(own.failures),
    },
  ];
}

/** Every target of issues 7, 12 (for `check`) and 14, in the order the issues list them. */
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
  return [...verdicts, ...throttledTargets(result)];
}
