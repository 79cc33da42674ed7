/**
 * A configuration error as the tool tells it: each problem under the flag or environment variable
 * the user gave (or can give), with this tool's fix. The resolver's own message speaks of stack
 * config and `pulumi config set`, which this tool never reads.
 */
import type { ConfigurationError } from "../core/errors";
import { NO_CREDENTIALS_KEY } from "../client/settings/settings";
import type { StackConfig } from "./cli-context";
import { inToolTerms, placeOf } from "./setting-places";

const NO_CREDENTIALS =
  "credentials: none found. Export OS_ACCESS_KEY and OS_SECRET_KEY (AK/SK), or OS_USERNAME, " +
  "OS_PASSWORD and OS_USER_DOMAIN_NAME (password), or OS_TOKEN (a token issued already); or name " +
  "a clouds.yaml entry with --cloud or OS_CLOUD.";

const FOOTER =
  "otc-ipv6-eip reads no Pulumi stack config: it takes --region, --auth-url, --vpc-endpoint and " +
  "--cloud as flags and everything else (credentials, project) from OS_* variables or a " +
  "clouds.yaml entry; there is no flag for a secret. `otc-ipv6-eip doctor` shows which setting " +
  "came from where.";

/** Where one problem's setting lives, e.g. `--region`, `OS_REGION_NAME`, or all the choices. */
function heading(
  key: string,
  flags: StackConfig,
  env: Readonly<Record<string, string | undefined>>,
): string {
  return key
    .split(" / ")
    .map((k) => {
      const place = placeOf(k.trim(), flags, env);
      return place.given === "unset" ? place.place : `${place.place} (as given)`;
    })
    .join(" / ");
}

/**
 * The error's text for stderr.
 *
 * @param flags the stack config built from the flags alone (no environment)
 * @param env the environment the tool ran with
 */
export function configErrorText(
  error: ConfigurationError,
  flags: StackConfig,
  env: Readonly<Record<string, string | undefined>>,
): string {
  const lines = error.problems.map((p) =>
    p.key === NO_CREDENTIALS_KEY
      ? `  - ${NO_CREDENTIALS}`
      : `  - ${heading(p.key, flags, env)}: ${inToolTerms(p.reason, flags, env)}`,
  );
  return `otc-ipv6-eip: the connection settings are incomplete or invalid:\n${lines.join("\n")}\n${FOOTER}\n`;
}
