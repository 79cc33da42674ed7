/**
 * `npm run emulator` (`tsx test/emulator/cli.ts`): starts the OTC API emulator and serves until
 * SIGINT/SIGTERM. With `--json` the first stdout line is one JSON object with the connection details;
 * otherwise a readable block with `pulumi config set` lines and `OS_*` exports. The credentials are
 * fixed and fake, and printed on purpose.
 *
 * Options: `--port <n>` (default 0: any free port), `--latency <ms>`, `--jitter <ms>`,
 * `--seed <n>`, `--bind-delay <ms>`, `--https`, `--json`; throttling: `--rate-limit <req/s>` and
 * `--burst <n>` (default 5) for VPC calls per project, `--iam-rate-limit <req/s>` and
 * `--iam-burst <n>` (default 5) for IAM, `--retry-after <none|auto|seconds>` (default none: no
 * `Retry-After` header, as OTC documents none; auto: the seconds until the next token); answers:
 * `--style classic|documented|sparse` (how the IPv6 API answers, see `answer-style.ts`),
 * `--hide gateway|proxy:<path>` (repeatable: answer that path, its template or a `*` prefix with a
 * gateway's `404 APIG.0101` or a proxy's HTML 404).
 */
import { parseArgs } from "node:util";
import { ANSWER_STYLE_NAMES, isAnswerStyleName } from "./answer-style";
import type { AnswerStyleName } from "./answer-style";
import { connectionInfo, startEmulator } from "./index";
import { akskStackConfig, configSetLines, passwordStackConfig } from "./stack-config";
import type { Emulator, HiddenPath, RateLimit, RateLimitOptions } from "./types";

function numberOption(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) {
    throw new Error(`--${name} must be a whole number >= 0; got "${value}".`);
  }
  return parsed;
}

function positiveNumber(name: string, value: string): number {
  const parsed = Number(value);
  if (!(parsed > 0) || !Number.isFinite(parsed)) {
    throw new Error(`--${name} must be a number > 0; got "${value}".`);
  }
  return parsed;
}

function retryAfterOption(value: string | undefined): RateLimit["retryAfter"] {
  if (value === undefined || value === "none") return false;
  if (value === "auto") return true;
  const seconds = numberOption("retry-after", value);
  if (seconds === undefined) return false;
  return seconds;
}

/** The throttling the flags ask for (`--rate-limit`, `--burst`, `--iam-*`, `--retry-after`). */
function rateLimitFromFlags(flags: {
  "rate-limit"?: string;
  burst?: string;
  "iam-rate-limit"?: string;
  "iam-burst"?: string;
  "retry-after"?: string;
}): RateLimitOptions {
  const retryAfter = retryAfterOption(flags["retry-after"]);
  const limit = (rate: string | undefined, burst: string | undefined, names: [string, string]) =>
    rate === undefined
      ? undefined
      : {
          requestsPerSecond: positiveNumber(names[0], rate),
          burst: numberOption(names[1], burst) ?? 5,
          retryAfter,
        };
  const vpc = limit(flags["rate-limit"], flags.burst, ["rate-limit", "burst"]);
  const iam = limit(flags["iam-rate-limit"], flags["iam-burst"], ["iam-rate-limit", "iam-burst"]);
  return { ...(vpc ? { vpc } : {}), ...(iam ? { iam } : {}) };
}

function styleOption(value: string | undefined): AnswerStyleName | undefined {
  if (value === undefined || isAnswerStyleName(value)) return value;
  throw new Error(`--style must be one of ${ANSWER_STYLE_NAMES.join(", ")}; got "${value}".`);
}

/** `--hide gateway:/v2.0/eip/floatingips_v6*` → a hidden path. */
export function hideOption(value: string): HiddenPath {
  const at = value.indexOf(":");
  const as = value.slice(0, at);
  const path = value.slice(at + 1);
  if (at < 0 || (as !== "gateway" && as !== "proxy") || !path.startsWith("/")) {
    throw new Error(
      `--hide takes gateway:<path> or proxy:<path> (a path, a template or a prefix ending in *); got "${value}".`,
    );
  }
  return { as, path };
}

/** The readable block printed without `--json`. */
export function describeEmulator(emulator: Emulator): string {
  const ca = emulator.caCertFile;
  const lines = [
    `OTC API emulator listening on ${emulator.url}`,
    `Region ${emulator.region}, project ${emulator.projectName} (${emulator.projectId}), external network admin_external_net (${emulator.externalNetworkId})`,
    "The credentials below are fixed and fake; they are printed on purpose.",
    "",
    "Point a Pulumi stack at it (password authentication):",
    ...configSetLines(passwordStackConfig(emulator)).map((l) => `  ${l}`),
    "or with AK/SK instead of the user name and password:",
    ...configSetLines(akskStackConfig(emulator))
      .filter((l) => /otc:(projectId|accessKey|secretKey) /.test(l))
      .map((l) => `  ${l}`),
    ...(ca ? [`  pulumi config set otc:caCert ${ca}`] : []),
    "",
    "Or through the environment:",
    `  export OS_AUTH_URL=${emulator.authUrl}`,
    `  export OS_REGION_NAME=${emulator.region}`,
    `  export OS_PROJECT_NAME=${emulator.projectName}`,
    `  export OS_PROJECT_ID=${emulator.projectId}`,
    `  export OS_USER_DOMAIN_NAME=${emulator.domainName}`,
    `  export OS_USERNAME=${emulator.userName}`,
    `  export OS_PASSWORD=${emulator.password}`,
    `  export OS_ACCESS_KEY=${emulator.accessKey}`,
    `  export OS_SECRET_KEY=${emulator.secretKey}`,
    `  export OTC_VPC_ENDPOINT=${emulator.vpcEndpoint}`,
    ...(ca ? [`  export OS_CACERT=${ca}`] : []),
    "",
    "NIC ports (id, fixed IPv4, kind):",
    ...emulator.ports.map((p) => `  ${p.id}  ${p.fixedIp}  ${p.kind}`),
    "",
    `Answer style: ${describeStyle(emulator)}`,
    `Control endpoint: ${emulator.url}/__emulator/ (info, state, log, counts, faults, rate-limit, ports, ipv4-eips, clock, eip-status, answer-style, hidden)`,
    "Stop with Ctrl+C.",
  ];
  return lines.join("\n");
}

function describeStyle(emulator: Emulator): string {
  const style = emulator.answerStyle();
  return (
    `bind answers ${style.bindStatus === "active" ? "ACTIVE at once" : "the previous status"}, ` +
    `unbind answers ${style.unbindStatus === "active" ? "ACTIVE" : "the previous status"}, ` +
    `list links ${style.listLinks}, a taken port on update answers ${style.takenPortOnUpdate}`
  );
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: "string" },
      latency: { type: "string" },
      jitter: { type: "string" },
      seed: { type: "string" },
      "bind-delay": { type: "string" },
      https: { type: "boolean", default: false },
      json: { type: "boolean", default: false },
      "rate-limit": { type: "string" },
      burst: { type: "string" },
      "iam-rate-limit": { type: "string" },
      "iam-burst": { type: "string" },
      "retry-after": { type: "string" },
      style: { type: "string" },
      hide: { type: "string", multiple: true },
    },
    strict: true,
  });
  // Handlers first: a signal during start-up still ends in a clean close and exit 0.
  const current: { emulator?: Emulator } = {};
  let stopRequested = false;
  let closing = false;
  const close = (running: Emulator): void => {
    if (closing) return;
    closing = true;
    running.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`emulator: close failed: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  const stop = (): void => {
    stopRequested = true;
    if (current.emulator) close(current.emulator);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  const started = await startEmulator({
    port: numberOption("port", values.port),
    latencyMs: numberOption("latency", values.latency),
    latencyJitterMs: numberOption("jitter", values.jitter),
    seed: numberOption("seed", values.seed),
    bindDelayMs: numberOption("bind-delay", values["bind-delay"]),
    https: values.https,
    rateLimit: rateLimitFromFlags(values),
    answerStyle: styleOption(values.style),
    hiddenPaths: (values.hide ?? []).map(hideOption),
  });
  current.emulator = started;
  if (stopRequested) {
    close(started);
    return;
  }
  if (values.json) {
    const extra = started.caPem ? { caPem: started.caPem, caCertFile: started.caCertFile } : {};
    process.stdout.write(`${JSON.stringify({ ...connectionInfo(started), ...extra })}\n`);
  } else {
    process.stdout.write(`${describeEmulator(started)}\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`emulator: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
});
