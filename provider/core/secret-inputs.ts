/**
 * Which inputs were Pulumi secrets, and how a value is marked secret in the outputs.
 *
 * Why this exists: the dynamic-provider helper tells the engine it does not accept secrets, so the
 * engine strips the secret mark from every input it sends, and afterwards re-marks only outputs
 * whose top-level key equals a secret input's. The inputs recorded under `recordedInputs` would
 * be stored in plain text. The `Ipv6Eip` class therefore sends the names of its secret inputs
 * (plain, under {@link SECRET_INPUTS_KEY}), and the outputs carry those values in the form the
 * engine reads as a secret (it unmarshals a provider's outputs keeping secrets).
 */
import { INPUT_KEYS } from "./input-keys";
import type { InputKey } from "./input-keys";
import { isUnknown } from "./unknown-value";

/** The input (set by the `Ipv6Eip` class, not by users) that lists the secret inputs. */
export const SECRET_INPUTS_KEY = "__secretInputs";

/** The key that marks a Pulumi special value on the wire. */
const SPECIAL_SIG_KEY = "4dabf18193072939515e22adb298388d";

/** The signature value of a secret. */
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

/** A value as the engine reads a secret from a provider's outputs. */
export interface SecretValue {
  [SPECIAL_SIG_KEY]: typeof SECRET_SIG;
  value: unknown;
}

/** Wraps a value so that the engine stores it as a secret. */
export function markSecret(value: unknown): SecretValue {
  return { [SPECIAL_SIG_KEY]: SECRET_SIG, value };
}

/** Whether a value is a wrapped secret. */
export function isSecretValue(value: unknown): value is SecretValue {
  return (
    typeof value === "object" &&
    value !== null &&
    (value as Record<string, unknown>)[SPECIAL_SIG_KEY] === SECRET_SIG
  );
}

/** The value inside a wrapped secret, or the value itself (an engine that sends secrets wrapped). */
export function unwrapSecret(value: unknown): unknown {
  return isSecretValue(value) ? value.value : value;
}

/**
 * Reads a list of secret input names: the known input keys it names, in documented order. Anything
 * else (absent, unknown, not a list) is `null`: the list was not given.
 */
export function readSecretInputs(value: unknown): InputKey[] | null {
  const list = unwrapSecret(value);
  if (isUnknown(list) || !Array.isArray(list)) return null;
  const named = new Set<unknown>(list);
  return INPUT_KEYS.filter((key) => named.has(key));
}
