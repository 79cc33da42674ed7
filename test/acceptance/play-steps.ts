/** The acceptance steps, in order. */
import type { PreflightContext, RunContext } from "./run-context";
import type { StepExtras, StepRunner } from "./step-runner";
import { adoptStep } from "./steps/adopt-step";
import { cliDoctorStep, cliListStep, cliNicStep, cliShowStep } from "./steps/cli-steps";
import { createStep } from "./steps/create-step";
import { deleteStep } from "./steps/delete-step";
import { derivedIpv4Step } from "./steps/derived-ipv4-step";
import { elbStep } from "./steps/elb-step";
import { ipv4GuardStep } from "./steps/ipv4-guard-step";
import { ipv6GuardStep } from "./steps/ipv6-guard-step";
import { preflightStep } from "./steps/preflight-step";
import { previewStep } from "./steps/preview-step";
import { rebindStep } from "./steps/rebind-step";
import { refreshStep } from "./steps/refresh-step";
import { releaseAdoptedStep } from "./steps/release-adopted-step";
import { unbindRefreshStep } from "./steps/unbind-refresh-step";

/** One step of the table: its name, what it does, and why it does not apply (if it does not). */
interface PlannedStep {
  name: string;
  play: (ctx: RunContext, extras: StepExtras) => Promise<string>;
  notApplicable?: (options: PreflightContext) => string | undefined;
}

/** The steps after the preflight, in the order they run. */
const STEPS: readonly PlannedStep[] = [
  { name: "preview: check a new Ipv6Eip", play: previewStep },
  { name: "guard: an IPv4 EIP already on the NIC", play: ipv4GuardStep },
  { name: "up: create the IPv6 EIP bound", play: createStep },
  { name: "the derived IPv4 (NAT64 twin)", play: derivedIpv4Step },
  { name: "guard: a second IPv6 EIP on the NIC", play: ipv6GuardStep },
  {
    name: "up: rebind to the second port",
    play: rebindStep,
    notApplicable: (ctx) => (ctx.portB ? undefined : "only one port given (OTC_ACCEPTANCE_PORTS)"),
  },
  { name: "refresh", play: refreshStep },
  { name: "refresh after an out-of-band unbind", play: unbindRefreshStep },
  { name: "destroy: delete", play: deleteStep },
  { name: "adopt an existing IPv6 EIP (adoptId)", play: adoptStep },
  { name: "cli: list", play: cliListStep },
  { name: "cli: show (by the NAT64 IPv4)", play: cliShowStep },
  { name: "cli: nic", play: cliNicStep },
  { name: "cli: doctor", play: cliDoctorStep },
  { name: "destroy with retainOnDelete, then release the adopted EIP", play: releaseAdoptedStep },
  {
    name: "an IPv6 EIP on the ELB VIP port",
    play: elbStep,
    notApplicable: (ctx) => (ctx.options.elbPort ? undefined : "no OTC_ACCEPTANCE_ELB_PORT given"),
  },
];

/** The preflight, before the project is packed: a failure stops the run before anything is made. */
export async function playPreflight(runner: StepRunner, ctx: PreflightContext): Promise<boolean> {
  const passed = await runner.run("preflight: the target and free ports", () => preflightStep(ctx));
  if (!passed) runner.stoppedBecause ??= "the preflight failed: nothing was created";
  return passed;
}

/** Plays every step after the preflight (with no context: records each as not run). */
export async function playSteps(
  runner: StepRunner,
  ctx: RunContext | undefined,
  base: PreflightContext,
): Promise<void> {
  for (const step of STEPS) {
    const why = step.notApplicable?.(base);
    if (why !== undefined) runner.skip(step.name, why);
    else if (ctx === undefined)
      runner.skip(step.name, `not run: ${runner.stoppedBecause ?? "the run stopped"}`);
    else await runner.run(step.name, (extras) => step.play(ctx, extras));
  }
}
