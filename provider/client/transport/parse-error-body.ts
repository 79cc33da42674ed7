/**
 * Extracts OTC's error code, message and request id from an error answer, whatever shape the
 * service used: `{code, message}`, `{error_code, error_msg}` (whose `error_msg` may embed a
 * `NeutronError` JSON text), `{NeutronError: {type, message, detail}}`,
 * `{error: {code, title, message}}`, or a body that is empty or not JSON at all.
 */

/** What an error answer said. */
export interface ParsedErrorBody {
  /** OTC code such as `VPC.0511`, `APIG.0301`, `IAM.0012`, when present. */
  code?: string;
  /** A one-line message, always present (describes an empty or non-JSON body too). */
  message: string;
  /** The request id, when the body carries one. */
  requestId?: string;
  /** The Neutron error type (`FloatingIPNotFound`, `PortNotFound`, …), when the body has one. */
  neutronType?: string;
}

const MAX_MESSAGE = 300;

type Tree = Record<string, unknown>;

function isTree(value: unknown): value is Tree {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function str(value: unknown): string | undefined {
  if (typeof value === "string" && value.trim() !== "") return value.trim();
  return undefined;
}

/** One line, control characters removed, bounded length. */
function oneLine(text: string): string {
  const flat = text
    .split("")
    .map((c) => (c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f ? " " : c))
    .join("")
    .replace(/\s+/g, " ")
    .trim();
  return flat.length > MAX_MESSAGE ? `${flat.slice(0, MAX_MESSAGE)}…` : flat;
}

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** What a `NeutronError` said: its message (with its type when useful) and its type. */
interface NeutronSaid {
  message: string | undefined;
  type: string | undefined;
}

/** A `NeutronError` object (or text embedding one) → its message and type. */
function neutronSaid(value: unknown): NeutronSaid | undefined {
  let tree: unknown = value;
  if (typeof value === "string") {
    const start = value.indexOf("{");
    if (start < 0) return undefined;
    tree = tryJson(value.slice(start));
  }
  if (!isTree(tree)) return undefined;
  const inner = isTree(tree.NeutronError) ? tree.NeutronError : undefined;
  if (!inner) return undefined;
  const message = str(inner.message) ?? str(inner.detail);
  const type = str(inner.type);
  return { message: message && type ? `${message} (${type})` : (message ?? type), type };
}

function fromTree(tree: Tree): Omit<ParsedErrorBody, "message"> & { message?: string } {
  const requestId = str(tree.request_id) ?? str(tree.requestId);
  if (str(tree.error_code) !== undefined || str(tree.error_msg) !== undefined) {
    const raw = str(tree.error_msg);
    const neutron = raw === undefined ? undefined : neutronSaid(raw);
    return {
      code: str(tree.error_code),
      message: neutron?.message ?? raw,
      requestId,
      neutronType: neutron?.type,
    };
  }
  if (isTree(tree.NeutronError)) {
    const neutron = neutronSaid(tree);
    return { message: neutron?.message, requestId, neutronType: neutron?.type };
  }
  if (isTree(tree.error)) {
    const e = tree.error;
    if (e.error_code !== undefined || e.error_msg !== undefined || isTree(e.NeutronError)) {
      const nested = fromTree(e);
      return { ...nested, requestId: nested.requestId ?? requestId };
    }
    const title = str(e.title);
    const message = str(e.message);
    return {
      code: str(e.code),
      message: title && message && title !== message ? `${title}: ${message}` : (message ?? title),
      requestId,
    };
  }
  if (str(tree.code) !== undefined || str(tree.message) !== undefined) {
    return { code: str(tree.code), message: str(tree.message), requestId };
  }
  return { requestId };
}

/**
 * Parses an error body. Never throws; the message describes the body when it holds nothing usable.
 * A numeric code (such as IAM's `"code": 401`) is not an OTC code and is left out.
 */
export function parseErrorBody(body: string): ParsedErrorBody {
  const text = body.trim();
  if (text === "") return { message: "empty body" };
  const json = tryJson(text);
  if (isTree(json)) {
    const found = fromTree(json);
    const code = found.code !== undefined && /^\d+$/.test(found.code) ? undefined : found.code;
    return {
      ...(code !== undefined ? { code } : {}),
      message: oneLine(found.message ?? `unrecognised error body ${text}`),
      ...(found.requestId !== undefined ? { requestId: found.requestId } : {}),
      ...(found.neutronType !== undefined ? { neutronType: found.neutronType } : {}),
    };
  }
  const withoutTags = text.replace(/<[^>]*>/g, " ");
  return { message: oneLine(`non-JSON body: ${withoutTags}`) };
}
