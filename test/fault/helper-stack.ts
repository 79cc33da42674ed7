/**
 * Set-up shared by the fault, bad-input and security tests: the packed package installed in a user
 * project (the path a user takes), the `__provider` text serialized there, the SDK's provider
 * helper started in that folder, and the stack config that points it at an emulator.
 */
import {
  CLEAN_ENV,
  IPV6_EIP_TYPE,
  serializeResourceProvider,
  sharedUserProject,
  startProviderHelper,
  urnFor,
} from "../harness";
import type { ProviderHelper } from "../harness";

/** A URN of an `Ipv6Eip` named `name`. */
export const eipUrn = (name: string): string => urnFor(IPV6_EIP_TYPE, name);

export { CLEAN_ENV };
export { passwordStackConfig } from "../emulator";

/** The user project and the provider text serialized in it. */
export interface UserProvider {
  /** The user project's folder (the helper's working directory). */
  dir: string;
  /** The `__provider` text of an `Ipv6Eip`. */
  provider: string;
}

/** The jest run's shared user project and the provider text (serialized once per call). */
export async function userProvider(): Promise<UserProvider> {
  const dir = await sharedUserProject();
  return { dir, provider: await serializeResourceProvider({ projectDir: dir, args: {} }) };
}

/** Starts a helper in `dir` with a clean OTC environment plus `env`, configured when `config` is given. */
export function startCleanHelper(
  dir: string,
  config: Record<string, string> | undefined,
  env: NodeJS.ProcessEnv = {},
): Promise<ProviderHelper> {
  return startProviderHelper({
    cwd: dir,
    env: { ...CLEAN_ENV, ...env },
    ...(config ? { config } : {}),
  });
}
