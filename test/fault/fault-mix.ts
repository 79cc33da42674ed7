/**
 * The fault mix of the fault-tolerance run: 20 % of requests get a fault, spread over throttling
 * (with and without `Retry-After`), 5xx answers, "resource busy", latency spikes and connection
 * resets before and after a mutation.
 */
import type { FaultOptions } from "../emulator";

/** Per-request fault probabilities; they add up to 0.20. */
export const FAULT_MIX: FaultOptions = {
  rates: {
    throttle: 0.035,
    throttleRetryAfter: 0.01,
    serverError: 0.04,
    busy: 0.03,
    resetBefore: 0.03,
    resetAfter: 0.03,
    latencySpike: 0.025,
  },
  retryAfterSeconds: 1,
  spikeMs: 300,
};

/** The total fault rate of {@link FAULT_MIX}. */
export const FAULT_RATE = Object.values(FAULT_MIX.rates ?? {}).reduce((sum, r) => sum + r, 0);
