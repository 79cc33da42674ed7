/** Reading headers of an HTTP answer. */
import type { HttpAnswer } from "./send-once";

/** The first value of header `name` (lower case), if any. */
export function headerValue(headers: HttpAnswer["headers"], name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** The request id OTC put on the answer, whichever of its headers carries it. */
export function requestIdOf(headers: HttpAnswer["headers"]): string | undefined {
  return (
    headerValue(headers, "x-request-id") ??
    headerValue(headers, "x-openstack-request-id") ??
    headerValue(headers, "x-compute-request-id")
  );
}
