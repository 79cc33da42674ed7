/**
 * The names of a resource's inputs that are Pulumi secrets, as a plain output the provider can read.
 */
import * as pulumi from "@pulumi/pulumi";

/**
 * Which of `inputs` (each a `pulumi.Input` or undefined) are secrets (an output marked secret, or an object holding one), in the order
 * given. The result is neither secret nor unknown: it depends only on whether each input is
 * secret, which is known even in a preview where the value itself is not.
 *
 * Why: the dynamic-provider helper strips secrets from what the provider receives, so the provider
 * can keep the inputs it records secret only when it is told which ones were.
 */
export function secretInputNames(inputs: Record<string, unknown>): pulumi.Output<string[]> {
  const checks = Object.entries(inputs).map(async ([name, value]) => {
    if (value === undefined || value === null) return undefined;
    return (await pulumi.isSecret(pulumi.output(value))) ? name : undefined;
  });
  return pulumi.output(
    Promise.all(checks).then((names) => names.filter((n): n is string => n !== undefined)),
  );
}
