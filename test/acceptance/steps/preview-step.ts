/** `pulumi preview` of a new resource: the program's inputs, then `check` with the live guard. */
import { acceptanceUrn, programInputs } from "../program-inputs";
import { expect } from "../run-context";
import type { RunContext } from "../run-context";

/** The preview step. */
export async function previewStep(ctx: RunContext): Promise<string> {
  const inputs = await programInputs(ctx, { portId: ctx.portA, name: "web-ipv6" });
  const provider = inputs["__provider"];
  expect(
    typeof provider === "string" && provider.length > 0,
    "the program's Ipv6Eip carries no __provider text",
  );
  ctx.facts.providerText = provider;
  const checked = await ctx.helper.check(acceptanceUrn("web-ipv6"), {}, inputs);
  expect(
    checked.failures.length === 0,
    `check refused a new Ipv6Eip on the free port ${ctx.portA}: ${JSON.stringify(checked.failures)}`,
  );
  ctx.facts.inputsA = checked.inputs;
  return `check passes a new Ipv6Eip on ${ctx.portA} (the live guard found the NIC free); __provider ${provider.length} characters`;
}
