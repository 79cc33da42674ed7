/**
 * The acceptance run's own settings, read from the environment and checked before anything is
 * contacted. The OTC connection itself comes from the usual `OS_*` variables / clouds.yaml, as the
 * provider reads it.
 */
import * as path from "node:path";

/** What the run was told to do. */
export interface AcceptanceOptions {
  /** The one or two free NIC ports (ECS NIC ids) the run may bind EIPs to. */
  ports: string[];
  /** An ELB VIP port to try an IPv6 EIP on, if given. */
  elbPort: string | undefined;
  /** The local record of every EIP the run creates (JSON lines). */
  ledgerFile: string;
  /** Where the JSON report goes. */
  reportFile: string;
  /** A user project that already has the packed package installed (else one is packed now). */
  projectDir: string | undefined;
  /** The whole run's time limit in milliseconds (the final sweep has its own). */
  timeoutMs: number;
  /** The most HTTP requests the run may make (its own and the provider's together). */
  maxCalls: number;
  /** The emulator answer style to compare with; absent: every documented style. */
  compareStyle: string | undefined;
}

/** Bad acceptance settings: the message names each variable, its value and the fix. */
export class AcceptanceOptionsError extends Error {}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Default time limit of a run: 15 minutes. */
export const DEFAULT_TIMEOUT_SECONDS = 900;
/** Default bound on HTTP requests of a run. */
export const DEFAULT_MAX_CALLS = 600;

function positiveInteger(
  env: NodeJS.ProcessEnv,
  name: string,
  fallback: number,
  problems: string[],
): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) {
    problems.push(
      `${name}=${JSON.stringify(raw)} is not a whole number above 0; unset it for the default ${fallback}.`,
    );
    return fallback;
  }
  return value;
}

function portList(env: NodeJS.ProcessEnv, problems: string[]): string[] {
  const raw = env.OTC_ACCEPTANCE_PORTS;
  if (raw === undefined || raw.trim() === "") {
    problems.push(
      "OTC_ACCEPTANCE_PORTS is not set: give one or two ECS NIC port ids that hold no EIP, comma-separated (ECS → NICs → NIC ID).",
    );
    return [];
  }
  const ports = raw.split(",").map((p) => p.trim().toLowerCase());
  for (const port of ports) {
    if (!UUID.test(port)) {
      problems.push(
        `OTC_ACCEPTANCE_PORTS holds ${JSON.stringify(port)}, which is not a port id (a UUID such as 552389f5-8f4c-4bb7-9991-07233c315d60).`,
      );
    }
  }
  if (ports.length > 2) {
    problems.push(`OTC_ACCEPTANCE_PORTS holds ${ports.length} ports; give one or two.`);
  }
  if (new Set(ports).size !== ports.length) {
    problems.push(
      `OTC_ACCEPTANCE_PORTS names the same port twice (${raw}); give two different ports, or one.`,
    );
  }
  return ports;
}

/**
 * Reads and checks the acceptance settings.
 *
 * @param requirePorts false for `--sweep`, which needs no ports
 * @throws AcceptanceOptionsError listing every problem
 */
export function readAcceptanceOptions(
  env: NodeJS.ProcessEnv,
  cwd: string,
  requirePorts: boolean,
): AcceptanceOptions {
  const problems: string[] = [];
  const ports = requirePorts ? portList(env, problems) : [];
  const elbRaw = env.OTC_ACCEPTANCE_ELB_PORT?.trim().toLowerCase();
  const elbPort = elbRaw === undefined || elbRaw === "" ? undefined : elbRaw;
  if (elbPort !== undefined && !UUID.test(elbPort)) {
    problems.push(
      `OTC_ACCEPTANCE_ELB_PORT=${JSON.stringify(elbPort)} is not a port id (a UUID); give the load balancer's VIP port id, or unset it.`,
    );
  }
  if (elbPort !== undefined && ports.includes(elbPort)) {
    problems.push(
      `OTC_ACCEPTANCE_ELB_PORT ${elbPort} is also in OTC_ACCEPTANCE_PORTS; give the ELB VIP port only once.`,
    );
  }
  const timeoutSeconds = positiveInteger(
    env,
    "OTC_ACCEPTANCE_TIMEOUT",
    DEFAULT_TIMEOUT_SECONDS,
    problems,
  );
  const maxCalls = positiveInteger(env, "OTC_ACCEPTANCE_MAX_CALLS", DEFAULT_MAX_CALLS, problems);
  if (problems.length > 0) {
    throw new AcceptanceOptionsError(
      `test:acceptance cannot start:\n  - ${problems.join("\n  - ")}`,
    );
  }
  const dir = path.join(cwd, ".acceptance");
  const projectDir = env.OTC_ACCEPTANCE_PROJECT_DIR?.trim();
  const style = env.OTC_ACCEPTANCE_EMULATOR_STYLE?.trim();
  return {
    ports,
    elbPort,
    ledgerFile: path.resolve(
      cwd,
      env.OTC_ACCEPTANCE_LEDGER?.trim() || path.join(dir, "ledger.jsonl"),
    ),
    reportFile: path.resolve(
      cwd,
      env.OTC_ACCEPTANCE_REPORT?.trim() || path.join(dir, "report.json"),
    ),
    projectDir: projectDir ? path.resolve(cwd, projectDir) : undefined,
    timeoutMs: timeoutSeconds * 1000,
    maxCalls,
    compareStyle: style ? style : undefined,
  };
}
