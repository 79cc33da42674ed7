/**
 * One HTTP request through the emulator: count it, add latency, inject a fault if one is due,
 * authenticate, apply the gateway's rate limit, run the route, log the outcome. The control endpoint (`/__emulator/`) bypasses all
 * of that: it is neither counted, delayed, faulted nor authenticated.
 */
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { TLSSocket } from "node:tls";
import type { Authenticator } from "./authenticator";
import type { Clock } from "./clock";
import type { RateLimits } from "./rate-limit";
import type { FaultEngine } from "./fault-engine";
import { replyForFault } from "./fault-replies";
import { gatewayError, iamError } from "./reply";
import type { Reply } from "./reply";
import type { RequestLog } from "./request-log";
import { redactHeaders } from "./request-log";
import { isObject, matchTemplate, parseJson, templateOfUnknownPath } from "./route";
import type { ApiFamily, Route } from "./route";
import { hiddenReply } from "./hidden-paths";
import type { AuthKind, HiddenPath } from "./types";

const MAX_BODY_BYTES = 1024 * 1024;
/** The prefix of the control endpoint. */
export const CONTROL_PREFIX = "/__emulator/";

/** What the handler works with. */
export interface HandlerDeps {
  routes: Route[];
  authenticator: Authenticator;
  faults: FaultEngine;
  log: RequestLog;
  clock: Clock;
  /** The gateway's throttling. */
  rateLimits: RateLimits;
  /** The paths hidden behind a gateway's or a proxy's 404 right now. */
  hidden(): readonly HiddenPath[];
  /** Answers control-endpoint requests. */
  control(method: string, path: string, body: Buffer): Reply;
}

/** Creates the `node:http` request listener. */
export function createRequestHandler(
  deps: HandlerDeps,
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    handle(deps, req, res).catch((error: unknown) => {
      if (!res.headersSent) {
        send(
          res,
          gatewayError(500, "APIG.0103", `Emulator failure: ${String(error)}`, "-"),
          "-",
          deps.clock.now(),
        );
      } else {
        res.destroy();
      }
    });
  };
}

async function handle(deps: HandlerDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const startedPerf = performance.now();
  const startedAt = deps.clock.now();
  const method = (req.method ?? "GET").toUpperCase();
  const rawUrl = req.url ?? "/";
  const queryAt = rawUrl.indexOf("?");
  const rawPath = queryAt < 0 ? rawUrl : rawUrl.slice(0, queryAt);
  const rawQuery = queryAt < 0 ? "" : rawUrl.slice(queryAt + 1);
  const headers = flattenHeaders(req);
  const body = await readBody(req);
  const requestId = randomUUID().replace(/-/g, "");

  if (rawPath.startsWith(CONTROL_PREFIX)) {
    send(
      res,
      body === undefined ? tooLarge(requestId) : deps.control(method, rawPath, body),
      requestId,
      deps.clock.now(),
    );
    return;
  }

  const candidates = deps.routes.filter((r) => matchTemplate(r.template, rawPath) !== undefined);
  const route = candidates.find((r) => r.method === method);
  const template = route?.template ?? candidates[0]?.template ?? templateOfUnknownPath(rawPath);
  const key = `${method} ${template}`;
  deps.log.count(key);

  let authKind: AuthKind = route?.auth === "password" ? "password" : "none";
  const hidden = hiddenReply(deps.hidden(), { method, path: rawPath, template, requestId });
  const fault =
    route && !hidden ? deps.faults.choose(subjectOf(route, rawPath, headers, body)) : undefined;
  let projectId: string | undefined;
  let domainId: string | undefined;
  const finish = (status: number): void => {
    deps.log.add({
      method,
      path: rawPath,
      query: rawQuery,
      key,
      status,
      durationMs: performance.now() - startedPerf,
      authKind,
      headers: redactHeaders(headers),
      ...(fault ? { fault: fault.kind } : {}),
      ...(projectId !== undefined ? { projectId } : {}),
      ...(domainId !== undefined ? { domainId } : {}),
      startedAt,
    });
  };

  const reply = (answer: Reply): number => send(res, answer, requestId, deps.clock.now());
  if (hidden) {
    finish(reply(hidden));
    return;
  }
  const delay = deps.faults.latency() + (fault?.kind === "delay" ? (fault.delayMs ?? 0) : 0);
  // Not keeping the process alive: a request held far beyond its client's patience (a hang)
  // must not hold up the end of a test run once the server is closed; while it is open, the
  // server itself keeps the process alive.
  if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay).unref());

  if (fault?.kind === "reset-before") {
    resetConnection(req);
    finish(0);
    return;
  }
  const family: ApiFamily = route?.family ?? "vpc";
  const faultReply = fault ? replyForFault(fault, family, requestId) : undefined;
  if (faultReply) {
    finish(reply(faultReply));
    return;
  }
  if (body === undefined) {
    finish(reply(tooLarge(requestId)));
    return;
  }
  if (!route) {
    const refusal =
      candidates.length > 0
        ? {
            ...gatewayError(
              405,
              "APIG.0101",
              `Method ${method} is not allowed on ${rawPath}; allowed: ${candidates.map((c) => c.method).join(", ")}.`,
              requestId,
            ),
            headers: { Allow: candidates.map((c) => c.method).join(", ") },
          }
        : gatewayError(
            404,
            "APIG.0101",
            `The API does not exist or has not been published in the environment: ${method} ${rawPath}.`,
            requestId,
          );
    finish(reply(refusal));
    return;
  }

  if (route.auth !== "password") {
    if (fault?.kind === "expire-token" && headers["x-auth-token"] !== undefined) {
      deps.authenticator.revokeToken(headers["x-auth-token"]);
    }
    const outcome = deps.authenticator.authenticate(
      { method, rawPath, rawQuery, headers, body, requestId },
      route.auth === "project",
    );
    authKind = outcome.kind;
    if ("reply" in outcome) {
      finish(reply(authFailureFor(route.family, outcome.kind, outcome.reply)));
      return;
    }
    projectId = outcome.projectId;
    domainId = outcome.domainId;
  }

  // After authentication, because the gateway throttles per project, which the credentials name.
  const throttled = deps.rateLimits.admit(
    route.family === "iam" ? "iam" : "vpc",
    projectId,
    requestId,
  );
  if (throttled) {
    finish(reply(throttled));
    return;
  }

  const answer = route.handle({
    method,
    path: rawPath,
    params: matchTemplate(route.template, rawPath) ?? [],
    query: new URLSearchParams(rawQuery),
    headers,
    body,
    projectId,
    domainId,
    failBind: fault?.kind === "eip-error",
    requestId,
  });
  if (fault?.kind === "reset-after") {
    resetConnection(req);
    finish(0);
    return;
  }
  finish(reply(answer));
}

/** Which requests a fault may hit, as the fault engine sees them. */
function subjectOf(
  route: Route,
  path: string,
  headers: Record<string, string>,
  body: Buffer | undefined,
) {
  const parsed = route.mutation && body ? parseJson(body) : undefined;
  const inner = isObject(parsed) ? parsed["floatingip"] : undefined;
  const bind = isObject(inner) && typeof inner["port_id"] === "string";
  return {
    method: route.method,
    path,
    template: route.template,
    mutation: route.mutation,
    bind: route.mutation && route.method !== "DELETE" && bind,
    token: headers["x-auth-token"] !== undefined,
  };
}

/** IAM answers its own auth failures in its shape; the gateway answers the VPC's. */
function authFailureFor(family: ApiFamily, kind: AuthKind, reply: Reply): Reply {
  if (family !== "iam" || kind !== "token") return reply;
  const body = reply.body as { error_msg?: string } | undefined;
  return iamError(
    401,
    "Unauthorized",
    body?.error_msg ?? "The request you have made requires authentication.",
  );
}

function tooLarge(requestId: string): Reply {
  return gatewayError(
    413,
    "APIG.0201",
    `The request body exceeds ${MAX_BODY_BYTES} bytes.`,
    requestId,
  );
}

function flattenHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return out;
}

/** Reads the body; `undefined` when it is larger than the limit (the rest is drained). */
async function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size <= MAX_BODY_BYTES) chunks.push(buffer);
  }
  return size > MAX_BODY_BYTES ? undefined : Buffer.concat(chunks);
}

/** Drops the connection without an answer: the client sees a reset, the outcome is unknown. */
function resetConnection(req: IncomingMessage): void {
  const socket = req.socket;
  // A TCP RST where the socket supports it; TLS sockets are destroyed (the client sees a close).
  if (!(socket instanceof TLSSocket) && typeof socket.resetAndDestroy === "function") {
    socket.resetAndDestroy();
  } else {
    socket.destroy();
  }
}

/** Writes a reply with a `Date` from the emulator's clock (OTC's gateway sends one); returns its status. */
function send(res: ServerResponse, reply: Reply, requestId: string, nowMs: number): number {
  const headers: Record<string, string> = {
    Date: new Date(nowMs).toUTCString(),
    "X-Request-Id": requestId,
    ...reply.headers,
  };
  let payload: string | undefined;
  if (reply.text !== undefined) {
    headers["Content-Type"] = "text/html";
    payload = reply.text;
  } else if (reply.body !== undefined) {
    headers["Content-Type"] = "application/json;charset=UTF-8";
    payload = JSON.stringify(reply.body);
  }
  if (payload !== undefined) headers["Content-Length"] = String(Buffer.byteLength(payload));
  res.writeHead(reply.status, headers);
  res.end(payload);
  return reply.status;
}
