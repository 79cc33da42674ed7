import type { ServiceError } from "@grpc/grpc-js";
import { ErrorResourceInitFailed } from "@pulumi/pulumi/proto/provider_pb";
import { Status } from "@pulumi/pulumi/proto/status_pb";
import { fromStruct } from "./struct-codec";
import type { JsonObject } from "./struct-codec";

/** What the helper packs into an error thrown with an `id`: the resource exists but failed. */
export interface InitFailure {
  /** The id the provider's error carried: the engine keeps the resource in state under it. */
  id: string;
  /** The error's `properties`: they become the resource's outputs in state. */
  properties: JsonObject;
  /** The error's `reasons`. */
  reasons: string[];
}

const INIT_FAILED_TYPE = "pulumirpc.ErrorResourceInitFailed";

/**
 * A provider call that failed: a thrown provider error (gRPC code 2, UNKNOWN, with its message),
 * a missed deadline (code 4) or a dead helper (code 14). When the provider's error carried an
 * `id`, `initFailure` holds the decoded `pulumirpc.ErrorResourceInitFailed` details.
 */
export class HelperCallError extends Error {
  /** Stable name for `instanceof`-free checks across module copies. */
  static readonly kind = "HelperCallError";
  override readonly name = "HelperCallError";

  constructor(
    /** The RPC method that failed, e.g. `Create`. */
    readonly method: string,
    /** The gRPC status code. */
    readonly grpcCode: number,
    message: string,
    /** Present when the provider's error carried an `id` (ErrorResourceInitFailed). */
    readonly initFailure?: InitFailure,
  ) {
    super(message);
  }

  /** Builds the error from what @grpc/grpc-js reports for a failed unary call. */
  static fromServiceError(method: string, error: ServiceError): HelperCallError {
    return new HelperCallError(method, error.code, error.details, decodeInitFailure(error));
  }
}

function decodeInitFailure(error: ServiceError): InitFailure | undefined {
  // The helper sends the details in the `grpc-status-details-bin` trailer, as Go servers do.
  const raw = error.metadata?.get("grpc-status-details-bin")[0];
  if (raw === undefined || typeof raw === "string") return undefined;
  for (const detail of Status.deserializeBinary(raw).getDetailsList()) {
    if (detail.getTypeName() !== INIT_FAILED_TYPE) continue;
    const failed = detail.unpack(
      (bytes) => ErrorResourceInitFailed.deserializeBinary(bytes),
      INIT_FAILED_TYPE,
    );
    if (failed === null) continue;
    return {
      id: failed.getId(),
      properties: fromStruct(failed.getProperties()),
      reasons: failed.getReasonsList(),
    };
  }
  return undefined;
}
