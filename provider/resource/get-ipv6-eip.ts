/**
 * `getIpv6Eip` and `getIpv6EipOutput`: read an existing IPv6 EIP into a program without managing
 * it (what Terraform calls a data source). They run in the program process, so they read the
 * stack config there, with the same settings resolver as the provider.
 */
import * as pulumi from "@pulumi/pulumi";
import type { Ipv6EipLookupResult } from "../core/lookup-result";

/**
 * Which IPv6 EIP to look up: exactly one of `id`, `address`, `ipv4Address` and `portId`, and
 * optionally where.
 */
export interface GetIpv6EipArgs {
  /** The EIP's id (a UUID). */
  id?: string;
  /** The IPv6 EIP itself, in any valid IPv6 spelling. */
  address?: string;
  /** The EIP's NAT64 IPv4 twin (the last 32 bits of the IPv6 address), e.g. `192.19.128.150`. */
  ipv4Address?: string;
  /** The NIC port the EIP is bound to. */
  portId?: string;
  /**
   * The project to look in: a name like `eu-de_team-a` or a 32-hex id. Default: the connection's
   * project.
   */
  project?: string;
  /**
   * The stack-config namespace that holds the connection (`otc-prod` for `otc-prod:region`,
   * `otc-prod:accessKey`, …). Default: `otc`.
   */
  connection?: string;
  /** The region to look in. Default: the connection's region. */
  region?: string;
}

/** {@link GetIpv6EipArgs} whose values may be Pulumi inputs (outputs of other resources). */
export type GetIpv6EipOutputArgs = { [K in keyof GetIpv6EipArgs]?: pulumi.Input<string> };

/** The EIP found: its id and the same fields as an `Ipv6Eip` resource's outputs. */
export type GetIpv6EipResult = Ipv6EipLookupResult;

/**
 * Looks up one existing IPv6 EIP by id, address, NAT64 IPv4 or port.
 *
 * @throws InvalidInputError when not exactly one selector is given or a value has the wrong form
 *   (before any API call)
 * @throws ConfigurationError when the connection's settings are incomplete
 * @throws EipLookupError when no EIP or several match
 */
export async function getIpv6Eip(args: GetIpv6EipArgs): Promise<GetIpv6EipResult> {
  // Like an invoke, the look-up holds the program open until it is done (or failed).
  const done = pulumi.runtime.rpcKeepAlive();
  try {
    // Loaded on first use: a program that never looks anything up does not load the client.
    const { lookUpInProgram } = await import("../lookup/program-lookup");
    return await lookUpInProgram(args, (namespace, key) => new pulumi.Config(namespace).get(key));
  } finally {
    done();
  }
}

/**
 * {@link getIpv6Eip} for inputs that may be outputs of other resources: the look-up runs once they
 * are known, and its result is an output. In a preview without any OTC credentials (a pull request
 * from a fork) the result is unknown, with a warning, as the resource's live checks are skipped
 * there; any other failure fails the program.
 */
export function getIpv6EipOutput(args: GetIpv6EipOutputArgs): pulumi.Output<GetIpv6EipResult> {
  return pulumi.output(args).apply(async (plain) => {
    try {
      return await getIpv6Eip(plain);
    } catch (error) {
      const { isNoCredentialsAtAll } = await import("../lookup/program-lookup");
      if (!pulumi.runtime.isDryRun() || !isNoCredentialsAtAll(error)) throw error;
      void pulumi.log.warn(
        "getIpv6EipOutput: no OTC credentials in this preview, so the looked-up IPv6 EIP is " +
          "unknown until pulumi up runs with credentials.",
      );
      return pulumi.unknown as unknown as GetIpv6EipResult;
    }
  });
}
