/**
 * `getIpv6Eip` as it runs in a Pulumi program: the look-up with the real settings resolver and
 * the process-wide shared client (one token per identity and project, as in the provider).
 */
import { getSharedClient } from "../client/otc-client";
import { isMissingCredentialsOnly } from "../client/settings/settings";
import { ConfigurationError } from "../core/errors";
import type { Ipv6EipLookupResult } from "../core/lookup-result";
import type { ConfigReader } from "./load-connection-settings";
import { loadConnectionSettings } from "./load-connection-settings";
import { lookUpIpv6Eip } from "./look-up-ipv6-eip";

/**
 * Looks up one IPv6 EIP with the stack config `read` gives.
 *
 * @param args the arguments of `getIpv6Eip`, unchecked
 * @param read reads the program's stack config
 */
export function lookUpInProgram(args: unknown, read: ConfigReader): Promise<Ipv6EipLookupResult> {
  return lookUpIpv6Eip(args, {
    loadSettings: (connection) => loadConnectionSettings(connection, read),
    getClient: (settings, overrides) => getSharedClient(settings, overrides),
    now: () => Date.now(),
  });
}

/**
 * True when `error` says only that no credentials (and perhaps no region) were configured at all,
 * as in a preview of a pull request from a fork; false for any value given wrong.
 */
export function isNoCredentialsAtAll(error: unknown): boolean {
  return error instanceof ConfigurationError && isMissingCredentialsOnly(error);
}
