/**
 * The optional debug log (`OTC_DEBUG=1` or `OS_DEBUG=1`): one line per request attempt and retry
 * decision. Lines carry method, path, status, duration, request id and decisions only; every known
 * secret is also scrubbed from each line before it is written, as a second line of defence.
 */

/** Where log lines go. */
export type Logger = (line: string) => void;

/** Replaces every occurrence of a known secret with `[redacted]`; `add` teaches it a new one. */
export interface Redactor {
  (text: string): string;
  /** Adds a secret learnt at run time (e.g. an issued token). */
  add(secret: string): void;
}

/** A redactor for `secrets` (values shorter than 4 characters are ignored: too common to scrub). */
export function createRedactor(secrets: readonly string[]): Redactor {
  let list: string[] = [];
  const add = (s: string) => {
    if (s.length < 4 || list.includes(s)) return;
    // Longest first, so that a secret containing another is scrubbed whole.
    list = [...list, s].sort((a, b) => b.length - a.length);
  };
  secrets.forEach(add);
  const redact = (text: string) => {
    let out = text;
    for (const s of list) out = out.split(s).join("[redacted]");
    return out;
  };
  return Object.assign(redact, { add });
}

/** Writes debug lines when enabled, scrubbed of secrets. */
export class DebugLog {
  /**
   * @param enabled whether to write at all
   * @param logger the sink (default: standard error)
   * @param redact the secret scrubber
   */
  constructor(
    readonly enabled: boolean,
    private readonly logger: Logger,
    private readonly redact: Redactor,
  ) {}

  /** Writes one line, prefixed `otc-client:`. */
  write(line: string): void {
    if (this.enabled) this.logger(this.redact(`otc-client: ${line}`));
  }
}

/** The default sink: standard error. */
export const stderrLogger: Logger = (line) => {
  process.stderr.write(`${line}\n`);
};
