/**
 * Where the examples live and what each one promises, shared by the example tests.
 */
import * as path from "node:path";

/** The repository's `examples/` folder. */
export const EXAMPLES_DIR = path.resolve(__dirname, "..", "..", "examples");

/** The package name every example program imports. */
export const PACKAGE_NAME = "pulumi-otc-ipv6-eip";

/** The example Pulumi projects (the policy pack and the workflow are checked apart). */
export const EXAMPLE_PROJECTS = [
  "basic",
  "elb",
  "adopt",
  "dual-stack-ecs",
  "guard",
  "multi-project",
] as const;

/** One example project's name. */
export type ExampleProject = (typeof EXAMPLE_PROJECTS)[number];

/** Absolute path of a file in an example. */
export function examplePath(example: string, ...parts: string[]): string {
  return path.join(EXAMPLES_DIR, example, ...parts);
}
