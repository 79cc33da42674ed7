/**
 * The public endpoints of the OTC regions this package knows (from OTC's "Regions and Endpoints"
 * documentation). Any other region, or a private cloud, works with explicit endpoints.
 */

/** The VPC and IAM endpoints of one region. */
export interface RegionEndpoints {
  /** VPC API base URL (floating IPs, networks). */
  vpc: string;
  /** IAM v3 base URL (the auth URL). */
  iam: string;
  /** Why this region needs a caveat, if it does. */
  warning?: string;
}

/** Known regions → endpoints. */
export const REGION_ENDPOINTS: Readonly<Record<string, RegionEndpoints>> = Object.freeze({
  "eu-de": {
    vpc: "https://vpc.eu-de.otc.t-systems.com",
    iam: "https://iam.eu-de.otc.t-systems.com/v3",
  },
  "eu-nl": {
    vpc: "https://vpc.eu-nl.otc.t-systems.com",
    iam: "https://iam.eu-nl.otc.t-systems.com/v3",
  },
  "eu-ch2": {
    vpc: "https://vpc.eu-ch2.sc.otc.t-systems.com",
    iam: "https://iam-pub.eu-ch2.sc.otc.t-systems.com/v3",
    warning:
      "Region eu-ch2 (Swiss cloud): its VPC API reference does not document IPv6 EIPs " +
      "(/v2.0/eip/floatingips_v6); calls may fail there. Check with OTC support before relying on them.",
  },
});

/** The endpoints of `region`, or `undefined` when this package does not know it. */
export function endpointsForRegion(region: string): RegionEndpoints | undefined {
  return Object.prototype.hasOwnProperty.call(REGION_ENDPOINTS, region)
    ? REGION_ENDPOINTS[region]
    : undefined;
}

/**
 * The region encoded in an OTC project name (`eu-de_myproject` → `eu-de`; a project named after
 * its region, `eu-de`, → `eu-de`), as OTC's tools derive it. `undefined` when there is none.
 */
export function regionFromProjectName(projectName: string): string | undefined {
  const prefix = projectName.split("_")[0] ?? "";
  return /^[a-z]{2}-[a-z]{2,}[0-9]*$/.test(prefix) ? prefix : undefined;
}
