/**
 * Defence in depth for "no credential is ever printed": every line the tool writes passes through
 * a filter that masks the values of the credential variables in its environment. The client's
 * errors already carry no credential; this catches anything that would slip through regardless.
 */
import type { OutputStream } from "./cli-context";

/** Environment variables whose values are credentials. */
export const CREDENTIAL_VARIABLES = [
  "OS_PASSWORD",
  "OS_SECRET_KEY",
  "OS_ACCESS_KEY",
  "OS_TOKEN",
  "OS_AUTH_TOKEN",
  "OS_SECURITY_TOKEN",
  "OTC_PASSWORD",
  "OTC_SECRET_KEY",
  "OTC_ACCESS_KEY",
  "OTC_TOKEN",
] as const;

/** Values shorter than this are not masked: they would mangle ordinary output and guard nothing. */
const MIN_SECRET_LENGTH = 6;

/** Wraps a stream so that no credential value from `env` reaches it. */
export function redactOutput(
  stream: OutputStream,
  env: Readonly<Record<string, string | undefined>>,
): OutputStream {
  const secrets = CREDENTIAL_VARIABLES.map((name) => env[name])
    .filter((v): v is string => typeof v === "string" && v.length >= MIN_SECRET_LENGTH)
    .sort((a, b) => b.length - a.length);
  if (secrets.length === 0) return stream;
  const wrapped: OutputStream = {
    write: (chunk: string) => {
      let text = chunk;
      for (const s of secrets) text = text.split(s).join("[redacted]");
      return stream.write(text);
    },
  };
  if (stream.isTTY !== undefined) wrapped.isTTY = stream.isTTY;
  return wrapped;
}
