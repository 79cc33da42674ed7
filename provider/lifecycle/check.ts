/**
 * `check`: validation (pure, no API call for invalid input) and the live one-EIP-per-NIC guard.
 */
import { isMissingCredentialsOnly } from "../client/settings/settings";
import type { OtcClient } from "../client/types";
import { ConfigurationError } from "../core/errors";
import type { InputFailure } from "../core/errors";
import { checkInputs } from "../core/check-inputs";
import { describeNicConflict } from "../core/nic-guard";
import { containsUnknown, isUnknown } from "../core/unknown-value";
import { inspectNicLive } from "./live-guard";
import type { ProviderContext } from "./provider-context";

/** What `check` answers: the inputs to use and every failure. */
export interface CheckAnswer {
  /** The inputs, as given. */
  inputs: Record<string, unknown>;
  /** Every problem; empty when the plan may go ahead. */
  failures: InputFailure[];
}

function lowerId(value: unknown): string | null {
  return typeof value === "string" && !isUnknown(value) ? value.toLowerCase() : null;
}

/**
 * Checks the new inputs. When they are valid, `portId` is known and it is not the port the
 * resource already holds, lists the EIPs on that NIC and refuses it when another EIP is there.
 *
 * Skips the live guard when a value it needs is unknown (`up` checks again with real values) and
 * when no credentials are configured at all (a preview of a pull request from a fork), saying so.
 * Settings that are given but invalid fail the check with the `ConfigurationError` listing them.
 * A NIC found empty is remembered briefly so the `update` that follows need not list it again.
 *
 * @param ctx the configured provider
 * @param olds the old inputs (empty for a new resource)
 * @param news the new inputs
 */
export async function checkIpv6Eip(
  ctx: ProviderContext,
  olds: Record<string, unknown> | undefined,
  news: Record<string, unknown>,
): Promise<CheckAnswer> {
  const failures = checkInputs(news, { allowUnknown: true });
  if (failures.length > 0) return { inputs: news, failures };
  const portId = lowerId(news["portId"]);
  if (portId === null) return { inputs: news, failures };
  if (containsUnknown(news["adoptId"]) || containsUnknown(news["region"])) {
    return { inputs: news, failures };
  }
  if (portId === lowerId(olds?.["portId"])) return { inputs: news, failures };

  const region = typeof news["region"] === "string" ? news["region"] : undefined;
  let client;
  try {
    client = await ctx.client({ region });
  } catch (error) {
    // Only the absence of any credentials is a preview to let through (a fork has no secrets);
    // a value given but wrong fails the preview, naming every problem.
    if (!(error instanceof ConfigurationError) || !isMissingCredentialsOnly(error)) throw error;
    const missing = error.problems.map((p) => p.key).join(", ");
    ctx.deps.log(
      `Ipv6Eip: no OTC credentials here (${missing}), so the live check that NIC ${portId} ` +
        "holds no EIP yet was skipped; `pulumi up` runs it with credentials.",
    );
    return { inputs: news, failures };
  }
  const verdict = await inspectNicLive(client, portId, [lowerId(news["adoptId"])]);
  if (verdict.conflict) failures.push(describeNicConflict(verdict.conflict));
  else if (verdict.empty) await rememberFreeNic(ctx, client, portId);
  return { inputs: news, failures };
}

/** Lets the `update` that follows reuse this verdict (see `update`); best effort. */
async function rememberFreeNic(ctx: ProviderContext, client: OtcClient, portId: string) {
  try {
    ctx.rememberFreeNic({ region: client.region, projectId: await client.projectId() }, portId);
  } catch {
    // Without the project id the verdict cannot be placed; `update` then runs the guard itself.
  }
}
