/** The type token of the project's resource, as the SDK registers it. */
export const IPV6_EIP_TYPE = "pulumi-nodejs:dynamic/otc:Ipv6Eip";

/**
 * Builds a resource URN the way the engine does for a top-level resource:
 * `urn:pulumi:<stack>::<project>::<type>::<name>`.
 */
export function urnFor(type: string, name: string, project = "project", stack = "stack"): string {
  return `urn:pulumi:${stack}::${project}::${type}::${name}`;
}
