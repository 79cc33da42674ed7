/**
 * Outputs as the helper needs them: plain JSON, `__provider` carried along for init failures.
 */
import type { Ipv6EipState } from "../core/state-schema";

/**
 * The state as a plain record; adds the serialized provider when known, because the helper adds
 * `__provider` only to normal results and a later `delete`/`refresh` reads it from the outputs.
 */
export function toOutputs(state: Ipv6EipState, provider?: unknown): Record<string, unknown> {
  const outputs: Record<string, unknown> = JSON.parse(JSON.stringify(state)) as Record<
    string,
    unknown
  >;
  if (typeof provider === "string") outputs["__provider"] = provider;
  return outputs;
}
