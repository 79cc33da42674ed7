/**
 * The default HTTP dispatchers: keep-alive pools per origin, extra CA certificates when
 * configured, and `HTTPS_PROXY`/`HTTP_PROXY`/`NO_PROXY` honoured through undici's
 * `EnvHttpProxyAgent` when a proxy is set.
 *
 * Two pools: reads (GET) reuse connections for long; mutations (POST/PUT/DELETE) only go out on
 * connections idle for a short while. Why: a request written on a connection the server has
 * already decided to close is lost without an answer, and for a POST that means "may have been
 * sent" (an unknown outcome) although OTC never saw it. A server closes idle connections after
 * its keep-alive timeout (5 s is the common minimum; undici's default is 4 s); it often sends no
 * hint. A GET lost that way is simply retried; a mutation must not meet a stale connection.
 */
import { rootCertificates } from "node:tls";
import { Agent, EnvHttpProxyAgent, type Dispatcher } from "undici";
import type { ResolvedSettings } from "../settings/settings";

/**
 * Connections kept per origin: as many as the client's default cap on requests in flight
 * (`DEFAULT_MAX_CONCURRENT_REQUESTS`), so that no request admitted by the cap waits for a socket.
 */
const CONNECTIONS_PER_ORIGIN = 32;

/** How long an idle connection is kept for reads. */
const READ_IDLE_MS = 30_000;

/**
 * The longest a connection may have been idle and still carry a mutation: well below the
 * shortest keep-alive timeout servers commonly use (5 s), whether or not they announce it.
 */
export const MUTATION_IDLE_MS = 2_000;

/**
 * How much earlier than a server's `Keep-Alive: timeout=N` hint a mutation connection is dropped
 * (the hint counts from the server's side; the answer took time to arrive).
 */
const MUTATION_HINT_MARGIN_MS = 1_000;

/** The dispatchers of one client. */
export interface Dispatchers {
  /** For GET. */
  reads: Dispatcher;
  /** For POST, PUT and DELETE: connections never idle longer than {@link MUTATION_IDLE_MS}. */
  mutations: Dispatcher;
}

function createPool(
  settings: ResolvedSettings,
  keepAlive: {
    keepAliveTimeout: number;
    keepAliveMaxTimeout?: number;
    keepAliveTimeoutThreshold?: number;
  },
): Dispatcher {
  const tls = settings.caCert ? { ca: [...rootCertificates, settings.caCert] } : undefined;
  const common = {
    connections: CONNECTIONS_PER_ORIGIN,
    ...keepAlive,
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

/** Builds the read and mutation dispatchers for `settings`. */
export function createDispatchers(settings: ResolvedSettings): Dispatchers {
  return {
    reads: createPool(settings, { keepAliveTimeout: READ_IDLE_MS }),
    mutations: createPool(settings, {
      keepAliveTimeout: MUTATION_IDLE_MS,
      // A server's hint may shorten the idle time, never lengthen it past the bound.
      keepAliveMaxTimeout: MUTATION_IDLE_MS,
      keepAliveTimeoutThreshold: MUTATION_HINT_MARGIN_MS,
    }),
  };
}
