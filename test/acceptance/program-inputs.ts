/**
 * The inputs the run's program registers, taken the way the engine gets them: the program runs
 * under the SDK's mocks (as in a preview) and its `Ipv6Eip`'s inputs, `__provider` included, are
 * what the harness hands back. Other inputs of the run reuse that `__provider` text.
 */
import { IPV6_EIP_TYPE, runProgram, urnFor } from "../harness";
import { ACCEPTANCE_PROJECT, ACCEPTANCE_STACK } from "./acceptance-project";
import type { RunContext } from "./run-context";

/** The URN of a resource of the run's program. */
export function acceptanceUrn(name: string): string {
  return urnFor(IPV6_EIP_TYPE, name, ACCEPTANCE_PROJECT, ACCEPTANCE_STACK);
}

/** Runs the program with `config` (keys without the project prefix) and returns its resource's inputs. */
export async function programInputs(
  ctx: RunContext,
  config: Record<string, string>,
): Promise<Record<string, unknown>> {
  const run = await runProgram({
    projectDir: ctx.project.dir,
    programFile: ctx.project.programFile,
    config: Object.fromEntries(
      Object.entries(config).map(([k, v]) => [`${ACCEPTANCE_PROJECT}:${k}`, v]),
    ),
    preview: true,
    project: ACCEPTANCE_PROJECT,
    stack: ACCEPTANCE_STACK,
    env: ctx.env,
  });
  if (run.error !== undefined) throw new Error(`the program failed: ${run.error}`);
  const eips = run.resources.filter((r) => r.type === IPV6_EIP_TYPE);
  const [eip] = eips;
  if (eips.length !== 1 || !eip)
    throw new Error(`the program registered ${eips.length} Ipv6Eip resources, expected 1`);
  return eip.inputs;
}

/** Inputs of a new resource built on the serialized provider text (as the program would give them). */
export function inputsWith(
  ctx: RunContext,
  values: Record<string, unknown>,
): Record<string, unknown> {
  const provider = ctx.facts.providerText;
  if (provider === undefined)
    throw new Error("the provider text is not known yet (the preview step did not run)");
  return { __provider: provider, suppressWarnings: true, ...values };
}
