/**
 * The look-up behind `getIpv6Eip`: checks the arguments, resolves the connection's settings (the
 * same resolver as the provider), scopes a client to the project and region asked for, and
 * returns the one EIP that matches, or says that none or several did.
 */
import type { ClientOverrides } from "../lifecycle/deps";
import type { ResolvedSettings } from "../client/settings/settings";
import { withProjectName } from "../client/settings/with-project-name";
import type { FloatingIp, OtcClient } from "../client/types";
import { EipLookupError, InvalidInputError } from "../core/errors";
import type { EipSelector, LookupQuery } from "../core/lookup-query";
import { describeSelector, readLookupQuery } from "../core/lookup-query";
import type { Ipv6EipLookupResult } from "../core/lookup-result";
import { toLookupResult } from "../core/lookup-result";
import { portKindOf, type PortKind } from "../core/port-kind";
import { findIpv6Eips } from "./find-ipv6-eips";

/** How long one look-up may take, retries included, in milliseconds. */
export const LOOKUP_BUDGET_MS = 120_000;

/** What a look-up needs from the outside world. */
export interface LookupDeps {
  /**
   * The settings of the connection named `connection` (`otc` for the stack's `otc:*` config).
   * @throws ConfigurationError naming the connection's keys when they are incomplete
   */
  loadSettings(connection: string): Promise<ResolvedSettings>;
  /** A client for the settings (the process-wide shared one in a program). */
  getClient(settings: ResolvedSettings, overrides: ClientOverrides): OtcClient;
  /** The current time, epoch milliseconds. */
  now(): number;
}

/**
 * An explicitly configured endpoint serves the connection's own region only: a look-up in another
 * region through it would search the wrong place and could only say "none". Refused before any call.
 */
function checkRegionReachable(settings: ResolvedSettings, query: LookupQuery): void {
  const region = query.region;
  if (region === undefined || region === settings.region) return;
  const explicit = [
    ...(settings.vpcEndpointExplicit ? [`${query.connection}:vpcEndpoint`] : []),
    ...(settings.authUrlExplicit ? [`${query.connection}:authUrl`] : []),
  ];
  if (explicit.length === 0) return;
  throw new InvalidInputError({
    property: "region",
    reason:
      `"${region}" differs from the connection's region "${settings.region}", but ` +
      `${explicit.join(" and ")} ${explicit.length === 1 ? "is" : "are"} set explicitly and ` +
      `serve "${settings.region}" only, so the look-up would search there. Leave region out, or ` +
      `use a connection whose region is "${region}" with that region's endpoints.`,
  });
}

function clientFor(deps: LookupDeps, settings: ResolvedSettings, query: LookupQuery): OtcClient {
  const overrides: ClientOverrides = {};
  if (query.region !== undefined) overrides.region = query.region;
  const project = query.project;
  if (project?.kind === "id") overrides.projectId = project.id;
  const scoped =
    project?.kind === "name"
      ? withProjectName(settings, project.name, `${query.connection}:token`)
      : settings;
  return deps.getClient(scoped, overrides);
}

/** The project's name when the calls named it (as the resource's `projectName` output). */
function projectNameOf(query: LookupQuery, settings: ResolvedSettings): string | null {
  if (query.project !== undefined) return query.project.kind === "name" ? query.project.name : null;
  return settings.projectId === undefined ? (settings.projectName ?? null) : null;
}

function where(query: LookupQuery, settings: ResolvedSettings, region: string): string {
  const project = query.project
    ? query.project.kind === "id"
      ? query.project.id
      : query.project.name
    : (settings.projectName ?? settings.projectId ?? "the token's project");
  return `project ${project}, region ${region} (connection ${query.connection})`;
}

function noneMessage(selector: EipSelector, place: string): string {
  const base = `getIpv6Eip: OTC shows no IPv6 EIP with ${describeSelector(selector)} in ${place}.`;
  switch (selector.by) {
    case "ipv4Address":
      return `${base} An IPv6 EIP's NAT64 IPv4 is its last 32 bits; ${selector.ipv4} may be an IPv4 EIP, or the EIP lives in another project or region: set project, connection or region.`;
    case "portId":
      return `${base} The NIC holds no IPv6 EIP (it may hold an IPv4 one), or it belongs to another project or region: set project, connection or region.`;
    case "id":
    case "address":
      return `${base} Check the value, or set project, connection or region if the EIP lives elsewhere.`;
  }
}

function severalMessage(selector: EipSelector, place: string, eips: FloatingIp[]): string {
  const listed = eips
    .map((e) => `${e.id} (${e.floatingIpAddress}, ${e.portId ? `port ${e.portId}` : "unbound"})`)
    .join(", ");
  return (
    `getIpv6Eip: ${eips.length} IPv6 EIPs match ${describeSelector(selector)} in ${place}: ` +
    `${listed}. Look the one you mean up by its id.`
  );
}

async function portKindOfEip(
  client: OtcClient,
  eip: FloatingIp,
  deadline: number,
): Promise<PortKind | null> {
  if (eip.portId === null) return null;
  try {
    const port = await client.getPort(eip.portId, { deadline });
    return port === null ? null : portKindOf(port.deviceOwner);
  } catch {
    // Best effort, as for the resource's outputs: the EIP itself was found.
    return null;
  }
}

/**
 * Looks up one existing IPv6 EIP.
 *
 * @param args `id`, `address`, `ipv4Address` or `portId` (exactly one), and optionally
 *   `project`, `connection` and `region`
 * @throws InvalidInputError for bad arguments, or a region the connection's explicit endpoints
 *   cannot serve, before any API call
 * @throws ConfigurationError when the connection's settings are incomplete
 * @throws EipLookupError when none or several EIPs match
 */
export async function lookUpIpv6Eip(args: unknown, deps: LookupDeps): Promise<Ipv6EipLookupResult> {
  const query = readLookupQuery(args);
  const settings = await deps.loadSettings(query.connection);
  checkRegionReachable(settings, query);
  const client = clientFor(deps, settings, query);
  const deadline = deps.now() + LOOKUP_BUDGET_MS;
  const found = await findIpv6Eips(client, query.selector, { deadline });
  const place = where(query, settings, client.region);
  if (found.length === 0) {
    throw new EipLookupError("EIP_LOOKUP_NONE", noneMessage(query.selector, place), []);
  }
  if (found.length > 1) {
    throw new EipLookupError(
      "EIP_LOOKUP_SEVERAL",
      severalMessage(query.selector, place, found),
      found.map((e) => e.id),
    );
  }
  const eip = found[0]!;
  const projectId = eip.projectId ?? eip.tenantId ?? (await client.projectId({ deadline }));
  const kind = await portKindOfEip(client, eip, deadline);
  const location = {
    region: client.region,
    projectId,
    projectName: projectNameOf(query, settings),
    vpcEndpoint: client.vpcEndpoint,
  };
  return toLookupResult(eip, location, kind);
}
