/**
 * Neutron's `/v2.0/networks`: the external network `admin_external_net` (found by `name` or by
 * `router:external=True`) and one private network, so that the filters matter.
 */
import type { CloudState } from "../cloud-state";
import { formatWireTime } from "../format-time";
import { ok } from "../reply";
import type { Route } from "../route";

/** Settings of the network routes. */
export interface NetworkRouteOptions {
  state: CloudState;
  projectId: string;
  /** The admin project that owns the external network. */
  adminProjectId: string;
  createdAt: number;
  subnetIds: [string, string];
}

const BOOLEAN = /^(true|false|1|0)$/i;

/** Routes of `/v2.0/networks`. */
export function networkRoutes(options: NetworkRouteOptions): Route[] {
  const time = formatWireTime(options.createdAt);
  const network = (id: string, name: string, external: boolean, owner: string, subnet: string) => ({
    id,
    name,
    status: "ACTIVE",
    "router:external": external,
    admin_state_up: true,
    shared: false,
    subnets: [subnet],
    tenant_id: owner,
    project_id: owner,
    availability_zone_hints: [],
    availability_zones: ["eu-de-01", "eu-de-02", "eu-de-03"],
    ipv4_address_scope: null,
    ipv6_address_scope: null,
    mtu: 1500,
    port_security_enabled: true,
    description: "",
    created_at: time,
    updated_at: time,
  });
  const networks = () => [
    network(
      options.state.externalNetworkId,
      "admin_external_net",
      true,
      options.adminProjectId,
      options.subnetIds[0],
    ),
    network(
      options.state.privateNetworkId,
      "vpc-emulator",
      false,
      options.projectId,
      options.subnetIds[1],
    ),
  ];
  const neutronError = (status: number, type: string, message: string) => ({
    status,
    body: { NeutronError: { type, message, detail: "" } },
  });
  return [
    {
      method: "GET",
      template: "/v2.0/networks",
      family: "neutron",
      auth: "project",
      mutation: false,
      handle(ctx) {
        let list = networks();
        for (const [key, value] of ctx.query) {
          if (key === "router:external") {
            if (!BOOLEAN.test(value)) {
              return neutronError(
                400,
                "HTTPBadRequest",
                `Invalid router:external "${value}": expected True or False.`,
              );
            }
            const wanted = /^(true|1)$/i.test(value);
            list = list.filter((n) => n["router:external"] === wanted);
          } else if (
            key === "name" ||
            key === "id" ||
            key === "status" ||
            key === "tenant_id" ||
            key === "project_id"
          ) {
            list = list.filter((n) => n[key] === value);
          }
          // Other keys are ignored, as Neutron ignores unknown network filters.
        }
        return ok(200, { networks: list });
      },
    },
    {
      method: "GET",
      template: "/v2.0/networks/{id}",
      family: "neutron",
      auth: "project",
      mutation: false,
      handle(ctx) {
        const found = networks().find((n) => n.id === ctx.params[0]);
        return found
          ? ok(200, { network: found })
          : neutronError(
              404,
              "NetworkNotFound",
              `Network ${ctx.params[0] ?? ""} could not be found.`,
            );
      },
    },
  ];
}
