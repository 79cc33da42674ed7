/**
 * `pulumi-otc-ipv6-eip/lifecycle`: the provider lifecycle that the serialized `ipv6EipProvider`
 * shim loads at call time (declared in package.json `exports`, so its files may move between
 * versions while this entry stays).
 *
 * Each operation takes the context that `configure` returned (or an environment-only one).
 *
 * These seven names and their signatures are a contract with every `__provider` shim already stored
 * in users' state: later versions may add operations but must keep these as they are.
 */
import { createLifecycle } from "./create-lifecycle";
import { defaultDeps } from "./default-deps";

export { createLifecycle } from "./create-lifecycle";
export type { ConfigureRequestLike, Ipv6EipLifecycle } from "./create-lifecycle";
export type { ClientOverrides, LifecycleDeps, LifecycleSettings } from "./deps";
export { ProviderContext } from "./provider-context";

const lifecycle = createLifecycle(defaultDeps);

/** Captures the stack config; settings are resolved at the first call that needs them. */
export const configure = lifecycle.configure;
/** Validates the inputs and runs the live one-EIP-per-NIC guard. */
export const check = lifecycle.check;
/** The pure diff. */
export const diff = lifecycle.diff;
/** Creates (or adopts) the EIP and waits until it is settled. */
export const create = lifecycle.create;
/** Reads the EIP (refresh); gone → empty id. */
export const read = lifecycle.read;
/** Rebinds the EIP. */
export const update = lifecycle.update;
/** Unbinds and deletes the EIP; not found = done. */
const deleteEip = lifecycle.delete;
export { deleteEip as delete };
