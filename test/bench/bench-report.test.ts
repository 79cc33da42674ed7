/**
 * The benchmark's pure parts: target verdicts and the chart, on a synthetic result (the figures
 * themselves come from `npm run bench`, never from a test).
 */
import type { BenchResult, OperationFigure, ThrottledRunFigure } from "./bench-types";
import { checkTargets } from "./check-targets";
import { renderChart } from "./render-chart";
import { runPool } from "./run-pool";

const op = (
  apiCalls: number,
  minApiCalls: number,
  wallMs: number,
  lowerBoundMs: number,
): OperationFigure => ({
  apiCalls,
  minApiCalls,
  wallMs,
  lowerBoundMs,
  ratio: lowerBoundMs === 0 ? null : wallMs / lowerBoundMs,
});

const throttledRun = (overrides: Partial<ThrottledRunFigure> = {}): ThrottledRunFigure => ({
  wallMs: 21_000,
  floorMs: 19_750,
  ratio: 1.06,
  requestsSent: 410,
  throttled: 10,
  throttledShare: 0.024,
  throttledFirstWave: 6,
  failures: 0,
  ...overrides,
});

function result(overrides: Partial<BenchResult> = {}): BenchResult {
  const parallel = {
    n: 100,
    parallelism: 16,
    wallMs: 1000,
    lowerBoundMs: 700,
    ratio: 1.43,
    tokenRequests: 1,
  };
  return {
    latencyMs: 50,
    operations: {
      checkNew: op(3, 3, 60, 50),
      createBound: op(2, 2, 120, 100),
      diff: op(0, 0, 3, 0),
      refresh: op(1, 1, 55, 50),
      rebind: op(6, 6, 280, 250),
      deleteBound: op(3, 3, 170, 150),
    },
    scaling: [
      { n: 1, parallelism: 16, wallMs: 120, lowerBoundMs: 100, ratio: 1.2, tokenRequests: 1 },
      parallel,
    ],
    parallel,
    previewUnchanged: { n: 100, apiCalls: 0 },
    serializedProviderBytes: 3376,
    helperColdStartMs: 900,
    firstCallMs: 60,
    helperPeakRssMb: 120,
    throttled: {
      n: 100,
      parallelism: 16,
      requestsPerSecond: 20,
      burst: 5,
      adaptive: throttledRun(),
      limiterOff: throttledRun({ wallMs: 33_000, throttled: 400, throttledShare: 0.5 }),
      incumbentComputed: throttledRun({ wallMs: 60_200, failures: 99 }),
    },
    ...overrides,
  };
}

describe("checkTargets", () => {
  it("meets every target of a result within them", () => {
    expect(checkTargets(result()).filter((v) => !v.met)).toEqual([]);
  });

  it("names each missed target", () => {
    const missed = checkTargets(
      result({
        operations: {
          ...result().operations,
          rebind: op(7, 6, 800, 250),
          createBound: op(2, 2, 335, 100),
          checkNew: op(3, 3, 70, 50),
        },
        previewUnchanged: { n: 100, apiCalls: 2 },
        throttled: {
          ...(result().throttled as NonNullable<BenchResult["throttled"]>),
          adaptive: throttledRun({ ratio: 1.3, throttledShare: 0.09, failures: 1 }),
        },
      }),
    )
      .filter((v) => !v.met)
      .map((v) => v.target);
    expect(missed).toEqual([
      "bound create within 1.3× its lower bound",
      "check of a new resource within 1.3× its lower bound (1 round trip)",
      "0 API calls for the unchanged preview",
      "rebind: apiCalls == minApiCalls",
      "throttled: 100 creates within 1.2× the rate limit's floor",
      "throttled: at most 5 % of requests answered 429",
      "throttled: 0 failures",
    ]);
  });

  it("misses the throttled targets of a result without that section", () => {
    const missed = checkTargets(result({ throttled: undefined })).filter((v) => !v.met);
    expect(missed.map((v) => v.target)).toEqual(["throttled section measured"]);
  });
});

describe("renderChart", () => {
  it("draws one bar per operation, scaling entry and comparison, with lower-bound markers", () => {
    const svg = renderChart(result());
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg.trimEnd().endsWith("</svg>")).toBe(true);
    expect(svg.match(/<rect [^>]*class="bar"/g)).toHaveLength(5 + 2 + 2 + 2);
    expect(svg.match(/<rect [^>]*class="estimate"/g)).toHaveLength(2 + 1);
    expect(svg.match(/<line [^>]*class="bound"/g)).toHaveLength(5 + 2 + 3);
    expect(svg).toContain("limiter off");
    expect(svg).toContain("create (bound)");
  });

  it("escapes text", () => {
    expect(renderChart(result())).not.toMatch(/<text[^>]*>[^<]*&(?!#\d+;|amp;|lt;|gt;)/);
  });
});

describe("runPool", () => {
  it("keeps at most `parallelism` tasks in flight and returns results in order", async () => {
    let inFlight = 0;
    let peak = 0;
    const results = await runPool([...Array(20).keys()], 4, async (n) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((resolve) => setImmediate(resolve));
      inFlight--;
      return n * 2;
    });
    expect(peak).toBe(4);
    expect(results).toEqual([...Array(20).keys()].map((n) => n * 2));
  });
});
