/**
 * A second account for the look-up tests: its emulator options, its connection's stack config under
 * any namespace, and EIPs made through the API in any project.
 */
import { createOtcClient } from "../../provider/client/otc-client";
import { loadSettings } from "../../provider/client/settings/load-settings";
import type { Emulator } from "../emulator";

/** Another account of the emulator, reached through the named connection otc-prod. */
export const PROD = {
  domainName: "OTC-EU-DE-prod",
  userName: "prod-user",
  password: "prod-password-not-a-secret",
  accessKey: "EMULATORPRODAK000001",
  secretKey: "emulatorProdSecretKey0000000000000000000x",
  projects: ["eu-de_prod"],
};

/** The `<namespace>:*` stack config of the PROD account's connection (AK/SK, project by name). */
export function prodConnectionConfig(
  emulator: Emulator,
  namespace: string,
): Record<string, string> {
  return {
    [`${namespace}:region`]: emulator.region,
    [`${namespace}:authUrl`]: emulator.authUrl,
    [`${namespace}:vpcEndpoint`]: emulator.vpcEndpoint,
    [`${namespace}:projectName`]: PROD.projects[0]!,
    [`${namespace}:accessKey`]: PROD.accessKey,
    [`${namespace}:secretKey`]: PROD.secretKey,
  };
}

/** Creates an unbound IPv6 EIP through the API with these `otc:*` settings. */
export async function createEip(
  emulator: Emulator,
  config: Record<string, string>,
): Promise<{ id: string; address: string }> {
  const client = createOtcClient(await loadSettings(config, {}));
  try {
    const made = await client.createIpv6FloatingIp({
      floatingNetworkId: emulator.externalNetworkId,
    });
    return { id: made.id, address: made.floatingIpAddress };
  } finally {
    await client.close();
  }
}
