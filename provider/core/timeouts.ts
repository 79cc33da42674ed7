/** How long each operation may take, in seconds; the engine's `customTimeouts` never reach a dynamic provider. */
export interface Ipv6EipTimeouts {
  /** Seconds for `create`: the POST (or the adoption) plus waiting for `ACTIVE`/`DOWN`. */
  create: number;
  /** Seconds for `update`: unbind, wait `DOWN`, bind, wait `ACTIVE`. */
  update: number;
  /** Seconds for `delete`: unbind if bound, wait `DOWN`, delete. */
  delete: number;
}

/** The defaults: five minutes each, far above OTC's usual few seconds for a bind. */
export const DEFAULT_TIMEOUTS: Readonly<Ipv6EipTimeouts> = Object.freeze({
  create: 300,
  update: 300,
  delete: 300,
});

/** The smallest and largest accepted timeout, in seconds. */
export const TIMEOUT_BOUNDS = Object.freeze({ min: 1, max: 3600 });

/** The keys of {@link Ipv6EipTimeouts}. */
export const TIMEOUT_KEYS = ["create", "update", "delete"] as const;

/**
 * Fills the timeouts the user left out with the defaults. Expects values already validated by
 * `checkInputs`; anything that is not a number falls back to the default.
 */
export function resolveTimeouts(given: unknown): Ipv6EipTimeouts {
  const out: Ipv6EipTimeouts = { ...DEFAULT_TIMEOUTS };
  if (typeof given !== "object" || given === null) return out;
  const record = given as Record<string, unknown>;
  for (const key of TIMEOUT_KEYS) {
    const value = record[key];
    if (typeof value === "number" && Number.isFinite(value)) out[key] = value;
  }
  return out;
}
