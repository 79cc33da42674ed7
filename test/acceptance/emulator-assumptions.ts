/**
 * What the emulator (`test/emulator/`) answers at each observation point of the acceptance run,
 * for each of its named answer styles (`test/emulator/answer-style.ts`: `classic`, `documented`,
 * `sparse`): a declared, reviewable description that the run compares real answers with. When
 * the emulator's answers change, change this file with it; the tests against the emulator fail
 * while the two disagree, and a run against the real cloud lists where OTC differs from every
 * style (and names the styles it matches).
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

/** How a style shapes the IPv6 API's answers (the facts of `answer-style.ts` the run can see). */
interface StyleFacts {
  /** What a bind answers: the status before the change (`DOWN`), or `ACTIVE` at once. */
  bindStatus: "DOWN" | "ACTIVE";
  /** The keys of create and update answers. */
  mutationFields: readonly string[];
  /** The links of a list without `limit`, and of one with `limit=1` that holds one EIP. */
  links: LinksSeen;
  linksWithLimit: LinksSeen;
}

/** Every key of a floating IP as the emulator renders it in `show` and lists (every style). */
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

const without = (...keys: string[]): string[] => ALL_FIELDS.filter((f) => !keys.includes(f));

const NO_LINKS: LinksSeen = { present: false, rels: [], paths: [] };
/** The v6 list example's one link: `previous`, to the path without `/eip`. */
const PREVIOUS_ONLY: LinksSeen = {
  present: true,
  rels: ["previous"],
  paths: ["/v2.0/floatingips_v6"],
};

const STYLE_FACTS: Readonly<Record<string, StyleFacts>> = {
  // The create example (DOWN with a port_id), binds answering the status from before, every
  // field everywhere, Neutron paging links only when `limit` is given.
  classic: {
    bindStatus: "DOWN",
    mutationFields: ALL_FIELDS,
    links: NO_LINKS,
    linksWithLimit: { present: true, rels: ["next"], paths: ["/v2.0/floatingips_v6"] },
  },
  // The update page's examples: binds and unbinds answer ACTIVE at once; create and update
  // answers without project and times; lists with only a `previous` link, `limit` ignored.
  documented: {
    bindStatus: "ACTIVE",
    mutationFields: without("project_id", "created_at", "updated_at"),
    links: PREVIOUS_ONLY,
    linksWithLimit: PREVIOUS_ONLY,
  },
  // Only what the examples always show: no project, no times, no fixed_ip_address; no links.
  sparse: {
    bindStatus: "ACTIVE",
    mutationFields: without("project_id", "created_at", "updated_at", "fixed_ip_address"),
    links: NO_LINKS,
    linksWithLimit: NO_LINKS,
  },
};

/** What a style answers at every point. */
function answersOf(style: StyleFacts): Readonly<Record<ObservationPoint, EmulatedAnswer>> {
  const settled = (status: string, bound: boolean): EmulatedAnswer => ({
    httpStatus: [200],
    eipStatus: [status],
    bound,
    fields: ALL_FIELDS,
  });
  const notFound: EmulatedAnswer = {
    httpStatus: [404],
    errorShape: "code-message",
    errorCode: ["VPC.0504"],
  };
  return {
    // Every style answers a create with the documented example's DOWN and the port.
    "ipv6.create-bound.answer": {
      httpStatus: [200],
      eipStatus: ["DOWN"],
      bound: true,
      fields: style.mutationFields,
    },
    "ipv6.create-bound.settled": settled("ACTIVE", true),
    // An unbind answers ACTIVE: the status before the change, or the doc example's ACTIVE.
    "ipv6.unbind.answer": {
      httpStatus: [200],
      eipStatus: ["ACTIVE"],
      bound: false,
      fields: style.mutationFields,
    },
    "ipv6.unbind.settled": settled("DOWN", false),
    "ipv6.bind.answer": {
      httpStatus: [200],
      eipStatus: [style.bindStatus],
      bound: true,
      fields: style.mutationFields,
    },
    "ipv6.bind.settled": settled("ACTIVE", true),
    "ipv6.show": settled("ACTIVE", true),
    "ipv6.list.by-port": { httpStatus: [200], fields: ALL_FIELDS, links: style.links },
    "ipv6.list.by-port-limit-1": {
      httpStatus: [200],
      fields: ALL_FIELDS,
      links: style.linksWithLimit,
    },
    // A create onto a taken NIC is 409 VPC.0511 in every style (VPC.0509 is the update's).
    "ipv6.error.second-eip-on-nic": {
      httpStatus: [409],
      errorShape: "code-message",
      errorCode: ["VPC.0511"],
    },
    "ipv6.error.unknown-id": notFound,
    "ipv6.delete.answer": { httpStatus: [204] },
    "ipv6.error.after-delete": notFound,
    // Neutron's IPv4 API answers the same in every style: 201 on create, every field.
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
}

/** The emulator's answer styles by name, each with what it answers at every point. */
export const EMULATOR_ANSWER_STYLES: Readonly<
  Record<string, Readonly<Record<ObservationPoint, EmulatedAnswer>>>
> = Object.fromEntries(
  Object.entries(STYLE_FACTS).map(([name, facts]) => [name, answersOf(facts)]),
);

/** The style the emulator runs with unless told otherwise. */
export const DEFAULT_EMULATOR_STYLE = "classic";
