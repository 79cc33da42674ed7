/** The benchmark's result: the JSON object `npm run bench -- --json` prints on its last line. */

/** The figures of one lifecycle operation, measured through the provider helper. */
export interface OperationFigure {
  /** API calls the operation made (token requests excluded; they are reported per run). */
  apiCalls: number;
  /** The fewest calls the operation can make. */
  minApiCalls: number;
  /** Median wall time over the repetitions, in milliseconds. */
  wallMs: number;
  /** Minimum round trips × emulator latency, in milliseconds. */
  lowerBoundMs: number;
  /** `wallMs / lowerBoundMs`, or `null` where the lower bound is 0. */
  ratio: number | null;
}

/** One scaling run: N bound creates at a given parallelism, in a fresh helper (one `pulumi up`). */
export interface ScalingFigure {
  /** Resources created. */
  n: number;
  /** Calls in flight at once, as the engine's `--parallel`. */
  parallelism: number;
  /** Wall time of the create phase, in milliseconds. */
  wallMs: number;
  /** `ceil(n / parallelism) × 2 × latency`. */
  lowerBoundMs: number;
  /** `wallMs / lowerBoundMs`. */
  ratio: number;
  /** IAM token requests of the whole run (check and create phases). */
  tokenRequests: number;
}

/** The names of the measured operations, in the order they run. */
export const OPERATION_NAMES = [
  "checkNew",
  "createBound",
  "diff",
  "refresh",
  "rebind",
  "deleteBound",
] as const;

/** One of {@link OPERATION_NAMES}. */
export type OperationName = (typeof OPERATION_NAMES)[number];

/** One run of the throttled section: N new bound resources against the emulator's rate limit. */
export interface ThrottledRunFigure {
  /** Wall time of the checks and creates, in milliseconds. */
  wallMs: number;
  /**
   * The rate limit's floor: `(accepted − burst) / rate`, where `accepted` are the VPC requests OTC
   * served (the ones the work needs; a 429 takes no token from the bucket), in milliseconds.
   */
  floorMs: number;
  /** `wallMs / floorMs`. */
  ratio: number;
  /** VPC requests sent, 429s included (IAM aside; it is not limited here). */
  requestsSent: number;
  /** Of those, answered 429. */
  throttled: number;
  /** `throttled / requestsSent`. */
  throttledShare: number;
  /** Throttled requests sent before the first 429 could have come back (the first wave). */
  throttledFirstWave: number;
  /** Resources whose check or create failed. */
  failures: number;
}

/** The throttled section: this client, the same without its limiter, and the incumbent's strategy. */
export interface ThrottledFigures {
  /** Resources (check + create each). */
  n: number;
  /** Operations at once, as `pulumi up --parallel`. */
  parallelism: number;
  /** The emulator's VPC rate limit (no `Retry-After`, as OTC documents none). */
  requestsPerSecond: number;
  /** The emulator's bucket size. */
  burst: number;
  /** This client: the adaptive send rate and the retry quota on (the defaults). */
  adaptive: ThrottledRunFigure;
  /** The same client with both turned off: every request backs off on its own (the old client). */
  limiterOff: ThrottledRunFigure;
  /**
   * The incumbent's strategy (a flat 60 s sleep per 429, at most 5 per client), computed by a
   * simulation of the same workload against the same bucket, not run.
   */
  incumbentComputed: ThrottledRunFigure;
}

/** The whole result. */
export interface BenchResult {
  /** Latency the emulator adds to every request, in milliseconds. */
  latencyMs: number;
  /** Per-operation figures. */
  operations: Record<OperationName, OperationFigure>;
  /** N = 1, 10 and 100. */
  scaling: ScalingFigure[];
  /** The N = 100 entry of `scaling`. */
  parallel: ScalingFigure;
  /** A preview of an unchanged stack: `check` and `diff` of every resource. */
  previewUnchanged: { n: number; apiCalls: number };
  /** Size of the `__provider` text in bytes (UTF-8). */
  serializedProviderBytes: number;
  /** From spawning the helper to its gRPC port, in milliseconds. */
  helperColdStartMs: number;
  /** The first call with a new `__provider` (deserialize, configure, load the lifecycle), in milliseconds. */
  firstCallMs: number;
  /** The helper's peak resident set size after the N = 100 run, in MB. */
  helperPeakRssMb: number;
  /** Under OTC's throttling (issue 14); absent in results from before that section. */
  throttled?: ThrottledFigures;
}
