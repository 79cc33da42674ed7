/**
 * The proxy settings from the environment (`https_proxy`/`HTTPS_PROXY`, `http_proxy`/`HTTP_PROXY`,
 * `no_proxy`/`NO_PROXY`, lower case first as curl reads them), checked before any request: a
 * malformed proxy URL would otherwise fail deep inside the HTTP client as a bare "Invalid URL".
 */
import type { ConfigurationProblem } from "../../core/errors";
import { describeValue } from "../../core/validate";
import { secret, type Secret } from "../auth/secret";

/** One proxy: its URL (it may hold credentials, so kept secret) and the variable that set it. */
export interface ProxyEntry {
  url: Secret;
  /** The environment variable it came from, e.g. `HTTPS_PROXY`. */
  variable: string;
}

/** Proxy settings from the environment. */
export interface ProxySettings {
  httpsProxy: Secret | undefined;
  httpProxy: Secret | undefined;
  noProxy: string | undefined;
  /** Where `httpsProxy` came from (for messages). */
  httpsProxyVariable?: string;
  /** Where `httpProxy` came from (for messages). */
  httpProxyVariable?: string;
}

/** The proxy protocols the HTTP client (undici's proxy agent) speaks. */
const PROXY_PROTOCOLS: ReadonlySet<string> = new Set(["http:", "https:", "socks5:", "socks:"]);

/** A proxy URL fit for a message: any user and password replaced by `***`. */
export function redactProxyUrl(value: string): string {
  return value.replace(/^([a-z][a-z0-9+.-]*:\/\/)?[^/@]*@/i, (_m, scheme: string | undefined) => {
    return `${scheme ?? ""}***@`;
  });
}

function pick(
  env: Record<string, string | undefined>,
  names: readonly string[],
): { name: string; value: string } | undefined {
  for (const name of names) {
    const value = env[name]?.trim();
    if (value) return { name, value };
  }
  return undefined;
}

/** Why `value` is not a usable proxy URL, or `undefined` when it is. */
function proxyProblem(value: string): string | undefined {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (url && PROXY_PROTOCOLS.has(url.protocol) && url.hostname !== "") return undefined;
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return "has no scheme (http://)";
  return url ? "is not an http://, https:// or socks5:// proxy URL with a host" : "is not a URL";
}

/**
 * Reads and checks the proxy variables; a malformed one adds a problem naming the variable, its
 * value with any credentials redacted, and the fix.
 */
export function readProxySettings(
  env: Record<string, string | undefined>,
  problems: ConfigurationProblem[],
): ProxySettings {
  const entries: Record<"https" | "http", ProxyEntry | undefined> = {
    https: undefined,
    http: undefined,
  };
  for (const [kind, names] of [
    ["https", ["https_proxy", "HTTPS_PROXY"]],
    ["http", ["http_proxy", "HTTP_PROXY"]],
  ] as const) {
    const found = pick(env, names);
    if (found === undefined) continue;
    const wrong = proxyProblem(found.value);
    if (wrong !== undefined) {
      problems.push({
        key: found.name,
        reason:
          `${describeValue(redactProxyUrl(found.value))} ${wrong}; write the proxy as a URL, e.g. ` +
          `"http://proxy.example.com:3128" (with "http://user:password@…" for a proxy that needs a ` +
          "login, special characters percent-encoded), or unset the variable.",
      });
      continue;
    }
    entries[kind] = { url: secret(found.value), variable: found.name };
  }
  const noProxy = pick(env, ["no_proxy", "NO_PROXY"])?.value;
  return {
    httpsProxy: entries.https?.url,
    httpProxy: entries.http?.url,
    noProxy,
    ...(entries.https ? { httpsProxyVariable: entries.https.variable } : {}),
    ...(entries.http ? { httpProxyVariable: entries.http.variable } : {}),
  };
}

/**
 * The proxy a request to `url` goes through, described for a message (`HTTPS_PROXY
 * (http://***@proxy:3128)`), or `undefined` when none is configured for its protocol. Mirrors how
 * the dispatcher picks one: HTTPS requests use the HTTPS proxy, else the HTTP one.
 */
export function describeProxyFor(proxy: ProxySettings, url: string): string | undefined {
  const https = url.startsWith("https:");
  const chosen =
    https && proxy.httpsProxy
      ? { url: proxy.httpsProxy, variable: proxy.httpsProxyVariable ?? "HTTPS_PROXY" }
      : proxy.httpProxy
        ? { url: proxy.httpProxy, variable: proxy.httpProxyVariable ?? "HTTP_PROXY" }
        : undefined;
  if (chosen === undefined) return undefined;
  return `${chosen.variable} (${redactProxyUrl(chosen.url.reveal())})`;
}
