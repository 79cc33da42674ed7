/**
 * The two floating IP APIs on the VPC endpoint: OTC's IPv6 API `/v2.0/eip/floatingips_v6` (VPC
 * error shape, 200 on create) and Neutron's IPv4 API `/v2.0/floatingips` (NeutronError shape, 201
 * on create). Both share OTC's rules, which live in `CloudState`; the IPv6 API's answers take the
 * shape of the answer style in force (`answer-style.ts`).
 */
import type { AnswerStyle, MutationKind } from "../answer-style";
import { shapeMutationAnswer } from "../answer-style";
import type { CloudState, EipFailure, Family } from "../cloud-state";
import { isUuid } from "../cloud-state";
import { listPage } from "../list-query";
import { eipError, ok } from "../reply";
import type { Reply } from "../reply";
import { isObject, parseJson } from "../route";
import type { Route, RouteContext } from "../route";
import type { FloatingIpWire } from "../types";

const FILTERS = [
  "id",
  "floating_ip_address",
  "floating_network_id",
  "router_id",
  "port_id",
  "fixed_ip_address",
  "tenant_id",
  "project_id",
  "status",
] as const;

/** How one of the two APIs differs from the other. */
interface ApiShape {
  family: Family;
  api: "vpc" | "neutron";
  /** The collection path. */
  path: string;
  /** The path `floatingips_links` point at. The IPv6 example documents it without `/eip`: reproduced. */
  linkPath: string;
  createStatus: number;
  /** The answer style in force (the IPv4 API always answers `classic`). */
  style: () => AnswerStyle;
}

/** The style of Neutron's own IPv4 API, which the documented variety does not concern. */
const NEUTRON_STYLE: AnswerStyle = {
  bindStatus: "previous",
  unbindStatus: "previous",
  mutationTimesAndProject: true,
  mutationFixedIp: true,
  listLinks: "neutron",
  takenPortOnUpdate: "VPC.0511",
};

/** Routes of the IPv6 API, `/v2.0/eip/floatingips_v6`. */
export function ipv6FloatingIpRoutes(
  state: CloudState,
  baseUrl: () => string,
  style: () => AnswerStyle,
): Route[] {
  return floatingIpRoutes(state, baseUrl, {
    style,
    family: "ipv6",
    api: "vpc",
    path: "/v2.0/eip/floatingips_v6",
    linkPath: "/v2.0/floatingips_v6",
    // The VPC reference lists 200 for its own POSTs and 201 for Neutron's.
    createStatus: 200,
  });
}

/** Routes of the Neutron IPv4 API, `/v2.0/floatingips`. */
export function ipv4FloatingIpRoutes(state: CloudState, baseUrl: () => string): Route[] {
  return floatingIpRoutes(state, baseUrl, {
    family: "ipv4",
    api: "neutron",
    path: "/v2.0/floatingips",
    linkPath: "/v2.0/floatingips",
    createStatus: 201,
    style: () => NEUTRON_STYLE,
  });
}

function floatingIpRoutes(state: CloudState, baseUrl: () => string, shape: ApiShape): Route[] {
  const failed = (failure: EipFailure): Reply => eipError(shape.api, failure);
  const invalid = (message: string): Reply => failed({ error: "VPC.0501", message });
  const one = (ctx: RouteContext): string => ctx.params[0] ?? "";
  const answer = (status: number, kind: MutationKind, eip: FloatingIpWire): Reply =>
    ok(status, { floatingip: shapeMutationAnswer(shape.style(), kind, eip) });
  const common = { family: shape.api, auth: "project" } as const;
  return [
    {
      ...common,
      method: "GET",
      template: shape.path,
      mutation: false,
      handle(ctx) {
        const links = shape.style().listLinks;
        const paged = links === "neutron";
        const page = listPage({
          items: state.list(shape.family),
          query: paged ? ctx.query : withoutPaging(ctx.query),
          filterKeys: FILTERS,
          ignoredKeys: ["fields", "sort_key", "sort_dir"],
          linkBase: `${baseUrl()}${shape.linkPath}`,
          maxLimit: 2000,
        });
        if ("message" in page) return invalid(page.message);
        // The v6 list example: one `previous` link to the path without `/eip`, whatever was asked.
        const shownLinks =
          links === "neutron"
            ? page.links
            : links === "previous-only"
              ? [{ href: `${baseUrl()}${shape.linkPath}`, rel: "previous" }]
              : undefined;
        return ok(200, {
          floatingips: page.items,
          ...(shownLinks ? { floatingips_links: shownLinks } : {}),
        });
      },
    },
    {
      ...common,
      method: "GET",
      template: `${shape.path}/{id}`,
      mutation: false,
      handle(ctx) {
        const result = state.get(shape.family, one(ctx));
        return "error" in result ? failed(result) : ok(200, { floatingip: result.eip });
      },
    },
    {
      ...common,
      method: "POST",
      template: shape.path,
      mutation: true,
      handle(ctx) {
        const body = floatingIpBody(ctx, ["floating_network_id", "port_id"]);
        if (typeof body === "string") return invalid(body);
        const network = body["floating_network_id"];
        if (!isUuid(network)) {
          return invalid(
            `floatingip.floating_network_id must be the external network's id (a UUID); got ${JSON.stringify(network ?? null)}. Find it with GET /v2.0/networks?router:external=True.`,
          );
        }
        if (network.toLowerCase() !== state.externalNetworkId) {
          return invalid(
            `floatingip.floating_network_id ${network} is not an external network; use ${state.externalNetworkId} (admin_external_net).`,
          );
        }
        const port = body["port_id"] ?? null;
        if (port !== null && !isUuid(port)) {
          return invalid(
            `floatingip.port_id must be a NIC port id (a UUID) or null; got ${JSON.stringify(port)}.`,
          );
        }
        const result = state.create(shape.family, port, ctx.failBind);
        return "error" in result
          ? failed(result)
          : answer(shape.createStatus, "create", result.eip);
      },
    },
    {
      ...common,
      method: "PUT",
      template: `${shape.path}/{id}`,
      mutation: true,
      handle(ctx) {
        const body = floatingIpBody(ctx, ["port_id", "fixed_ip_address"]);
        if (typeof body === "string") return invalid(body);
        if (!("port_id" in body)) {
          return invalid(
            "floatingip.port_id is required: a NIC port id to bind, or null to unbind.",
          );
        }
        const port = body["port_id"];
        if (port !== null && !isUuid(port)) {
          return invalid(
            `floatingip.port_id must be a NIC port id (a UUID) or null; got ${JSON.stringify(port)}.`,
          );
        }
        const fixedIp = body["fixed_ip_address"];
        if (fixedIp !== undefined && fixedIp !== null) {
          const known = port === null ? undefined : state.getPort(port);
          if (port === null || (known !== undefined && known.fixedIp !== fixedIp)) {
            return invalid(
              `floatingip.fixed_ip_address ${JSON.stringify(fixedIp)} is not an address of port ${JSON.stringify(port)}.`,
            );
          }
        }
        const result = state.update(shape.family, one(ctx), port, ctx.failBind);
        if ("error" in result) {
          const taken = result.error === "VPC.0511" && shape.style().takenPortOnUpdate;
          return failed(taken === "VPC.0509" ? { ...result, error: "VPC.0509" } : result);
        }
        return answer(200, port === null ? "unbind" : "bind", result.eip);
      },
    },
    {
      ...common,
      method: "DELETE",
      template: `${shape.path}/{id}`,
      mutation: true,
      handle(ctx) {
        const failure = state.delete(shape.family, one(ctx));
        return failure ? failed(failure) : { status: 204 };
      },
    },
  ];
}

/** The query without Neutron's paging keys, which the v6 pages do not document. */
function withoutPaging(query: URLSearchParams): URLSearchParams {
  const kept = new URLSearchParams(query);
  for (const key of ["limit", "marker", "page_reverse"]) kept.delete(key);
  return kept;
}

/** The `floatingip` object of a request body, or why the body is malformed. */
function floatingIpBody(
  ctx: RouteContext,
  allowed: readonly string[],
): Record<string, unknown> | string {
  const parsed = parseJson(ctx.body);
  if (!isObject(parsed) || !isObject(parsed["floatingip"])) {
    return 'The request body must be a JSON object {"floatingip": {...}}.';
  }
  const inner = parsed["floatingip"];
  for (const key of Object.keys(inner)) {
    if (!allowed.includes(key)) {
      return `floatingip.${key} is not accepted here; allowed: ${allowed.join(", ")}.`;
    }
  }
  return inner;
}
