/**
 * The default HTTP dispatcher: a keep-alive pool per origin, extra CA certificates when
 * configured, and `HTTPS_PROXY`/`HTTP_PROXY`/`NO_PROXY` honoured through undici's
 * `EnvHttpProxyAgent` when a proxy is set.
 */
import { rootCertificates } from "node:tls";
import { Agent, EnvHttpProxyAgent, type Dispatcher } from "undici";
import type { ResolvedSettings } from "../settings/settings";

/**
 * Connections kept per origin: as many as the client's default cap on requests in flight
 * (`DEFAULT_MAX_CONCURRENT_REQUESTS`), so that no request admitted by the cap waits for a socket.
 */
const CONNECTIONS_PER_ORIGIN = 32;

/** Builds the dispatcher for `settings`. */
export function createDispatcher(settings: ResolvedSettings): Dispatcher {
  const tls = settings.caCert ? { ca: [...rootCertificates, settings.caCert] } : undefined;
  const common = {
    connections: CONNECTIONS_PER_ORIGIN,
    keepAliveTimeout: 30_000,
    ...(tls ? { connect: tls } : {}),
  };
  const { httpsProxy, httpProxy, noProxy } = settings.proxy;
  if (httpsProxy === undefined && httpProxy === undefined) return new Agent(common);
  return new EnvHttpProxyAgent({
    ...common,
    ...(tls ? { requestTls: tls, proxyTls: tls } : {}),
    httpsProxy: httpsProxy?.reveal() ?? httpProxy?.reveal() ?? "",
    httpProxy: httpProxy?.reveal() ?? "",
    noProxy: noProxy ?? "",
  });
}
