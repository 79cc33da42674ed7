/**
 * The Pulumi protocol harness: tests "the real path" without the Pulumi CLI — the provider text
 * the SDK serializes, run inside @pulumi/pulumi's own `cmd/dynamic-provider` helper and driven over
 * gRPC, from projects laid out the way a user's are.
 */
export { repoRoot } from "./repo-root";
export { startCleanHelper, userProvider } from "./clean-helper";
export type { UserProvider } from "./clean-helper";
export { UNKNOWN, toStruct, fromStruct } from "./struct-codec";
export type { JsonObject, JsonValue } from "./struct-codec";
export { IPV6_EIP_TYPE, urnFor } from "./urn-for";
export { HelperCallError } from "./helper-call-error";
export type { InitFailure } from "./helper-call-error";
export { startProviderHelper, resolveHelperScript } from "./provider-helper";
export type {
  CallOptions,
  CheckFailureResult,
  CheckResult,
  CreateResult,
  DiffResult,
  ProviderHelper,
  ReadResult,
  StartProviderHelperOptions,
  UpdateResult,
} from "./provider-helper";
export { serializeProviderObject, serializeResourceProvider } from "./serialize-provider";
export type {
  SerializeProviderObjectOptions,
  SerializeResourceProviderOptions,
} from "./serialize-provider";
export { runProgram } from "./run-program";
export type { ProgramRun, RegisteredResource, RunProgramOptions } from "./run-program";
export {
  createLinkedProject,
  createUserProject,
  installTarball,
  packRepository,
} from "./user-project";
export type {
  CreateLinkedProjectOptions,
  CreateUserProjectOptions,
  PackRepositoryOptions,
  ScratchProject,
} from "./user-project";
export { HARNESS_RUN_DIR_ENV, sharedPackage, sharedUserProject } from "./shared-user-project";
export type { SharedPackage } from "./shared-user-project";
