/**
 * `npm run emulator` (`tsx test/emulator/cli.ts`): starts the OTC API emulator and serves until
 * SIGINT/SIGTERM. With `--json` the first stdout line is one JSON object with the connection details
 * and `env` (the `OS_*` variables of one identity); otherwise a readable block with `pulumi config set` lines and `OS_*` exports. The credentials are
 * fixed and fake, and printed on purpose.
 *
 * Also `otc-ipv6-eip emulator` (the package's copy, built into `dist/emulator/`). It stops on
 * SIGINT/SIGTERM and when the process that started it goes away.
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
import type { Emulator, EmulatorOptions, HiddenPath, RateLimit, RateLimitOptions } from "./types";

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

/**
 * The environment that points `otc-ipv6-eip`, the provider or an OpenStack tool at the emulator:
 * one identity (AK/SK), so nothing warns that two are set. Printed as `export` lines, and as
 * `env` in the `--json` line.
 */
export function identityEnvironment(emulator: Emulator): Record<string, string> {
  return {
    OS_AUTH_URL: emulator.authUrl,
    OS_REGION_NAME: emulator.region,
    OS_PROJECT_ID: emulator.projectId,
    OS_ACCESS_KEY: emulator.accessKey,
    OS_SECRET_KEY: emulator.secretKey,
    OTC_VPC_ENDPOINT: emulator.vpcEndpoint,
    ...(emulator.caCertFile ? { OS_CACERT: emulator.caCertFile } : {}),
  };
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
    "Or through the environment (one identity, AK/SK; paste as is):",
    ...Object.entries(identityEnvironment(emulator)).map(([k, v]) => `  export ${k}=${v}`),
    "  # or, for password authentication instead (never both identities at once):",
    `  #   unset OS_ACCESS_KEY OS_SECRET_KEY; export OS_USER_DOMAIN_NAME=${emulator.domainName} OS_USERNAME=${emulator.userName} OS_PASSWORD=${emulator.password}`,
    "",
    "NIC ports (id, fixed IPv4, kind):",
    ...emulator.ports.map((p) => `  ${p.id}  ${p.fixedIp}  ${p.kind}`),
    ...emulator.projects
      .slice(1)
      .flatMap((project) => [
        "",
        `Project ${project.name} (${project.id}), same account: set project: "${project.name}" on an Ipv6Eip. Its NIC ports:`,
        ...project.ports.map((p) => `  ${p.id}  ${p.fixedIp}  ${p.kind}`),
      ]),
    "",
    `Answer style: ${describeStyle(emulator)}`,
    `Control endpoint: ${emulator.url}/__emulator/ (info, state, log, counts, faults, rate-limit, ports, ipv4-eips, clock, eip-status, ipv6-eips, answer-style, hidden)`,
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

/** Where the emulator CLI writes; `process.stdout`/`process.stderr` by default. */
export interface EmulatorCliIo {
  stdout: { write(chunk: string): unknown };
  stderr: { write(chunk: string): unknown };
}

/** How often the emulator looks whether the process that started it is still there. */
const PARENT_CHECK_MS = 500;

const USAGE = `Usage: otc-ipv6-eip emulator [options]   (from the repository: npm run emulator -- [options])

Starts the OTC API emulator on 127.0.0.1 (IAM, the IPv6 and IPv4 EIP APIs, networks, ports,
quotas) and serves until Ctrl+C, SIGTERM, or the process that started it goes away.

Options:
  --port <n>             TCP port (default 0: any free port, printed)
  --json                 print one JSON line with the connection details instead of the text
                         (its env: the OS_* variables of one identity, as the text's exports)
  --https                serve HTTPS with a throw-away CA (needs openssl); the CA is printed
  --latency <ms>         fixed latency per request      --jitter <ms>  random extra latency
  --seed <n>             seed of ids, addresses and random faults (default 1)
  --bind-delay <ms>      time a bind or unbind takes to settle (default 0)
  --quota <n>            EIP quota of the project, IPv4 and IPv6 together (default 50)
  --project <name>       one more project of the same account, e.g. eu-de_team-b, with its own
                         ports and EIPs, seen only by calls scoped to it (repeatable)
  --style classic|documented|sparse   how the IPv6 API answers (bind/unbind status, links)
  --hide gateway|proxy:<path>         answer a path (or a * prefix) with a gateway's 404
                         APIG.0101 or a proxy's HTML 404, e.g. a region without the IPv6 API:
                         --hide 'gateway:/v2.0/eip/floatingips_v6*'  (repeatable)
  --rate-limit <n/s> [--burst <n>], --iam-rate-limit <n/s> [--iam-burst <n>],
  --retry-after none|auto|<s>   the gateway's throttling (429 APIG.0308 / IAM.0012)
  -h, --help             this help
`;

/**
 * Runs the emulator CLI: parses `argv`, starts the emulator, prints its connection details and
 * resolves with the exit code once it has stopped (0 on SIGINT/SIGTERM or when the parent process
 * went away, 2 for a bad option, 1 when closing failed).
 */
export async function runEmulatorCli(
  argv: readonly string[],
  io: EmulatorCliIo = { stdout: process.stdout, stderr: process.stderr },
): Promise<number> {
  let values;
  try {
    values = parseArgs({
      args: [...argv],
      options: {
        port: { type: "string" },
        latency: { type: "string" },
        jitter: { type: "string" },
        seed: { type: "string" },
        "bind-delay": { type: "string" },
        quota: { type: "string" },
        project: { type: "string", multiple: true },
        style: { type: "string" },
        hide: { type: "string", multiple: true },
        https: { type: "boolean", default: false },
        json: { type: "boolean", default: false },
        "rate-limit": { type: "string" },
        burst: { type: "string" },
        "iam-rate-limit": { type: "string" },
        "iam-burst": { type: "string" },
        "retry-after": { type: "string" },
        help: { type: "boolean", short: "h", default: false },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    io.stderr.write(
      `emulator: ${error instanceof Error ? error.message : String(error)}\n${USAGE}`,
    );
    return 2;
  }
  if (values.help) {
    io.stdout.write(USAGE);
    return 0;
  }
  let options: EmulatorOptions;
  try {
    options = {
      port: numberOption("port", values.port),
      latencyMs: numberOption("latency", values.latency),
      latencyJitterMs: numberOption("jitter", values.jitter),
      seed: numberOption("seed", values.seed),
      bindDelayMs: numberOption("bind-delay", values["bind-delay"]),
      quota: numberOption("quota", values.quota),
      projects: values.project ?? [],
      answerStyle: styleOption(values.style),
      hiddenPaths: (values.hide ?? []).map(hideOption),
      https: values.https,
      rateLimit: rateLimitFromFlags(values),
    };
  } catch (error) {
    io.stderr.write(`emulator: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
  return serveUntilStopped(options, values.json, io);
}

/** Starts the emulator and resolves once a signal or the parent's exit has closed it. */
function serveUntilStopped(
  options: EmulatorOptions,
  json: boolean,
  io: EmulatorCliIo,
): Promise<number> {
  return new Promise<number>((resolve) => {
    // Handlers first: a signal during start-up still ends in a clean close and exit 0.
    const current: { emulator?: Emulator } = {};
    let stopRequested = false;
    let closing = false;
    const parent = process.ppid;
    const close = (running: Emulator): void => {
      if (closing) return;
      closing = true;
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      clearInterval(watch);
      running.close().then(
        () => resolve(0),
        (error: unknown) => {
          io.stderr.write(`emulator: close failed: ${String(error)}\n`);
          resolve(1);
        },
      );
    };
    const stop = (): void => {
      stopRequested = true;
      if (current.emulator) close(current.emulator);
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
    // Killing `npm run emulator` (or a test runner) does not signal this process: it is re-parented.
    // Unref'd: the server keeps the process alive while it serves; the watch must not after it.
    const watch = setInterval(() => {
      if (process.ppid !== parent) stop();
    }, PARENT_CHECK_MS);
    watch.unref();
    startEmulator(options).then(
      (started) => {
        current.emulator = started;
        if (stopRequested) {
          close(started);
          return;
        }
        if (json) {
          const extra = started.caPem
            ? { caPem: started.caPem, caCertFile: started.caCertFile }
            : {};
          const env = identityEnvironment(started);
          io.stdout.write(`${JSON.stringify({ ...connectionInfo(started), ...extra, env })}\n`);
        } else {
          io.stdout.write(`${describeEmulator(started)}\n`);
        }
      },
      (error: unknown) => {
        process.off("SIGINT", stop);
        process.off("SIGTERM", stop);
        clearInterval(watch);
        io.stderr.write(`emulator: ${error instanceof Error ? error.message : String(error)}\n`);
        resolve(1);
      },
    );
  });
}

// `npm run emulator` runs this file; `otc-ipv6-eip emulator` loads it and calls runEmulatorCli.
// Exits explicitly once stopped: under tsx, its esbuild service may still hold the event loop.
if (require.main === module) {
  void runEmulatorCli(process.argv.slice(2)).then((code) => process.exit(code));
}
