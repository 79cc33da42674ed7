/**
 * Turns `argv` into a checked command: which command, its arguments and its options, with every
 * value validated before any API call. Built on `node:util` `parseArgs`, in its token mode so that
 * each mistake gets a message naming the option and the command.
 */
import { parseArgs } from "node:util";
import { UsageError } from "../core/errors";
import type { ProjectRef } from "../core/validate";
import { checkUuid, describeValue, readProjectRef } from "../core/validate";
import { parseDuration } from "./parse-duration";

/** The tool's commands. */
export type CommandName = "list" | "show" | "nic" | "orphans" | "doctor" | "adopt";

/** The statuses `--status` accepts (what the VPC API documents). */
export const STATUSES = ["ACTIVE", "DOWN", "ERROR"] as const;

/** OTC's largest `limit` for floating IP listings. */
export const MAX_PAGE_SIZE = 2000;

/** The options of every command, checked and converted. Absent options are `undefined`/`false`. */
export interface CliOptions {
  /** `--region`: overrides `OS_REGION_NAME` and the rest. */
  region?: string;
  /** `--auth-url`: the IAM endpoint. */
  authUrl?: string;
  /** `--vpc-endpoint`: the VPC endpoint (else `OTC_VPC_ENDPOINT`, else from the region). */
  vpcEndpoint?: string;
  /** `--cloud`: the clouds.yaml entry (else `OS_CLOUD`). */
  cloud?: string;
  /** `--project`: the project by name or id, over every other source of a project. */
  project?: ProjectRef;
  /** `--timeout`: how long one OTC call may keep retrying, in milliseconds. */
  timeoutMs?: number;
  /** `--progress`: progress on stderr even when it is not a terminal. */
  progress: boolean;
  /** `--json`: machine-readable output. */
  json: boolean;
  /** `list --port`: only EIPs bound to this NIC port. */
  port?: string;
  /** `list --status`: only EIPs in this status (upper case). */
  status?: (typeof STATUSES)[number];
  /** `list --unbound`: only EIPs bound to no port. */
  unbound: boolean;
  /** `--page-size`: the `limit` of each listing request. */
  pageSize?: number;
  /** `orphans --older-than`, in milliseconds. */
  olderThanMs?: number;
  /** `orphans --delete`. */
  delete: boolean;
  /** `orphans --delete --yes`: no confirmation. */
  yes: boolean;
  /** `adopt --name`: the resource name in the printed program. */
  name?: string;
}

/** A parsed command line. */
export type CommandLine =
  | { kind: "help"; topic: CommandName | undefined }
  | { kind: "version" }
  /** `emulator [options]`: its options are the emulator's own, passed on as they are. */
  | { kind: "emulator"; args: string[] }
  | { kind: "run"; command: CommandName; args: string[]; options: CliOptions };

type OptionName =
  | "region"
  | "auth-url"
  | "vpc-endpoint"
  | "cloud"
  | "project"
  | "timeout"
  | "progress"
  | "help"
  | "version"
  | "json"
  | "port"
  | "status"
  | "unbound"
  | "page-size"
  | "older-than"
  | "delete"
  | "yes"
  | "name";

const OPTIONS = {
  region: { type: "string" },
  "auth-url": { type: "string" },
  "vpc-endpoint": { type: "string" },
  cloud: { type: "string" },
  project: { type: "string" },
  timeout: { type: "string" },
  progress: { type: "boolean" },
  help: { type: "boolean", short: "h" },
  version: { type: "boolean", short: "V" },
  json: { type: "boolean" },
  port: { type: "string" },
  status: { type: "string" },
  unbound: { type: "boolean" },
  "page-size": { type: "string" },
  "older-than": { type: "string" },
  delete: { type: "boolean" },
  yes: { type: "boolean", short: "y" },
  name: { type: "string" },
} as const satisfies Record<OptionName, { type: "string" | "boolean"; short?: string }>;

const COMMON: readonly OptionName[] = [
  "region",
  "auth-url",
  "vpc-endpoint",
  "cloud",
  "project",
  "timeout",
  "progress",
  "help",
];

/** Per command: its options beyond the common ones, and how many arguments it takes. */
const COMMANDS: Record<CommandName, { options: readonly OptionName[]; args: readonly string[] }> = {
  list: { options: ["json", "port", "status", "unbound", "page-size"], args: [] },
  show: { options: ["json", "page-size"], args: ["<id | IPv6 | IPv4>"] },
  nic: { options: ["json"], args: ["<port-id>"] },
  orphans: { options: ["json", "older-than", "delete", "yes", "page-size"], args: [] },
  doctor: { options: ["json"], args: [] },
  adopt: { options: ["json", "name", "page-size"], args: ["<id | IPv6 | IPv4>"] },
};

/** Every command's name, in the order of the help overview. */
export const COMMAND_NAMES = Object.keys(COMMANDS) as readonly CommandName[];

/** The long options a command accepts (its own and the common ones), without the dashes. */
export function commandOptions(command: CommandName): readonly string[] {
  return [...COMMANDS[command].options, ...COMMON];
}

function isCommand(name: string): name is CommandName {
  return Object.prototype.hasOwnProperty.call(COMMANDS, name);
}

function isOptionName(name: string): name is OptionName {
  return Object.prototype.hasOwnProperty.call(OPTIONS, name);
}

const seeHelp = (command?: CommandName): string =>
  ` Run \`otc-ipv6-eip ${command ? `${command} ` : ""}--help\` for usage.`;

function parsePageSize(text: string): number {
  const n = /^\d{1,5}$/.test(text) ? Number(text) : NaN;
  if (!(n >= 1 && n <= MAX_PAGE_SIZE)) {
    throw new UsageError(
      `Invalid --page-size ${describeValue(text)}: expected a whole number from 1 to ${MAX_PAGE_SIZE}.`,
    );
  }
  return n;
}

/** Longest `--timeout`: an hour (a CLI call that retries longer is better stopped). */
const MAX_TIMEOUT_MS = 3_600_000;

function parseTimeout(text: string): number {
  const ms = parseDuration(text, "--timeout");
  if (ms < 1_000 || ms > MAX_TIMEOUT_MS) {
    throw new UsageError(
      `Invalid --timeout ${describeValue(text)}: expected from 1s to 1h, e.g. --timeout 30s.`,
    );
  }
  return ms;
}

/** A Pulumi resource name the printed program can use as is (no quotes to escape). */
function parseResourceName(text: string): string {
  const trimmed = text.trim();
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/.test(trimmed)) {
    throw new UsageError(
      `Invalid --name ${describeValue(text)}: expected letters, digits, ".", "_" or "-" (at most 100), e.g. --name web-ipv6.`,
    );
  }
  return trimmed;
}

function parseStatus(text: string): CliOptions["status"] {
  const upper = text.trim().toUpperCase();
  const found = STATUSES.find((s) => s === upper);
  if (!found) {
    throw new UsageError(
      `Invalid --status ${describeValue(text)}: expected one of ${STATUSES.join(", ")} (ACTIVE = bound, DOWN = unbound).`,
    );
  }
  return found;
}

function checkPortId(option: string, text: string): string {
  const failure = checkUuid(option, text, "the NIC's port id (ECS → NICs → NIC ID)");
  if (failure) throw new UsageError(`Invalid ${failure.property}: ${failure.reason}`);
  return text.toLowerCase();
}

function parseProject(text: string): ProjectRef {
  const read = readProjectRef("--project", text);
  if ("property" in read) throw new UsageError(`Invalid --project: ${read.reason}`);
  return read;
}

function nonEmpty(option: string, text: string): string {
  if (text.trim() === "") throw new UsageError(`Invalid --${option}: it is empty.`);
  return text.trim();
}

/**
 * Parses and checks a command line (without the `node` and script paths).
 *
 * @throws UsageError naming the unknown command or option, the missing or malformed value, or the
 *   missing argument, with a pointer to `--help`
 */
export function parseCommandLine(argv: readonly string[]): CommandLine {
  if (argv[0] === "emulator") return { kind: "emulator", args: argv.slice(1) };
  const { tokens, positionals } = parseArgs({
    args: [...argv],
    options: OPTIONS,
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const first = positionals[0];
  if (first === "emulator") {
    throw new UsageError(
      "`emulator` takes only its own options, after it: `otc-ipv6-eip emulator [--port N] [--json] ...`." +
        " Run `otc-ipv6-eip emulator --help` for them.",
    );
  }
  let command: CommandName | undefined;
  if (first !== undefined && first !== "help") {
    if (!isCommand(first)) {
      throw new UsageError(
        `Unknown command ${describeValue(first)}: expected one of ${[...Object.keys(COMMANDS), "emulator"].join(", ")}.${seeHelp()}`,
      );
    }
    command = first;
  }

  const allowed = new Set<OptionName>(
    command ? [...COMMON, ...COMMANDS[command].options] : [...COMMON, "version"],
  );
  const strings = new Map<OptionName, string>();
  const flags = new Set<OptionName>();
  for (const token of tokens) {
    if (token.kind !== "option") continue;
    const name = token.name;
    if (!isOptionName(name) || !allowed.has(name)) {
      const where = command ? ` of \`${command}\`` : "";
      throw new UsageError(`Unknown option ${token.rawName}${where}.${seeHelp(command)}`);
    }
    if (OPTIONS[name].type === "string") {
      if (token.value === undefined) {
        throw new UsageError(
          `Option --${name} needs a value, e.g. --${name}=<value>.${seeHelp(command)}`,
        );
      }
      if (strings.has(name)) throw new UsageError(`Option --${name} is given twice.`);
      strings.set(name, token.value);
    } else {
      if (token.value !== undefined) {
        throw new UsageError(
          `Option --${name} is a switch and takes no value (got ${describeValue(token.value)}).`,
        );
      }
      flags.add(name);
    }
  }

  if (first === "help") {
    const topic = positionals[1];
    if (topic !== undefined && !isCommand(topic)) {
      throw new UsageError(
        `No help for ${describeValue(topic)}: expected one of ${Object.keys(COMMANDS).join(", ")}.`,
      );
    }
    return { kind: "help", topic };
  }
  if (flags.has("help")) return { kind: "help", topic: command };
  if (flags.has("version")) return { kind: "version" };
  if (!command) throw new UsageError(`Missing command.${seeHelp()}`);

  const args = positionals.slice(1);
  const wanted = COMMANDS[command].args;
  if (args.length !== wanted.length) {
    const expected = wanted.length === 0 ? "no argument" : wanted.join(" ");
    throw new UsageError(
      `\`${command}\` takes ${expected}, got ${args.length === 0 ? "none" : args.map((a) => describeValue(a)).join(" ")}.${seeHelp(command)}`,
    );
  }

  const text = (name: OptionName): string | undefined => strings.get(name);
  const options: CliOptions = {
    progress: flags.has("progress"),
    json: flags.has("json"),
    unbound: flags.has("unbound"),
    delete: flags.has("delete"),
    yes: flags.has("yes"),
  };
  const region = text("region");
  if (region !== undefined) options.region = nonEmpty("region", region);
  const authUrl = text("auth-url");
  if (authUrl !== undefined) options.authUrl = nonEmpty("auth-url", authUrl);
  const vpcEndpoint = text("vpc-endpoint");
  if (vpcEndpoint !== undefined) options.vpcEndpoint = nonEmpty("vpc-endpoint", vpcEndpoint);
  const cloud = text("cloud");
  if (cloud !== undefined) options.cloud = nonEmpty("cloud", cloud);
  const project = text("project");
  if (project !== undefined) options.project = parseProject(project);
  const timeout = text("timeout");
  if (timeout !== undefined) options.timeoutMs = parseTimeout(timeout);
  const port = text("port");
  if (port !== undefined) options.port = checkPortId("--port", port);
  const status = text("status");
  if (status !== undefined) options.status = parseStatus(status);
  const pageSize = text("page-size");
  if (pageSize !== undefined) options.pageSize = parsePageSize(pageSize);
  const name = text("name");
  if (name !== undefined) options.name = parseResourceName(name);
  const olderThan = text("older-than");
  if (olderThan !== undefined) options.olderThanMs = parseDuration(olderThan);

  if (options.unbound && options.port !== undefined) {
    throw new UsageError("--unbound and --port contradict each other: an unbound EIP has no port.");
  }
  if (options.yes && !options.delete) {
    throw new UsageError("--yes only confirms --delete: add --delete to release the orphans.");
  }
  return { kind: "run", command, args, options };
}
