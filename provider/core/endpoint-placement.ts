/**
 * Where a resource's calls go, judged before any call (pure): a region other than the configured
 * one cannot be served through explicitly configured endpoints, and an existing EIP is only ever
 * reached through the VPC endpoint its state recorded.
 */
import type { ConfigurationProblem, InputFailure } from "./errors";

/** The endpoint part of the settings (the client's `ResolvedSettings` has these). */
export interface ConfiguredEndpoints {
  /** The configured region. */
  readonly region: string;
  /** The configured VPC endpoint. */
  readonly vpcEndpoint?: string;
  /** Whether the VPC endpoint was set explicitly (`otc:vpcEndpoint`, `OTC_VPC_ENDPOINT`). */
  readonly vpcEndpointExplicit?: boolean;
  /** Whether the IAM endpoint was set explicitly (`otc:authUrl`, `OS_AUTH_URL`, clouds.yaml). */
  readonly authUrlExplicit?: boolean;
}

/**
 * The refusal of a `region` input other than the configured region while an endpoint is set
 * explicitly: that endpoint (and the configured project) serve the configured region only, so the
 * EIP would be made there while its state said `region`. `undefined` when the combination is fine.
 */
export function describeRegionOnExplicitEndpoints(
  region: string,
  configured: ConfiguredEndpoints,
): InputFailure | undefined {
  if (region === configured.region) return undefined;
  const explicit = [
    ...(configured.vpcEndpointExplicit ? ["otc:vpcEndpoint (or OTC_VPC_ENDPOINT)"] : []),
    ...(configured.authUrlExplicit ? ["otc:authUrl (or OS_AUTH_URL)"] : []),
  ];
  if (explicit.length === 0) return undefined;
  return {
    property: "region",
    reason:
      `region "${region}" differs from the configured region "${configured.region}" (otc:region), ` +
      `but ${explicit.join(" and ")} ${explicit.length === 1 ? "is" : "are"} set explicitly, and ` +
      `an explicit endpoint serves the configured region and project only: the EIP would be made ` +
      `in "${configured.region}" while its state said "${region}". Leave region out (or set it to ` +
      `"${configured.region}"), or run this resource from a stack whose otc:region is "${region}" ` +
      "with that region's endpoints.",
  };
}

/** Two endpoint URLs that name the same place (case of the host, a trailing slash). */
export function sameEndpoint(a: string, b: string): boolean {
  const norm = (url: string) => url.trim().replace(/\/+$/, "").toLowerCase();
  return norm(a) === norm(b);
}

/**
 * The refusal of a call for an existing EIP whose recorded VPC endpoint is not the one the
 * configuration reaches now: OTC there would not know the EIP (refresh would drop it, destroy
 * would leak it), or worse, another EIP of the same id elsewhere.
 *
 * @param id the EIP's id
 * @param recorded the VPC endpoint its state recorded
 * @param now the VPC endpoint the configuration reaches for its region
 */
export function describeEndpointMoved(
  id: string,
  recorded: string,
  now: string,
): ConfigurationProblem {
  return {
    key: "otc:vpcEndpoint",
    env: ["OTC_VPC_ENDPOINT"],
    reason:
      `IPv6 EIP ${id} was created through the VPC endpoint ${recorded} (recorded in its state), ` +
      `but the configuration now reaches ${now}; nothing is called there, and the EIP stays in the ` +
      `stack. Set otc:vpcEndpoint back to ${recorded} (and otc:authUrl to that cloud's IAM ` +
      "endpoint) to refresh, update or destroy it.",
  };
}
