/**
 * One HTTP exchange through undici, with a timeout covering connect, headers and body. It never
 * throws: a failure comes back as a {@link TransportFailure} saying whether the request may have
 * reached the server, which decides whether a POST may be retried.
 */
import { request, type Dispatcher } from "undici";

/** A request ready to go. */
export interface HttpRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
  /** Milliseconds for the whole exchange. */
  timeoutMs: number;
  /** Caller's abort signal. */
  signal?: AbortSignal;
  dispatcher: Dispatcher;
}

/** An HTTP answer (any status). */
export interface HttpAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** Why no HTTP answer came. */
export interface TransportFailure {
  /** False only when the request certainly did not reach the server (e.g. connection refused). */
  mayHaveBeenSent: boolean;
  /** The exchange hit its timeout. */
  timedOut: boolean;
  /** The caller aborted. */
  aborted: boolean;
  /** A TLS certificate problem (not worth retrying). */
  tls: boolean;
  /**
   * The HTTP status with which a proxy refused to open the tunnel (then the request never left
   * for OTC), or `undefined`.
   */
  proxyStatus?: number;
  /** The system or undici error code, if any. */
  code: string | undefined;
  /** A short description, free of secrets. */
  message: string;
  /** The underlying error. */
  cause: unknown;
}

/** The outcome of one exchange. */
export type SendResult =
  { ok: true; answer: HttpAnswer } | { ok: false; failure: TransportFailure };

const NOT_SENT = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "UND_ERR_CONNECT_TIMEOUT",
]);

function errorCode(e: unknown): string | undefined {
  for (let c: unknown = e, depth = 0; c && depth < 4; depth++) {
    const code = (c as { code?: unknown }).code;
    if (typeof code === "string") return code;
    c = (c as { cause?: unknown }).cause;
  }
  return undefined;
}

/** undici's errors for a proxy that refused the tunnel (CONNECT) or the request. */
const PROXY_REFUSAL = [
  /^Proxy response \((\d{3})\) !== 200 when HTTP Tunneling/,
  /^Proxy Authentication Required \((407)\)/,
];

function proxyStatusOf(e: unknown): number | undefined {
  for (let c: unknown = e, depth = 0; c && depth < 4; depth++) {
    const message = (c as { message?: unknown }).message;
    if (typeof message === "string") {
      for (const pattern of PROXY_REFUSAL) {
        const match = pattern.exec(message);
        if (match) return Number(match[1]);
      }
    }
    c = (c as { cause?: unknown }).cause;
  }
  return undefined;
}

function isTlsCode(code: string | undefined): boolean {
  return (
    code !== undefined &&
    (/CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|ERR_TLS|ERR_SSL/.test(code) || code === "EPROTO")
  );
}

/** Sends one request and reads the whole answer. */
export async function sendOnce(req: HttpRequest): Promise<SendResult> {
  const timer = new AbortController();
  // Not unref'd: while the exchange runs it is pending work, and `finally` clears it.
  const timeout = setTimeout(
    () => timer.abort(new Error(`no complete answer within ${req.timeoutMs} ms`)),
    req.timeoutMs,
  );
  const signal = req.signal ? AbortSignal.any([req.signal, timer.signal]) : timer.signal;
  try {
    const res = await request(req.url, {
      method: req.method,
      headers: req.headers,
      body: req.body,
      signal,
      dispatcher: req.dispatcher,
    });
    const body = await res.body.text();
    return { ok: true, answer: { status: res.statusCode, headers: res.headers, body } };
  } catch (e) {
    const code = errorCode(e);
    const timedOut = timer.signal.aborted;
    const aborted = !timedOut && req.signal?.aborted === true;
    const tls = isTlsCode(code);
    const base = e instanceof Error ? e.message : String(e);
    const message = timedOut
      ? `no complete answer within ${req.timeoutMs} ms`
      : `${base}${code && !base.includes(code) ? ` (${code})` : ""}`;
    const proxyStatus = proxyStatusOf(e);
    return {
      ok: false,
      failure: {
        mayHaveBeenSent:
          proxyStatus === undefined && !(code !== undefined && (NOT_SENT.has(code) || tls)),
        ...(proxyStatus !== undefined ? { proxyStatus } : {}),
        timedOut,
        aborted,
        tls,
        code,
        message,
        cause: e,
      },
    };
  } finally {
    clearTimeout(timeout);
  }
}
