/**
 * The stack config that points a Pulumi program at an emulator — what `pulumi config set otc:*`
 * gives a user — for the demo, the benchmark and the tests, and the lines the emulator's CLI prints.
 */
import type { EmulatorInfo } from "./types";

/** Keys whose values a user sets with `pulumi config set --secret`. */
const SECRET_KEYS = new Set(["otc:password", "otc:secretKey"]);

/** The config of a password user: endpoints, project by name, user, domain and password. */
export function passwordStackConfig(info: EmulatorInfo): Record<string, string> {
  return {
    "otc:region": info.region,
    "otc:authUrl": info.authUrl,
    "otc:vpcEndpoint": info.vpcEndpoint,
    "otc:projectName": info.projectName,
    "otc:domainName": info.domainName,
    "otc:userName": info.userName,
    "otc:password": info.password,
  };
}

/** The config of an access-key user: endpoints, project id, AK/SK and, when given, the signing format. */
export function akskStackConfig(
  info: EmulatorInfo,
  signingFormat?: "credential" | "access",
): Record<string, string> {
  return {
    "otc:region": info.region,
    "otc:authUrl": info.authUrl,
    "otc:vpcEndpoint": info.vpcEndpoint,
    "otc:projectId": info.projectId,
    "otc:accessKey": info.accessKey,
    "otc:secretKey": info.secretKey,
    ...(signingFormat ? { "otc:signingFormat": signingFormat } : {}),
  };
}

/** `pulumi config set` command lines for a config, with `--secret` where a user should use it. */
export function configSetLines(config: Record<string, string>): string[] {
  return Object.entries(config).map(
    ([key, value]) => `pulumi config set ${SECRET_KEYS.has(key) ? "--secret " : ""}${key} ${value}`,
  );
}
