/** Settings for client tests pointed at a loopback server. */
import { resolveSettings, type ResolvedSettings } from "../../../provider/client/settings/settings";

/** A project id in the documented 32-hex form. */
export const PROJECT_ID = "0123456789abcdef0123456789abcdef";

/** Settings with a pre-issued token against `url` (VPC and IAM both on the loopback server). */
export function tokenSettings(url: string, token = "tok-preissued-0001"): ResolvedSettings {
  return resolveSettings({
    config: {
      "otc:region": "eu-de",
      "otc:vpcEndpoint": url,
      "otc:authUrl": `${url}/v3`,
      "otc:token": token,
      "otc:projectId": PROJECT_ID,
    },
    env: {},
  });
}

/** Settings with a user name and password. */
export function passwordSettings(
  url: string,
  password = "pw-secret-0001",
  extra: Record<string, string> = {},
): ResolvedSettings {
  return resolveSettings({
    config: {
      "otc:region": "eu-de",
      "otc:vpcEndpoint": url,
      "otc:authUrl": `${url}/v3`,
      "otc:userName": "alice",
      "otc:password": password,
      "otc:domainName": "OTC-EU-DE-00000000001000000001",
      "otc:projectId": PROJECT_ID,
      ...extra,
    },
    env: {},
  });
}

/** Settings with an access key pair. */
export function akskSettings(url: string, extra: Record<string, string> = {}): ResolvedSettings {
  return resolveSettings({
    config: {
      "otc:region": "eu-de",
      "otc:vpcEndpoint": url,
      "otc:authUrl": `${url}/v3`,
      "otc:accessKey": "AKTEST0000000000000",
      "otc:secretKey": "SKtest-secret-0001",
      "otc:projectId": PROJECT_ID,
      ...extra,
    },
    env: {},
  });
}

/** A documented IPv6 EIP in wire form. */
export function wireEip(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: "2567f393-5c76-42db-a397-477723ce41f7",
    status: "DOWN",
    floating_ip_address: "cdcd:910a:2222:5498:8475:1111:c013:8096",
    floating_network_id: "5ce655fa-c911-4d2c-99f7-445bc1162ef8",
    router_id: "76c052d6-6a92-444c-b67d-147ee166a480",
    port_id: "552389f5-8f4c-4bb7-9991-07233c315d60",
    fixed_ip_address: "12.xx.xx.5",
    tenant_id: "6fd9b5fdb997425f97bc5ba1f0846084",
    ...overrides,
  };
}
