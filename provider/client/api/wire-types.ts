/**
 * The OTC APIs' own JSON shapes (snake_case), as sent and received. Domain types live in
 * `types.ts`; `map-floating-ip.ts` converts between them.
 */

/** A floating IP as `/v2.0/eip/floatingips_v6` and `/v2.0/floatingips` return it. */
export interface WireFloatingIp {
  id: string;
  status?: string;
  floating_ip_address?: string;
  floating_network_id?: string;
  router_id?: string | null;
  port_id?: string | null;
  fixed_ip_address?: string | null;
  tenant_id?: string | null;
  project_id?: string | null;
  created_at?: string | null;
  updated_at?: string | null;
}

/** A paging link of a list answer. */
export interface WireLink {
  href?: string;
  rel?: string;
}

/** `GET /v2.0/eip/floatingips_v6` and `GET /v2.0/floatingips`. */
export interface WireFloatingIpList {
  floatingips: WireFloatingIp[];
  floatingips_links?: WireLink[];
}

/** `GET`/`POST`/`PUT` of one floating IP. */
export interface WireFloatingIpOne {
  floatingip: WireFloatingIp;
}

/** `POST /v2.0/eip/floatingips_v6` body. */
export interface WireCreateFloatingIp {
  floatingip: { floating_network_id: string; port_id?: string | null };
}

/** `PUT /v2.0/eip/floatingips_v6/{id}` body. */
export interface WireUpdateFloatingIp {
  floatingip: { port_id: string | null };
}

/** A network of `GET /v2.0/networks`. */
export interface WireNetwork {
  id: string;
  name?: string;
  "router:external"?: boolean;
}

/** `GET /v2.0/networks/{id}`. */
export interface WireNetworkOne {
  network: WireNetwork;
}

/** A port of `GET /v2.0/ports/{id}` (the fields the provider reads). */
export interface WirePort {
  id: string;
  device_owner?: string | null;
  network_id?: string | null;
  project_id?: string | null;
  tenant_id?: string | null;
}

/** `GET /v2.0/ports/{id}`. */
export interface WirePortOne {
  port: WirePort;
}

/** `GET /v2.0/networks`. */
export interface WireNetworkList {
  networks: WireNetwork[];
}

/** The `token` object of `POST /v3/auth/tokens` and `GET /v3/auth/tokens`. */
export interface WireToken {
  expires_at?: string;
  issued_at?: string;
  project?: { id?: string; name?: string };
}

/** `GET /v3/projects?name=`. */
export interface WireProjectList {
  projects: { id: string; name?: string }[];
}
