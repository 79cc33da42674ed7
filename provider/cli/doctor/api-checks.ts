/**
 * The checks that call OTC with the credentials: they are accepted, the IPv6 floating IP API is
 * published in the region, the external network is found, and the EIP quota has room.
 */
import type { ResolvedSettings } from "../../client/settings/settings";
import type { OtcClient } from "../../client/types";
import { AuthError, OtcApiError } from "../../core/errors";
import type { CheckResult } from "./check-result";
import { fail, pass, skip } from "./check-result";

const HOW = {
  aksk: "AK/SK signature",
  password: "IAM password token",
  token: "token",
} as const;

/** An id no EIP has: the IPv6 list filtered by it answers `[]` when the API exists. */
const NO_SUCH_ID = "00000000-0000-4000-8000-000000000000";

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function credentialsFix(settings: ResolvedSettings): string {
  return settings.authKind === "aksk"
    ? "Check OS_ACCESS_KEY/OS_SECRET_KEY (IAM console → My Credentials → Access Keys) and the " +
        "project; a clock more than 15 minutes off is refused too. Do not retry in a loop: five " +
        "refusals in a row lock the key for 5 minutes."
    : `Check ${identityPlaces(settings)}, e.g. by logging in to the OTC console with them.`;
}

/** Where the password or token identity was given, in the tool's terms. */
function identityPlaces(settings: ResolvedSettings): string {
  if (settings.identitySource.startsWith("clouds.yaml")) {
    return `the user name, password, domain and project of ${settings.identitySource}`;
  }
  return settings.authKind === "token"
    ? "OS_TOKEN (it may have expired) and the project"
    : "OS_USERNAME, OS_PASSWORD, OS_USER_DOMAIN_NAME and the project (OS_PROJECT_ID or " +
        "OS_PROJECT_NAME)";
}

/** Credentials and the external network (one authenticated call proves both). */
export async function checkCredentials(
  client: OtcClient,
  settings: ResolvedSettings,
): Promise<{ credentials: CheckResult; network: CheckResult }> {
  try {
    const id = await client.findExternalNetworkId();
    return {
      credentials: pass("credentials", `accepted (${HOW[settings.authKind]})`),
      network: pass("external network", `found: ${id}`),
    };
  } catch (error) {
    if (error instanceof AuthError) {
      return {
        credentials: fail("credentials", `refused: ${messageOf(error)}`, credentialsFix(settings)),
        network: skip("external network", "needs accepted credentials"),
      };
    }
    return {
      credentials: fail(
        "credentials",
        `could not be checked: ${messageOf(error)}`,
        "Fix the endpoint or network problem first, then run doctor again.",
      ),
      network: skip("external network", "the call that finds it failed"),
    };
  }
}

/** The IPv6 floating IP API is published: a filtered list answers (an empty list counts). */
export async function checkIpv6Api(client: OtcClient, region: string): Promise<CheckResult> {
  const name = "IPv6 EIP API";
  try {
    await client.listIpv6FloatingIps({ id: NO_SUCH_ID });
    return pass(name, `present in ${region} (GET /v2.0/eip/floatingips_v6 answered)`);
  } catch (error) {
    if (error instanceof OtcApiError && error.status === 404 && error.otcCode === "APIG.0101") {
      return fail(
        name,
        `not published in ${region}: the API gateway answered 404 APIG.0101 ("the API does not ` +
          'exist or has not been published"), which is not an empty list of EIPs',
        "Use a region that offers IPv6 EIPs (eu-de, eu-nl) or check --vpc-endpoint / " +
          "OTC_VPC_ENDPOINT; OTC has withdrawn and restored this API before.",
      );
    }
    if (error instanceof OtcApiError && error.status === 404) {
      return fail(
        name,
        `answered 404 without OTC's API code (${messageOf(error)})`,
        "The VPC endpoint is probably not OTC's (a proxy page or a wrong URL): check " +
          "--vpc-endpoint / OTC_VPC_ENDPOINT and HTTPS_PROXY/NO_PROXY.",
      );
    }
    return fail(name, `could not be checked: ${messageOf(error)}`, "See the message, then rerun.");
  }
}

/** The EIP quota (IPv4 and IPv6 together) has room for at least one more EIP. */
export async function checkQuota(client: OtcClient): Promise<CheckResult> {
  const name = "EIP quota";
  try {
    const quota = await client.getEipQuota();
    if (quota === null) {
      return fail(
        name,
        "the quota answer lists no floatingIp resource",
        "Check the VPC endpoint; OTC's quota API should list floatingIp.",
      );
    }
    const left = quota.quota - quota.used;
    const detail = `${quota.used} of ${quota.quota} used (IPv4 and IPv6 together)`;
    if (left <= 0) {
      return fail(
        name,
        `${detail}: the next create fails with VPC.0521`,
        "Release unused EIPs (`otc-ipv6-eip orphans`, then `--delete`) or ask OTC for a higher quota.",
      );
    }
    return pass(name, `${detail}, ${left} left`);
  } catch (error) {
    return fail(name, `could not be read: ${messageOf(error)}`, "See the message, then rerun.");
  }
}
