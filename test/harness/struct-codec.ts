import { createRequire } from "node:module";
import type * as structPb from "google-protobuf/google/protobuf/struct_pb";

/**
 * The engine's placeholder for a value not known yet (during preview). It travels as a plain
 * string, possibly nested inside objects and arrays.
 */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** A JSON value as it travels in a `google.protobuf.Struct`. */
export type JsonValue =
  null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** A JSON object: the shape of every property bag in the provider protocol. */
export type JsonObject = { [key: string]: JsonValue };

// The generated stubs in @pulumi/pulumi/proto load their own copy of google-protobuf (3.x, nested
// under @pulumi/pulumi); messages must be built with that copy, not the root's 4.x.
const pulumiProtoRequire = createRequire(require.resolve("@pulumi/pulumi/proto/provider_pb"));
const { Struct } = pulumiProtoRequire(
  "google-protobuf/google/protobuf/struct_pb",
) as typeof structPb;

/**
 * Converts a JS object into a `google.protobuf.Struct`. Object keys whose value is `undefined` are
 * left out, as the SDK leaves them out of a registration; anything else the wire cannot carry
 * faithfully (`undefined` in an array, BigInt, functions, non-finite numbers, class instances such
 * as Date) is refused with its path, instead of protobuf's bare "Unexpected struct type".
 */
export function toStruct(value: Record<string, unknown>): structPb.Struct {
  return Struct.fromJavaScript(checkJson(value, "") as JsonObject);
}

/** Converts a `google.protobuf.Struct` (or its absence) back into a plain JS object. */
export function fromStruct(struct: structPb.Struct | undefined): JsonObject {
  return struct === undefined ? {} : struct.toJavaScript();
}

function checkJson(value: unknown, where: string): JsonValue {
  if (value === null || typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new TypeError(`${where || "<root>"}: ${value} is not JSON`);
    return value;
  }
  if (Array.isArray(value)) return value.map((item, i) => checkJson(item, `${where}[${i}]`));
  if (typeof value === "object") {
    const proto = Object.getPrototypeOf(value) as unknown;
    if (proto !== Object.prototype && proto !== null) {
      throw new TypeError(`${where || "<root>"}: a ${describe(value)} is not a plain JSON object`);
    }
    const out: JsonObject = {};
    for (const [key, item] of Object.entries(value)) {
      if (item === undefined) continue;
      out[key] = checkJson(item, where ? `${where}.${key}` : key);
    }
    return out;
  }
  throw new TypeError(`${where || "<root>"}: ${typeof value} cannot travel in a protobuf Struct`);
}

function describe(value: object): string {
  const ctor = (value as { constructor?: { name?: string } }).constructor;
  return ctor?.name ?? "object";
}
