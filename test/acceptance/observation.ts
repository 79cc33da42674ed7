/**
 * What the run saw OTC answer at one point of the lifecycle, reduced to the facts the emulator
 * makes assumptions about: the HTTP status, the EIP's status and binding, the fields present,
 * the error body's shape and code, and the paging links.
 */
import type { ProbeAnswer } from "./probe-session";

/** The points of the run where answers are observed. */
export const OBSERVATION_POINTS = [
  "ipv6.create-bound.answer",
  "ipv6.create-bound.settled",
  "ipv6.unbind.answer",
  "ipv6.unbind.settled",
  "ipv6.bind.answer",
  "ipv6.bind.settled",
  "ipv6.show",
  "ipv6.list.by-port",
  "ipv6.list.by-port-limit-1",
  "ipv6.error.second-eip-on-nic",
  "ipv6.error.unknown-id",
  "ipv6.delete.answer",
  "ipv6.error.after-delete",
  "ipv4.create-bound.answer",
  "ipv4.unbind.answer",
  "ipv4.delete.answer",
] as const;

/** One observation point. */
export type ObservationPoint = (typeof OBSERVATION_POINTS)[number];

/** The error body shapes `otc-floating-ip-api.md` lists, plus the two a client must survive. */
export type ErrorShape =
  | "code-message"
  | "error_code-error_msg"
  | "NeutronError"
  | "error-object"
  | "other-json"
  | "non-json"
  | "empty";

/** Paging links of a list answer. */
export interface LinksSeen {
  /** `floatingips_links` is in the answer. */
  present: boolean;
  /** Their `rel` values, sorted. */
  rels: string[];
  /** The paths of their `href`s, sorted (the documented ones lack `/eip`). */
  paths: string[];
}

/** What was observed at one point. */
export interface Observation {
  point: ObservationPoint;
  httpStatus: number;
  /** The floating IP's `status`, when the answer holds one. */
  eipStatus?: string | null;
  /** Whether its `port_id` is set, when the answer holds one. */
  bound?: boolean;
  /** The floating IP object's keys, sorted (a list: the keys of its items). */
  fields?: string[];
  /** The error body's shape, for an answer that is not a success. */
  errorShape?: ErrorShape;
  /** The error's code (`VPC.0511`, a NeutronError `type`, ...), or `null` when it has none. */
  errorCode?: string | null;
  /** A list answer's paging links. */
  links?: LinksSeen;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The floating IP facts of one object. */
function eipFacts(item: unknown): Pick<Observation, "eipStatus" | "bound" | "fields"> {
  if (!isObject(item)) return {};
  const status = item["status"];
  return {
    eipStatus: typeof status === "string" ? status : null,
    bound: typeof item["port_id"] === "string" && item["port_id"] !== "",
    fields: Object.keys(item).sort(),
  };
}

/** An answer with one floating IP (`{"floatingip": {...}}`), or a bodiless one (delete). */
export function observeOne(point: ObservationPoint, answer: ProbeAnswer): Observation {
  const body = answer.json;
  if (answer.status >= 400) return observeError(point, answer);
  if (isObject(body) && "floatingip" in body) {
    return { point, httpStatus: answer.status, ...eipFacts(body["floatingip"]) };
  }
  return { point, httpStatus: answer.status };
}

/** A list answer (`{"floatingips": [...], "floatingips_links": [...]}`). */
export function observeList(point: ObservationPoint, answer: ProbeAnswer): Observation {
  if (answer.status >= 400) return observeError(point, answer);
  const body = isObject(answer.json) ? answer.json : {};
  const items = Array.isArray(body["floatingips"]) ? (body["floatingips"] as unknown[]) : [];
  const fields = [...new Set(items.flatMap((i) => (isObject(i) ? Object.keys(i) : [])))].sort();
  const rawLinks = body["floatingips_links"];
  const links = Array.isArray(rawLinks) ? rawLinks.filter(isObject) : [];
  return {
    point,
    httpStatus: answer.status,
    fields,
    links: {
      present: rawLinks !== undefined,
      rels: links.map((l) => String(l["rel"])).sort(),
      paths: links.map((l) => hrefPath(l["href"])).sort(),
    },
  };
}

function hrefPath(href: unknown): string {
  if (typeof href !== "string") return String(href);
  try {
    return new URL(href, "http://relative.invalid").pathname;
  } catch {
    return href;
  }
}

/** An error answer: its status, body shape and code. */
export function observeError(point: ObservationPoint, answer: ProbeAnswer): Observation {
  const { shape, code } = errorShapeOf(answer);
  return { point, httpStatus: answer.status, errorShape: shape, errorCode: code };
}

/** The shape and code of an error body. */
export function errorShapeOf(answer: ProbeAnswer): { shape: ErrorShape; code: string | null } {
  const body = answer.json;
  if (answer.text.trim() === "") return { shape: "empty", code: null };
  if (body === undefined) return { shape: "non-json", code: null };
  if (!isObject(body)) return { shape: "other-json", code: null };
  const str = (v: unknown): string | null =>
    typeof v === "string" || typeof v === "number" ? String(v) : null;
  if ("code" in body && "message" in body)
    return { shape: "code-message", code: str(body["code"]) };
  if ("error_code" in body) return { shape: "error_code-error_msg", code: str(body["error_code"]) };
  const neutron = body["NeutronError"];
  if (isObject(neutron)) return { shape: "NeutronError", code: str(neutron["type"]) };
  const error = body["error"];
  if (isObject(error)) return { shape: "error-object", code: str(error["code"]) };
  return { shape: "other-json", code: null };
}
