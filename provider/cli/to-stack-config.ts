/**
 * Maps the connection flags onto the stack-config keys the settings resolver reads, so that the
 * tool resolves settings exactly as the provider does: flags stand where stack config stands.
 */
import type { StackConfig } from "./cli-context";
import type { CliOptions } from "./parse-command-line";

/**
 * The stack config for the tool's flags. `OTC_VPC_ENDPOINT` fills `otc:vpcEndpoint` when
 * `--vpc-endpoint` is absent; everything else (`OS_*`, clouds.yaml) is left to the resolver.
 * `--project` becomes `otc:projectId` or `otc:projectName`, by its form.
 */
export function toStackConfig(
  options: Pick<CliOptions, "region" | "authUrl" | "vpcEndpoint" | "cloud" | "project">,
  env: Readonly<Record<string, string | undefined>>,
): StackConfig {
  const config: StackConfig = {};
  const vpcEndpoint = options.vpcEndpoint ?? (env.OTC_VPC_ENDPOINT?.trim() || undefined);
  if (options.region !== undefined) config["otc:region"] = options.region;
  if (options.authUrl !== undefined) config["otc:authUrl"] = options.authUrl;
  if (vpcEndpoint !== undefined) config["otc:vpcEndpoint"] = vpcEndpoint;
  if (options.cloud !== undefined) config["otc:cloud"] = options.cloud;
  if (options.project?.kind === "id") config["otc:projectId"] = options.project.id;
  if (options.project?.kind === "name") config["otc:projectName"] = options.project.name;
  return config;
}
