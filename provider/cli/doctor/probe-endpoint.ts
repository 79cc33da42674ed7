/**
 * Reaches an endpoint without credentials (`GET <url>/`): any HTTP answer proves the name, the
 * route, the proxy and TLS work; the answer's `Date` header gives OTC's clock.
 */
import { request } from "undici";
import type { Dispatcher } from "undici";

/** What one probe found. */
export type ProbeResult =
  | { ok: true; status: number; serverDate: number | undefined; tls: boolean }
  | { ok: false; tlsProblem: boolean; message: string };

const TLS_CODES = /CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|ERR_TLS|ERR_SSL|EPROTO/;

function codeOf(error: unknown): string | undefined {
  for (let c: unknown = error, depth = 0; c && depth < 4; depth++) {
    const code = (c as { code?: unknown }).code;
    if (typeof code === "string") return code;
    c = (c as { cause?: unknown }).cause;
  }
  return undefined;
}

/**
 * Sends one GET to `url` and reads the whole answer within `timeoutMs`. With `debug` (the
 * settings' `OTC_DEBUG`/`OS_DEBUG`) it writes the same line the client's debug log writes for an
 * attempt, so a count of the debug lines counts these probes too.
 */
export async function probeEndpoint(
  url: string,
  dispatcher: Dispatcher,
  timeoutMs: number,
  debug = false,
): Promise<ProbeResult> {
  const path = new URL(url).pathname;
  try {
    const res = await request(url, {
      method: "GET",
      dispatcher,
      signal: AbortSignal.timeout(timeoutMs),
    });
    await res.body.text();
    if (debug) process.stderr.write(`otc-client: GET ${path} → ${res.statusCode} (doctor probe)\n`);
    const date = res.headers["date"];
    const parsed = typeof date === "string" ? Date.parse(date) : NaN;
    return {
      ok: true,
      status: res.statusCode,
      serverDate: Number.isNaN(parsed) ? undefined : parsed,
      tls: url.startsWith("https:"),
    };
  } catch (error) {
    if (debug) process.stderr.write(`otc-client: GET ${path} → no answer (doctor probe)\n`);
    const code = codeOf(error);
    const message = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      tlsProblem: code !== undefined && TLS_CODES.test(code),
      message: code && !message.includes(code) ? `${message} (${code})` : message,
    };
  }
}
