/**
 * What the emulator (`test/emulator/`) answers at each observation point of the acceptance run,
 * per answer style it can run with: a declared, reviewable description that the run compares
 * real answers with. When the emulator's answers change, change this file with it; the
 * acceptance test against the emulator fails while the two disagree, and a run against the real
 * cloud lists where OTC and this description differ.
 */
import type { ErrorShape, LinksSeen, ObservationPoint } from "./observation";

/** What the emulator answers at one point. */
export interface EmulatedAnswer {
  /** The HTTP statuses it answers with. */
  httpStatus: readonly number[];
  /** The floating IP `status` values the answer shows. */
  eipStatus?: readonly string[];
  /** Whether the answer's floating IP has a `port_id`. */
  bound?: boolean;
  /** The floating IP object's keys, sorted. */
  fields?: readonly string[];
  /** The error body's shape. */
  errorShape?: ErrorShape;
  /** The error codes it answers with. */
  errorCode?: readonly string[];
  /** A list answer's paging links. */
  links?: LinksSeen;
}

/** Every key of a floating IP as the emulator renders it (create, update, show and list alike). */
const ALL_FIELDS = [
  "created_at",
  "fixed_ip_address",
  "floating_ip_address",
  "floating_network_id",
  "id",
  "port_id",
  "project_id",
  "router_id",
  "status",
  "tenant_id",
  "updated_at",
] as const;

const NO_LINKS: LinksSeen = { present: false, rels: [], paths: [] };

/**
 * The emulator's default style ("asynchronous"): a create or bind answers with the status the
 * EIP had before (a create `DOWN` with its `port_id`, as the documented create example does), an
 * unbind `ACTIVE` with `port_id` null, and a later `show` gives the settled status. IPv6 errors
 * are `{"code","message"}`, Neutron's IPv4 create answers 201, list links point at
 * `/v2.0/floatingips_v6` (without `/eip`, as documented) and appear only when `limit` is given.
 */
const ASYNCHRONOUS: Readonly<Record<ObservationPoint, EmulatedAnswer>> = {
  "ipv6.create-bound.answer": {
    httpStatus: [200],
    eipStatus: ["DOWN"],
    bound: true,
    fields: ALL_FIELDS,
  },
  "ipv6.create-bound.settled": {
    httpStatus: [200],
    eipStatus: ["ACTIVE"],
    bound: true,
    fields: ALL_FIELDS,
  },
  "ipv6.unbind.answer": {
    httpStatus: [200],
    eipStatus: ["ACTIVE"],
    bound: false,
    fields: ALL_FIELDS,
  },
  "ipv6.unbind.settled": {
    httpStatus: [200],
    eipStatus: ["DOWN"],
    bound: false,
    fields: ALL_FIELDS,
  },
  "ipv6.bind.answer": { httpStatus: [200], eipStatus: ["DOWN"], bound: true, fields: ALL_FIELDS },
  "ipv6.bind.settled": {
    httpStatus: [200],
    eipStatus: ["ACTIVE"],
    bound: true,
    fields: ALL_FIELDS,
  },
  "ipv6.show": { httpStatus: [200], eipStatus: ["ACTIVE"], bound: true, fields: ALL_FIELDS },
  "ipv6.list.by-port": { httpStatus: [200], fields: ALL_FIELDS, links: NO_LINKS },
  "ipv6.list.by-port-limit-1": {
    httpStatus: [200],
    fields: ALL_FIELDS,
    links: { present: true, rels: ["next"], paths: ["/v2.0/floatingips_v6"] },
  },
  "ipv6.error.second-eip-on-nic": {
    httpStatus: [409],
    errorShape: "code-message",
    errorCode: ["VPC.0511"],
  },
  "ipv6.error.unknown-id": {
    httpStatus: [404],
    errorShape: "code-message",
    errorCode: ["VPC.0504"],
  },
  "ipv6.delete.answer": { httpStatus: [204] },
  "ipv6.error.after-delete": {
    httpStatus: [404],
    errorShape: "code-message",
    errorCode: ["VPC.0504"],
  },
  "ipv4.create-bound.answer": {
    httpStatus: [201],
    eipStatus: ["DOWN"],
    bound: true,
    fields: ALL_FIELDS,
  },
  "ipv4.unbind.answer": {
    httpStatus: [200],
    eipStatus: ["ACTIVE"],
    bound: false,
    fields: ALL_FIELDS,
  },
  "ipv4.delete.answer": { httpStatus: [204] },
};

/** The emulator's answer styles by name, each with what it answers at every point. */
export const EMULATOR_ANSWER_STYLES: Readonly<
  Record<string, Readonly<Record<ObservationPoint, EmulatedAnswer>>>
> = {
  asynchronous: ASYNCHRONOUS,
};

/** The style the emulator runs with unless told otherwise. */
export const DEFAULT_EMULATOR_STYLE = "asynchronous";
