/**
 * The engine's placeholder for a value not known yet (during `preview`, an output of a resource
 * that does not exist yet). It reaches a dynamic provider as this exact string, possibly nested
 * inside objects and arrays.
 */
export const UNKNOWN_VALUE = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** True when `value` is the placeholder itself. */
export function isUnknown(value: unknown): boolean {
  return value === UNKNOWN_VALUE;
}

/** True when `value` is the placeholder or holds it anywhere inside (objects and arrays, any depth). */
export function containsUnknown(value: unknown, depth = 0): boolean {
  if (value === UNKNOWN_VALUE) return true;
  // Inputs are small plain JSON; the bound only protects against a pathological structure.
  if (depth > 32 || typeof value !== "object" || value === null) return false;
  const items = Array.isArray(value) ? (value as unknown[]) : Object.values(value);
  return items.some((item) => containsUnknown(item, depth + 1));
}
