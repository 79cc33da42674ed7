/**
 * Paths the emulator hides behind a 404 that is not OTC's own not-found for an object: the API
 * gateway's `404 APIG.0101` (a region without the API, a wrong endpoint) or a forward proxy's HTML
 * page. A client must not read either as "the EIP is gone".
 */
import { gatewayError } from "./reply";
import type { Reply } from "./reply";
import { pathMatches } from "./route";
import type { HiddenPath } from "./types";

/** The proxy's page, as nginx-style proxies send it. */
const PROXY_PAGE =
  "<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>proxy</center>\r\n</body>\r\n</html>\r\n";

/** The 404 that hides `method path`, or `undefined` when it is not hidden. */
export function hiddenReply(
  hidden: readonly HiddenPath[],
  request: { method: string; path: string; template: string; requestId: string },
): Reply | undefined {
  const rule = hidden.find(
    (h) =>
      (h.method === undefined || h.method.toUpperCase() === request.method) &&
      pathMatches(h.path, request.path, request.template),
  );
  if (!rule) return undefined;
  if (rule.as === "proxy") return { status: 404, text: PROXY_PAGE };
  return gatewayError(
    404,
    "APIG.0101",
    "The API does not exist or has not been published in the environment",
    request.requestId,
  );
}
