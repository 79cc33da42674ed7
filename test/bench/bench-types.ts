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
}
