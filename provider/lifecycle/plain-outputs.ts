/**
 * Outputs as the helper needs them: plain JSON, secret inputs marked secret, `__provider` carried
 * along for init failures.
 */
import type { InputKey } from "../core/input-keys";
import { markSecret } from "../core/secret-inputs";
import type { Ipv6EipState } from "../core/state-schema";

/** The outputs that have the name of an input (the engine re-marks these itself; so do we, always). */
const OUTPUTS_NAMED_LIKE_INPUTS: ReadonlySet<string> = new Set([
  "portId",
  "floatingNetworkId",
  "region",
]);

/** Marks `record[key]` secret when it holds a value. */
function markKey(record: Record<string, unknown>, key: InputKey): void {
  const value = record[key];
  if (value !== null && value !== undefined) record[key] = markSecret(value);
}

/**
 * The state as a plain record; the recorded value of every input that was a secret, and the output
 * of the same name, wrapped so the engine stores them as secrets; adds the serialized provider
 * when known, because the helper adds `__provider` only to normal results and a later
 * `delete`/`refresh` reads it from the outputs.
 */
export function toOutputs(state: Ipv6EipState, provider?: unknown): Record<string, unknown> {
  const outputs: Record<string, unknown> = JSON.parse(JSON.stringify(state)) as Record<
    string,
    unknown
  >;
  const recorded = outputs["recordedInputs"] as Record<string, unknown>;
  for (const key of state.recordedInputs.secretInputs) {
    markKey(recorded, key);
    if (OUTPUTS_NAMED_LIKE_INPUTS.has(key)) markKey(outputs, key);
  }
  if (typeof provider === "string") outputs["__provider"] = provider;
  return outputs;
}
