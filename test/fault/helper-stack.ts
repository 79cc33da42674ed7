/**
 * Set-up shared by the fault, bad-input and security tests: the packed package installed in a user
 * project (the path a user takes), the `__provider` text serialized there, the SDK's provider
 * helper started in that folder, and the stack config that points it at an emulator.
 */
import { IPV6_EIP_TYPE, urnFor } from "../harness";

/** A URN of an `Ipv6Eip` named `name`. */
export const eipUrn = (name: string): string => urnFor(IPV6_EIP_TYPE, name);

export { passwordStackConfig } from "../emulator";
export { startCleanHelper, userProvider } from "../harness";
export type { UserProvider } from "../harness";
