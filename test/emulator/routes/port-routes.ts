/**
 * Neutron's `GET /v2.0/ports/{id}`: a port as Neutron shows it (its `device_owner` says what it
 * belongs to), or 404 `PortNotFound` for a port this project does not have.
 */
import type { CloudState } from "../cloud-state";
import { formatWireTime } from "../format-time";
import { ok } from "../reply";
import type { Route } from "../route";

/** Settings of the port routes. */
export interface PortRouteOptions {
  state: CloudState;
  projectId: string;
  /** The subnet every port's fixed IP is on. */
  subnetId: string;
  createdAt: number;
}

/** Routes of `/v2.0/ports`. */
export function portRoutes(options: PortRouteOptions): Route[] {
  const time = formatWireTime(options.createdAt);
  return [
    {
      method: "GET",
      template: "/v2.0/ports/{id}",
      family: "neutron",
      auth: "project",
      mutation: false,
      handle(ctx) {
        const id = (ctx.params[0] ?? "").toLowerCase();
        const port = options.state.getPort(id);
        if (!port) {
          return {
            status: 404,
            body: {
              NeutronError: {
                type: "PortNotFound",
                message: `Port ${ctx.params[0] ?? ""} could not be found.`,
                detail: "",
              },
            },
          };
        }
        return ok(200, {
          port: {
            id: port.id,
            name: "",
            network_id: port.networkId,
            tenant_id: options.projectId,
            project_id: options.projectId,
            device_owner: port.deviceOwner,
            device_id: port.kind === "ecs" ? `ecs-${port.id.slice(0, 8)}` : "",
            mac_address: `fa:16:3e:${port.id.slice(0, 2)}:${port.id.slice(2, 4)}:${port.id.slice(4, 6)}`,
            fixed_ips: [{ subnet_id: options.subnetId, ip_address: port.fixedIp }],
            status: "ACTIVE",
            admin_state_up: true,
            security_groups: [],
            allowed_address_pairs: [],
            binding_vnic_type: "normal",
            created_at: time,
            updated_at: time,
          },
        });
      },
    },
  ];
}
