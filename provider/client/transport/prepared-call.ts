/**
 * What stays the same over every attempt of one call: the URL, the path and the target that
 * errors name, the counter key and the serialized body; and the request each attempt starts from.
 */
import type { RequestTarget } from "../../core/errors";
import type { ApiCall } from "../api/api-call";
import { percentEncode } from "../auth/percent-encode";
import { pathTemplate } from "./request-counter";

/** A request being prepared, which the authenticator adds headers to. */
export interface OutgoingRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string | undefined;
}

/** The per-call constants of an {@link ApiCall}. */
export interface PreparedCall {
  /** The call itself. */
  call: ApiCall;
  /** The full URL, query included. */
  url: string;
  /** The URL's path (what logs and errors name). */
  path: string;
  /** Method and path, for errors. */
  target: RequestTarget;
  /** The request counter's key. */
  countKey: string;
  /** The JSON body, serialized once. */
  body: string | undefined;
}

/** Builds `base + path + ?query` with the query encoded as the signature encodes it. */
export function buildUrl(call: Pick<ApiCall, "baseUrl" | "path" | "query">): string {
  const query = (call.query ?? []).map(([k, v]) => `${percentEncode(k)}=${percentEncode(v)}`);
  return `${call.baseUrl}${call.path}${query.length > 0 ? `?${query.join("&")}` : ""}`;
}

/** Computes the per-call constants of `call`. */
export function prepareCall(call: ApiCall): PreparedCall {
  const url = buildUrl(call);
  const path = new URL(url).pathname;
  return {
    call,
    url,
    path,
    target: { method: call.method, path },
    countKey: call.countKey ?? `${call.method} ${pathTemplate(path)}`,
    body: call.body === undefined ? undefined : JSON.stringify(call.body),
  };
}

/** A fresh request for one attempt, before the authenticator adds its headers. */
export function newOutgoingRequest(prepared: PreparedCall): OutgoingRequest {
  const { call, url, body } = prepared;
  return {
    method: call.method,
    url,
    headers: {
      accept: "application/json",
      ...(body !== undefined ? { "content-type": "application/json" } : {}),
      ...call.headers,
    },
    body,
  };
}
