/** The shape of one emulated API route and the request context it receives. */
import type { Reply } from "./reply";

/** Which service answers a route; it decides the auth rules and the error body shapes. */
export type ApiFamily = "iam" | "vpc" | "neutron";

/** What a handler gets. */
export interface RouteContext {
  method: string;
  path: string;
  /** Path parameters in template order (`{id}`). */
  params: string[];
  query: URLSearchParams;
  headers: Record<string, string>;
  body: Buffer;
  /** The project the caller authenticated for (token scope or `X-Project-Id`). */
  projectId: string | undefined;
  /** The account (domain id) the caller authenticated as, when known. */
  domainId?: string | undefined;
  /** A bind started by this request must end in `ERROR` (fault `eip-error`). */
  failBind: boolean;
  requestId: string;
}

/** One route. */
export interface Route {
  method: string;
  /** Path template, `{id}` for a parameter; also the counts key. */
  template: string;
  family: ApiFamily;
  /**
   * `password`: no prior authentication (IAM token issuance); `domain`: a token or AK/SK without a
   * project; `project`: a project-scoped token or AK/SK with `X-Project-Id`.
   */
  auth: "password" | "domain" | "project";
  /** A POST/PUT/DELETE that changes EIPs. */
  mutation: boolean;
  handle(ctx: RouteContext): Reply;
}

/** Matches a template against a path; returns the parameters or `undefined`. */
export function matchTemplate(template: string, path: string): string[] | undefined {
  const t = template.split("/");
  const p = path.split("/");
  if (t.length !== p.length) return undefined;
  const params: string[] = [];
  for (let i = 0; i < t.length; i++) {
    const ts = t[i] ?? "";
    const ps = p[i] ?? "";
    if (ts === "{id}") {
      if (ps === "") return undefined;
      params.push(safeDecode(ps));
    } else if (ts !== ps) return undefined;
  }
  return params;
}

/**
 * Whether `pattern` names `path`: the exact path, its template (`/v2.0/eip/floatingips_v6/{id}`),
 * or a prefix ending in `*`.
 */
export function pathMatches(pattern: string, path: string, template: string): boolean {
  if (pattern.endsWith("*")) return path.startsWith(pattern.slice(0, -1));
  return pattern === path || pattern === template;
}

/** A counts key path for a path no route knows: id-like segments become `{id}`. */
export function templateOfUnknownPath(path: string): string {
  return path
    .split("/")
    .map((s) => (/^[0-9a-f-]{32,36}$/i.test(s) ? "{id}" : s))
    .join("/");
}

/** Parses a JSON body; `undefined` when it is empty or not JSON. */
export function parseJson(body: Buffer): unknown {
  if (body.length === 0) return undefined;
  try {
    return JSON.parse(body.toString("utf8")) as unknown;
  } catch {
    return undefined;
  }
}

/** True for a plain JSON object. */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
