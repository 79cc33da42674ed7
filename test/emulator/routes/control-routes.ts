/**
 * The control endpoint under `/__emulator/`, for tests and benchmarks that run the emulator as a
 * separate process (`npm run emulator`). No auth, no faults, not logged:
 *
 * - `GET /__emulator/info`: connection details (the CLI's `--json` object plus `externalNetworkId`, `caPem`)
 * - `GET /__emulator/state`: `{ipv6, ipv4, ports}`
 * - `GET /__emulator/log`, `DELETE /__emulator/log`: the request log; clearing it also clears the counts
 * - `GET /__emulator/counts`: requests per `METHOD /path-template`
 * - `GET /__emulator/faults`, `PUT /__emulator/faults` (body: `FaultOptions`, replaces the faults)
 * - `GET /__emulator/rate-limit`, `PUT /__emulator/rate-limit` (body: `RateLimitOptions`, replaces
 *   the throttling; every bucket starts full)
 * - `POST /__emulator/ports` (body `{"kind": "ecs" | "elb" | "router-interface" | "dhcp"}`,
 *   optional): adds a port, 201 with it
 * - `POST /__emulator/ipv4-eips` (body `{"port_id": "<uuid>"}`, optional): adds an IPv4 EIP, 201
 * - `POST /__emulator/ipv6-eips` (body `{"port_id": "<uuid>", "age_seconds": n}`, both optional):
 *   adds an IPv6 EIP, bound (and settled) when a port is given, created `age_seconds` ago; 201
 * - `POST /__emulator/clock` (body `{"advanceSeconds": n}`): moves the emulator's clock forward
 * - `POST /__emulator/eip-status` (body `{"id": "<uuid>", "status": "ERROR"}`): sets an EIP's status
 * - `GET /__emulator/answer-style`, `PUT /__emulator/answer-style` (body: a style name as a JSON
 *   string, or an object of style fields with an optional `base` name): how the IPv6 API answers
 * - `GET /__emulator/hidden`, `PUT /__emulator/hidden` (body: `HiddenPath[]`): paths answered with
 *   a gateway's `404 APIG.0101` or a proxy's HTML 404
 */
import type { Reply } from "../reply";
import { isObject, parseJson } from "../route";
import { isAnswerStyleName } from "../answer-style";
import { PORT_KINDS } from "../types";
import type { Emulator, FaultOptions, HiddenPath, PortKind, RateLimitOptions } from "../types";

/** The part of the emulator the control endpoint drives. */
export type ControlApi = Pick<
  Emulator,
  | "addPort"
  | "createIpv4Eip"
  | "createIpv6Eip"
  | "setFaults"
  | "requestLog"
  | "counts"
  | "resetLog"
  | "state"
  | "advanceClock"
  | "setEipStatus"
  | "setRateLimit"
  | "setAnswerStyle"
  | "answerStyle"
  | "hidePaths"
> & {
  info(): unknown;
  faults(): FaultOptions;
  rateLimit(): RateLimitOptions;
  hiddenPaths(): HiddenPath[];
};

/** Answers one control request. */
export function handleControl(api: ControlApi, method: string, path: string, body: Buffer): Reply {
  const name = path.slice("/__emulator/".length).replace(/\/$/, "");
  const json = parseJson(body);
  const bad = (message: string): Reply => ({ status: 400, body: { error: message } });
  try {
    switch (`${method} ${name}`) {
      case "GET info":
        return { status: 200, body: api.info() };
      case "GET state":
        return { status: 200, body: api.state() };
      case "GET log":
        return { status: 200, body: api.requestLog() };
      case "DELETE log":
        api.resetLog();
        return { status: 204 };
      case "GET counts":
        return { status: 200, body: api.counts() };
      case "GET faults":
        return { status: 200, body: api.faults() };
      case "PUT faults":
        if (!isObject(json)) return bad("PUT /__emulator/faults takes a FaultOptions JSON object.");
        api.setFaults(json);
        return { status: 200, body: api.faults() };
      case "GET rate-limit":
        return { status: 200, body: api.rateLimit() };
      case "PUT rate-limit":
        if (!isObject(json)) {
          return bad("PUT /__emulator/rate-limit takes a RateLimitOptions JSON object.");
        }
        api.setRateLimit(json);
        return { status: 200, body: api.rateLimit() };
      case "POST ports": {
        const kind = isObject(json) ? json["kind"] : undefined;
        if (kind !== undefined && !PORT_KINDS.includes(kind as PortKind)) {
          return bad(`kind must be one of ${PORT_KINDS.map((k) => `"${k}"`).join(", ")}.`);
        }
        return { status: 201, body: api.addPort(kind as PortKind | undefined) };
      }
      case "POST ipv4-eips": {
        const port = isObject(json) ? json["port_id"] : undefined;
        if (port !== undefined && port !== null && typeof port !== "string") {
          return bad("port_id must be a string or null.");
        }
        return { status: 201, body: api.createIpv4Eip(port ?? undefined) };
      }
      case "POST ipv6-eips": {
        const port = isObject(json) ? json["port_id"] : undefined;
        const age = isObject(json) ? json["age_seconds"] : undefined;
        if (port !== undefined && port !== null && typeof port !== "string") {
          return bad("port_id must be a string or null.");
        }
        if (age !== undefined && (typeof age !== "number" || !(age >= 0))) {
          return bad("age_seconds must be a number >= 0.");
        }
        return { status: 201, body: api.createIpv6Eip(port ?? undefined, age) };
      }
      case "POST clock": {
        const seconds = isObject(json) ? json["advanceSeconds"] : undefined;
        if (typeof seconds !== "number" || !(seconds >= 0)) {
          return bad("advanceSeconds must be a number >= 0.");
        }
        api.advanceClock(seconds);
        return { status: 204 };
      }
      case "POST eip-status": {
        const id = isObject(json) ? json["id"] : undefined;
        const status = isObject(json) ? json["status"] : undefined;
        if (
          typeof id !== "string" ||
          (status !== "ACTIVE" && status !== "DOWN" && status !== "ERROR")
        ) {
          return bad('eip-status takes {"id": "<uuid>", "status": "ACTIVE" | "DOWN" | "ERROR"}.');
        }
        api.setEipStatus(id, status);
        return { status: 204 };
      }
      case "GET answer-style":
        return { status: 200, body: api.answerStyle() };
      case "PUT answer-style":
        if (!isAnswerStyleName(json) && !isObject(json)) {
          return bad(
            'PUT /__emulator/answer-style takes a style name ("classic", "documented", "sparse") or an object of style fields.',
          );
        }
        if (isObject(json) && json["base"] !== undefined && !isAnswerStyleName(json["base"])) {
          return bad("base must be a style name: classic, documented or sparse.");
        }
        api.setAnswerStyle(json);
        return { status: 200, body: api.answerStyle() };
      case "GET hidden":
        return { status: 200, body: api.hiddenPaths() };
      case "PUT hidden": {
        const paths = parseHiddenPaths(json);
        if (typeof paths === "string") return bad(paths);
        api.hidePaths(paths);
        return { status: 200, body: api.hiddenPaths() };
      }
      default:
        return { status: 404, body: { error: `No control operation ${method} ${path}.` } };
    }
  } catch (error) {
    return bad(error instanceof Error ? error.message : String(error));
  }
}

/** A `HiddenPath[]` from a control request body, or why it is not one. */
export function parseHiddenPaths(json: unknown): HiddenPath[] | string {
  const usage =
    'hidden paths are [{"path": "/v2.0/eip/floatingips_v6*", "as": "gateway" | "proxy", "method"?: "GET"}]';
  if (!Array.isArray(json)) return `PUT /__emulator/hidden takes a list: ${usage}.`;
  const paths: HiddenPath[] = [];
  for (const item of json) {
    if (!isObject(item) || typeof item["path"] !== "string") return usage;
    const as = item["as"];
    if (as !== "gateway" && as !== "proxy") return usage;
    const method = item["method"];
    if (method !== undefined && typeof method !== "string") return usage;
    paths.push({ path: item["path"], as, ...(method !== undefined ? { method } : {}) });
  }
  return paths;
}
