/**
 * A credential wrapper that cannot leak by accident: `JSON.stringify`, `util.inspect`, string
 * conversion and template literals all show `[redacted]`; only {@link Secret.reveal} returns the
 * value, which lives in a closure that no reflection reaches.
 */
import { inspect } from "node:util";

/** A credential (password, secret key, token) that only `reveal()` shows. */
export interface Secret {
  /** The credential itself; call only where it goes onto the wire. */
  reveal(): string;
  /** Always `[redacted]`. */
  toJSON(): string;
  /** Always `[redacted]`. */
  toString(): string;
}

const REDACTED = "[redacted]";

/** Wraps a credential so that it never shows up in logs, errors or serialised objects. */
export function secret(value: string): Secret {
  const holder: Secret = {
    reveal: () => value,
    toJSON: () => REDACTED,
    toString: () => REDACTED,
  };
  Object.defineProperty(holder, inspect.custom, { value: () => REDACTED, enumerable: false });
  return Object.freeze(holder);
}
