/**
 * The installed package's CLI against the same project, while the adopted EIP exists: `list`,
 * `show` (by the NAT64 IPv4), `nic` (exit 5 on the bound NIC, 0 on a free one) and `doctor`
 * (when this build has it).
 */
import { runCli } from "../run-cli";
import type { CliRun } from "../run-cli";
import { StepSkipped, expect, needs } from "../run-context";
import type { RunContext } from "../run-context";
import type { StepExtras } from "../step-runner";

const CLI_TIMEOUT_MS = 120_000;

async function cli(ctx: RunContext, extras: StepExtras, args: string[]): Promise<CliRun> {
  const run = await runCli(ctx.project.cliEntry, args, {
    cwd: ctx.project.dir,
    env: ctx.env,
    timeoutMs: CLI_TIMEOUT_MS,
  });
  extras.addProviderCalls(run.calls);
  return run;
}

function parseJson(run: CliRun, what: string): unknown {
  try {
    return JSON.parse(run.stdout) as unknown;
  } catch {
    throw new Error(
      `${what} printed no JSON (exit ${String(run.code)}): ${run.stdout.slice(0, 200)} ${run.stderr.slice(0, 300)}`,
    );
  }
}

/** `otc-ipv6-eip list --json` holds the adopted EIP with its IPv4. */
export async function cliListStep(ctx: RunContext, extras: StepExtras): Promise<string> {
  const adopted = needs(ctx.facts.adopted, "the adopted EIP");
  const run = await cli(ctx, extras, ["list", "--json"]);
  expect(run.code === 0, `list exited ${String(run.code)}: ${run.stderr.slice(0, 300)}`);
  const items = parseJson(run, "list --json");
  expect(Array.isArray(items), "list --json printed no array");
  const mine = (items as Record<string, unknown>[]).find((e) => e["id"] === adopted.id);
  expect(mine !== undefined, `list does not show ${adopted.id}`);
  expect(
    mine["ipv4"] === adopted.ipv4 && mine["portId"] === ctx.portA,
    `list shows ${adopted.id} as ${JSON.stringify(mine)}`,
  );
  return `list shows ${adopted.id} with IPv4 ${adopted.ipv4 ?? "?"} on ${ctx.portA} (${(items as unknown[]).length} IPv6 EIPs in the project)`;
}

/** `otc-ipv6-eip show <ipv4> --json` finds the adopted EIP by its NAT64 IPv4. */
export async function cliShowStep(ctx: RunContext, extras: StepExtras): Promise<string> {
  const adopted = needs(ctx.facts.adopted, "the adopted EIP");
  const ipv4 = needs(adopted.ipv4, "the adopted EIP's IPv4");
  const run = await cli(ctx, extras, ["show", ipv4, "--json"]);
  expect(run.code === 0, `show ${ipv4} exited ${String(run.code)}: ${run.stderr.slice(0, 300)}`);
  const shown = parseJson(run, "show --json") as Record<string, unknown>;
  expect(
    shown["id"] === adopted.id,
    `show ${ipv4} found ${String(shown["id"])}, not ${adopted.id}`,
  );
  return `show ${ipv4} finds ${adopted.id}`;
}

/** `otc-ipv6-eip nic`: exit 5 on the NIC holding the adopted EIP, 0 on a free NIC. */
export async function cliNicStep(ctx: RunContext, extras: StepExtras): Promise<string> {
  const adopted = needs(ctx.facts.adopted, "the adopted EIP");
  const held = await cli(ctx, extras, ["nic", ctx.portA, "--json"]);
  expect(
    held.code === 5,
    `nic ${ctx.portA} (holding ${adopted.id}) exited ${String(held.code)}, not 5: ${held.stderr.slice(0, 300)}`,
  );
  const verdict = parseJson(held, "nic --json") as Record<string, unknown>;
  expect(verdict["hasEip"] === true, `nic --json says ${JSON.stringify(verdict)}`);
  if (!ctx.portB)
    return `nic ${ctx.portA} exits 5 (it holds ${adopted.id}); no second port to see a free NIC`;
  const free = await cli(ctx, extras, ["nic", ctx.portB, "--json"]);
  expect(
    free.code === 0,
    `nic ${ctx.portB} (free) exited ${String(free.code)}: ${free.stderr.slice(0, 300)}`,
  );
  return `nic ${ctx.portA} exits 5 (holds ${adopted.id}); nic ${ctx.portB} exits 0 (free)`;
}

/** `otc-ipv6-eip doctor` passes, when this build of the CLI has it. */
export async function cliDoctorStep(ctx: RunContext, extras: StepExtras): Promise<string> {
  const help = await cli(ctx, extras, ["help"]);
  if (!/^\s+doctor\b/m.test(help.stdout)) {
    throw new StepSkipped(
      "doctor is not available in this build of the CLI (otc-ipv6-eip help does not list it)",
    );
  }
  const run = await cli(ctx, extras, ["doctor"]);
  expect(
    run.code === 0,
    `doctor exited ${String(run.code)}: ${run.stdout.slice(-400)} ${run.stderr.slice(0, 300)}`,
  );
  return `doctor passes: ${run.stdout.trim().split("\n").slice(-1)[0] ?? ""}`;
}
