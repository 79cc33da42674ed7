/**
 * The VPC quota API, `GET /v1/{project_id}/quotas?type=floatingIp`: how many EIPs (IPv4 and IPv6
 * together, as OTC counts them) the project holds and may hold.
 */
import type { CloudState } from "../cloud-state";
import { ok, vpcError } from "../reply";
import type { Route } from "../route";

/** The quota types the answer can list; only `floatingIp` is emulated. */
const TYPES = ["floatingIp"] as const;

/** Routes of `/v1/{project_id}/quotas`. */
export function quotaRoutes(state: CloudState): Route[] {
  return [
    {
      method: "GET",
      template: "/v1/{id}/quotas",
      family: "vpc",
      auth: "project",
      mutation: false,
      handle: (ctx) => {
        const [project = ""] = ctx.params;
        if (project !== ctx.projectId) {
          return vpcError(
            "VPC.0501",
            `The project id in the path (${project}) is not the project of the request.`,
          );
        }
        const type = ctx.query.get("type");
        if (type !== null && !(TYPES as readonly string[]).includes(type)) {
          return ok(200, { quotas: { resources: [] } });
        }
        const { used, quota } = state.quotaUsage();
        return ok(200, { quotas: { resources: [{ type: "floatingIp", used, quota, min: 0 }] } });
      },
    },
  ];
}
