/** What every step of the acceptance run shares. */
import type { ProviderHelper } from "../harness";
import type { AcceptanceOptions } from "./acceptance-options";
import type { AcceptanceProject } from "./acceptance-project";
import type { AcceptanceReport } from "./acceptance-report";
import type { Ledger } from "./ledger";
import type { ProbeSession } from "./probe-session";

/** What the preflight needs: everything but the project and the helper, made after it. */
export interface PreflightContext {
  options: AcceptanceOptions;
  session: ProbeSession;
  ledger: Ledger;
  report: AcceptanceReport;
  /** The environment the helper and the CLI run with (the user's `OS_*` settings). */
  env: NodeJS.ProcessEnv;
  /** The run's deadline (epoch ms). */
  deadline: number;
  /** Port A (the first of `OTC_ACCEPTANCE_PORTS`). */
  portA: string;
  /** Port B, when two were given. */
  portB: string | undefined;
  facts: RunFacts;
}

/** The run's shared state; steps fill in `facts` for the steps after them. */
export interface RunContext extends PreflightContext {
  project: AcceptanceProject;
  helper: ProviderHelper;
}

/** What earlier steps learnt. */
export interface RunFacts {
  /** The external network's id. */
  externalNetworkId?: string;
  /** The program's checked inputs for a new resource on port A (with `__provider`). */
  inputsA?: Record<string, unknown>;
  /** The `__provider` text the SDK serialized. */
  providerText?: string;
  /** The provider-made EIP: its id, ledger key and latest outputs. */
  managed?: {
    id: string;
    key: string;
    outs: Record<string, unknown>;
    inputs: Record<string, unknown>;
  };
  /** The EIP the adopt step made and adopted. */
  adopted?: { id: string; key: string; ipv4: string | undefined };
}

/** A step that cannot run because an earlier one did not give it what it needs. */
export class StepSkipped extends Error {}

/** Fails a step with `message` unless `condition` holds. */
export function expect(condition: boolean, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

/** The value, or a skip naming what is missing. */
export function needs<T>(value: T | undefined, what: string): T {
  if (value === undefined)
    throw new StepSkipped(`needs ${what}, which an earlier step did not give`);
  return value;
}

/** A value as text for a message: strings as they are, anything else as JSON. */
export function show(value: unknown): string {
  return typeof value === "string" ? value : (JSON.stringify(value) ?? "undefined");
}
