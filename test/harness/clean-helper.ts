/**
 * The set-up most provider tests share: the jest run's user project (the packed package installed
 * the way a user installs it), the `__provider` text serialized there, and the SDK's helper started
 * in that folder with a clean OTC environment.
 */
import { CLEAN_ENV } from "./clean-env";
import { startProviderHelper } from "./provider-helper";
import type { ProviderHelper } from "./provider-helper";
import { serializeResourceProvider } from "./serialize-provider";
import { sharedUserProject } from "./shared-user-project";

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
