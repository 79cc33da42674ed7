/**
 * Reaches an endpoint without credentials (`GET <url>/`): any HTTP answer proves the name, the
 * route, the proxy and TLS work; the answer's `Date` header gives OTC's clock.
 */
import { request } from "undici";
import type { Dispatcher } from "undici";
import type { DebugLog } from "../../client/transport/debug-log";

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
 * Sends one GET to `url` and reads the whole answer within `timeoutMs`, and writes a line to the
 * client's debug log (scrubbed like the client's own), so a count of the debug lines counts these
 * probes too.
 */
export async function probeEndpoint(
  url: string,
  dispatcher: Dispatcher,
  timeoutMs: number,
  log: DebugLog,
): Promise<ProbeResult> {
  const path = new URL(url).pathname;
  try {
    const res = await request(url, {
      method: "GET",
      dispatcher,
      signal: AbortSignal.timeout(timeoutMs),
    });
    await res.body.text();
    log.write(`GET ${path} → ${res.statusCode} (doctor probe)`);
    const date = res.headers["date"];
    const parsed = typeof date === "string" ? Date.parse(date) : NaN;
    return {
      ok: true,
      status: res.statusCode,
      serverDate: Number.isNaN(parsed) ? undefined : parsed,
      tls: url.startsWith("https:"),
    };
  } catch (error) {
    log.write(`GET ${path} → no answer (doctor probe)`);
    const code = codeOf(error);
    const message = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      tlsProblem: code !== undefined && TLS_CODES.test(code),
      message: code && !message.includes(code) ? `${message} (${code})` : message,
    };
  }
}
