/**
 * Runs the acceptance runner as `npm run test:acceptance` does (a plain node child with tsx, never
 * ts-jest) against an emulator over HTTPS, as if the emulator were the real cloud: the connection
 * in `OS_*` variables, its CA in `OS_CACERT`, and nothing of this process's own OTC settings.
 */
import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import * as os from "node:os";
import * as path from "node:path";
import * as readline from "node:readline";
import { Agent } from "undici";
import { repoRoot } from "../../harness";
import { call } from "../../emulator/helpers/emulator-client";
import type { Emulator } from "../../emulator";
import type { AcceptanceReportData } from "../acceptance-report";

/** The environment a user sets to point the run at a project: here, the emulator. */
export function emulatorEnv(
  emulator: Emulator,
  ports: string[],
  extra: NodeJS.ProcessEnv = {},
): NodeJS.ProcessEnv {
  return {
    OS_AUTH_URL: emulator.authUrl,
    OTC_VPC_ENDPOINT: emulator.vpcEndpoint,
    OS_REGION_NAME: emulator.region,
    OS_PROJECT_NAME: emulator.projectName,
    OS_USER_DOMAIN_NAME: emulator.domainName,
    OS_USERNAME: emulator.userName,
    OS_PASSWORD: emulator.password,
    ...(emulator.caCertFile ? { OS_CACERT: emulator.caCertFile } : {}),
    OTC_ACCEPTANCE_PORTS: ports.join(","),
    ...extra,
  };
}

/** A running acceptance child. */
export interface AcceptanceChild {
  child: ChildProcess;
  /** Lines printed so far. */
  lines: string[];
  /** Resolves with the first line matching `pattern`. */
  waitForLine(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
  stderr(): string;
  /** Kills the child if it is still running. */
  stop(): void;
}

/** The child's environment: this process's minus every `OS_*`/`OTC_*` variable, plus `env`. */
function childEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const base = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !k.startsWith("OS_") && !k.startsWith("OTC_")),
  );
  return { ...base, ...env };
}

const running = new Set<AcceptanceChild>();

/** Kills every acceptance child still running (for a test's afterAll). */
export function stopAcceptanceChildren(): void {
  for (const child of running) child.stop();
}

/** Starts `test/acceptance/main.ts` with `args` and exactly `env` for OTC. */
export function startAcceptance(env: NodeJS.ProcessEnv, args: string[] = []): AcceptanceChild {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", path.join(repoRoot, "test", "acceptance", "main.ts"), ...args],
    // No stdin: the runner must end on its own. Tests stop a child that outlives them (stop()).
    { cwd: repoRoot, env: childEnv(env), stdio: ["ignore", "pipe", "pipe"] },
  );
  const lines: string[] = [];
  const waiters: { pattern: RegExp; resolve: (line: string) => void }[] = [];
  readline.createInterface({ input: child.stdout }).on("line", (line) => {
    lines.push(line);
    for (const w of [...waiters]) {
      if (w.pattern.test(line)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(line);
      }
    }
  });
  let stderr = "";
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) =>
    child.once("exit", (code) => resolve(code)),
  );
  const handle: AcceptanceChild = {
    child,
    lines,
    exited,
    stderr: () => stderr,
    stop: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    },
    waitForLine(pattern, timeoutMs = 90_000) {
      const seen = lines.find((l) => pattern.test(l));
      if (seen !== undefined) return Promise.resolve(seen);
      return new Promise<string>((resolve, reject) => {
        const timer = setTimeout(
          () =>
            reject(
              new Error(
                `no line matching ${pattern} within ${timeoutMs} ms:\n${lines.join("\n")}\n${stderr}`,
              ),
            ),
          timeoutMs,
        );
        waiters.push({ pattern, resolve: (line) => (clearTimeout(timer), resolve(line)) });
        void exited.then(() => {
          clearTimeout(timer);
          reject(
            new Error(
              `the run exited without a line matching ${pattern}:\n${lines.join("\n")}\n${stderr}`,
            ),
          );
        });
      });
    },
  };
  running.add(handle);
  void exited.then(() => running.delete(handle));
  return handle;
}

/** A scratch folder for a run's ledger and report. */
export async function runFolder(): Promise<{
  dir: string;
  ledger: string;
  report: string;
  remove(): Promise<void>;
}> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "otc-acceptance-test-"));
  return {
    dir,
    ledger: path.join(dir, "ledger.jsonl"),
    report: path.join(dir, "report.json"),
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

/** Reads the JSON report a run wrote. */
export async function readReport(file: string): Promise<AcceptanceReportData> {
  return JSON.parse(await readFile(file, "utf8")) as AcceptanceReportData;
}

/**
 * EIPs that are not the run's, as another team's would be: an IPv6 EIP on another NIC and one
 * unbound, and an IPv4 EIP on a third NIC. The run must leave them alone.
 */
export async function seedForeignEips(
  emulator: Emulator,
  ports: { ipv6: string; ipv4: string },
): Promise<string[]> {
  const dispatcher = new Agent({ connect: { ca: emulator.caPem } });
  try {
    const ids: string[] = [];
    for (const port of [ports.ipv6, null]) {
      const made = await call(emulator, {
        method: "POST",
        path: "/v2.0/eip/floatingips_v6",
        body: {
          floatingip: {
            floating_network_id: emulator.externalNetworkId,
            ...(port ? { port_id: port } : {}),
          },
        },
        aksk: { format: "credential" },
        dispatcher,
      });
      if (made.status !== 200)
        throw new Error(`seeding an IPv6 EIP answered ${made.status}: ${made.text}`);
      ids.push(String(made.json.floatingip.id));
    }
    ids.push(emulator.createIpv4Eip(ports.ipv4).id);
    return ids;
  } finally {
    await dispatcher.close();
  }
}

/** The ids of every EIP the emulator holds, both families. */
export function emulatorEipIds(emulator: Emulator): string[] {
  const state = emulator.state();
  return [...state.ipv6, ...state.ipv4].map((e) => e.id).sort();
}
