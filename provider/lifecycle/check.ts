/**
 * `check`: validation (pure, no API call for invalid input), the plans refused outright (a region
 * change that keeps the NIC), and the live checks (port, one EIP per NIC, external network).
 */
import { isMissingCredentialsOnly } from "../client/settings/settings";
import type { OtcClient } from "../client/types";
import { describeRegionOnExplicitEndpoints } from "../core/endpoint-placement";
import { ConfigurationError } from "../core/errors";
import type { InputFailure } from "../core/errors";
import { checkInputs } from "../core/check-inputs";
import { planLiveCheck } from "../core/check-plan";
import type { LiveCheckPlan } from "../core/check-plan";
import { containsUnknown, isUnknown } from "../core/unknown-value";
import { runLivePlanCheck } from "./live-plan-check";
import type { LifecycleSettings } from "./deps";
import { readSpecLoosely } from "../core/input-spec";
import { projectChangeOnSameNic } from "../core/plan-checks";
import { connectionChangeRefusal } from "./connection-change";
import { newPlacement } from "./placement";
import { projectMoveOnSameNic } from "./project-change";
import type { Placement, ProviderContext } from "./provider-context";

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
 * A `region` given new (a new resource, or another value than before) that explicitly configured
 * endpoints cannot serve; decided from the settings alone, before any call.
 */
function regionRefusal(
  settings: LifecycleSettings | undefined,
  olds: Record<string, unknown> | undefined,
  news: Record<string, unknown>,
): InputFailure | undefined {
  const region = news["region"];
  if (!settings || typeof region !== "string" || isUnknown(region)) return undefined;
  if (olds && Object.keys(olds).length > 0 && olds["region"] === region) return undefined;
  return describeRegionOnExplicitEndpoints(region, settings);
}

/** What the skipped live checks were about, for the line that says so. */
function describeSkipped(plan: LiveCheckPlan): string {
  const parts: string[] = [];
  if (plan.portId) {
    parts.push(`that port ${plan.portId} exists, can hold an EIP and holds none yet`);
  }
  if (plan.networkId) parts.push(`that network ${plan.networkId} is the external network`);
  return parts.join(", and ");
}

/**
 * A client for the check, or `undefined` when no credentials are configured at all (a preview of
 * a pull request from a fork), after saying so. Settings that are given but invalid throw the
 * `ConfigurationError` listing them.
 */
async function clientOrSkip(
  ctx: ProviderContext,
  placement: Placement,
  plan: LiveCheckPlan,
  existing: boolean,
): Promise<OtcClient | undefined> {
  try {
    // An existing resource's region was judged above when it changed; unchanged, it stays served
    // where it has been.
    return await ctx.client({
      ...placement,
      ...(existing ? { existing: { vpcEndpoint: null } } : {}),
    });
  } catch (error) {
    if (!(error instanceof ConfigurationError) || !isMissingCredentialsOnly(error)) throw error;
    const missing = error.problems.map((p) => p.key).join(", ");
    ctx.deps.log(
      `Ipv6Eip: no OTC credentials here (${missing}), so the live check ${describeSkipped(plan)} ` +
        "was skipped; `pulumi up` runs it with credentials.",
    );
    return undefined;
  }
}

/**
 * Checks the new inputs. When they are valid: refuses a region change that keeps the NIC and a
 * new region that explicitly configured endpoints cannot serve (no API call for either), then — when the port is new, changed, or needed by a replacement, or the network is given
 * new or changed — asks OTC in one round trip whether the port exists here and can hold an EIP,
 * whether another EIP is on it, and whether the network is the external one.
 *
 * Skips the live checks when a value they need is unknown (`up` checks again with real values) and
 * when no credentials are configured at all, saying so. An unchanged resource costs no call.
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
  if (["adoptId", "region", "project", "connection"].some((key) => containsUnknown(news[key]))) {
    return { inputs: news, failures };
  }
  const spec = readSpecLoosely(news);
  // The provider's settings matter only when a region is given.
  const settings =
    typeof news["region"] === "string" ? await ctx.settingsIfResolved(spec.connection) : undefined;
  const existing = Object.keys(olds ?? {}).length > 0;
  const plan = planLiveCheck(olds, news, existing ? settings?.region : undefined);
  if ("property" in plan) return { inputs: news, failures: [plan] };
  const projectMove =
    projectChangeOnSameNic(olds, news) ?? (await projectMoveOnSameNic(ctx, olds, news));
  if (projectMove) return { inputs: news, failures: [projectMove] };
  const misplaced = regionRefusal(settings, olds, news);
  if (misplaced) return { inputs: news, failures: [misplaced] };
  const elsewhere = await connectionChangeRefusal(ctx, olds, news);
  if (elsewhere) return { inputs: news, failures: [elsewhere] };
  if (plan.portId === null && plan.networkId === null) return { inputs: news, failures };

  const client = await clientOrSkip(ctx, newPlacement(spec), plan, existing);
  if (!client) return { inputs: news, failures };
  failures.push(...(await runLivePlanCheck(ctx, client, plan, [lowerId(news["adoptId"])])));
  return { inputs: news, failures };
}
