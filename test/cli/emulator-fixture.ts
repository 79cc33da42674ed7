/**
 * An emulator seeded for the CLI tests: seven IPv6 EIPs (two bound, three unbound created eight
 * days "ago" on the emulator's clock, two unbound created "now"), one IPv4 EIP on a third NIC and a
 * free fourth NIC; with distinctive credentials so that a leak would be visible.
 */
import { createCliClient } from "../../provider/cli/create-cli-client";
import type { OtcClient } from "../../provider/client/types";
import { parseOtcTime } from "../../provider/cli/parse-otc-time";
import type { Emulator } from "../emulator";
import { startEmulator } from "../emulator";

/** Credentials no output may contain. */
export const CREDENTIALS = {
  password: "pw-CLI-LEAK-CANARY-5f1e9a",
  secretKey: "sk-CLI-LEAK-CANARY-0b7c4d2e9f1a3c5e7b9d1f3a5c7e9b1d",
  accessKey: "AKCLILEAKCANARY00042",
};

/** A seeded emulator and what the tests need to know about it. */
export interface CliEmulator {
  emulator: Emulator;
  /** Env for password authentication (the flags give the endpoints). */
  env: Record<string, string>;
  /** Env for AK/SK authentication, with the VPC endpoint from OTC_VPC_ENDPOINT. */
  akskEnv: Record<string, string>;
  /** The connection flags. */
  flags: string[];
  /** Ports: [0] and [1] hold IPv6 EIPs, [2] an IPv4 EIP, [3] nothing. */
  ports: string[];
  /** Ids: the bound IPv6 EIPs, the old and the fresh unbound ones. */
  bound: string[];
  oldUnbound: string[];
  freshUnbound: string[];
  /** The emulator's "now" (epoch ms), a minute after the last creation. */
  now: number;
}

const EIGHT_DAYS_S = 8 * 86_400;

/** Starts and seeds an emulator; close it with `fixture.emulator.close()`. */
export async function startCliEmulator(): Promise<CliEmulator> {
  const emulator = await startEmulator({
    credentials: CREDENTIALS,
    ecsPorts: 4,
    // The emulator's clock is moved eight days ahead to age EIPs; AK/SK signatures dated by the
    // real clock must still be accepted.
    skewWindowSeconds: 2 * EIGHT_DAYS_S,
  });
  const env = {
    OS_USERNAME: emulator.userName,
    OS_PASSWORD: emulator.password,
    OS_USER_DOMAIN_NAME: emulator.domainName,
    OS_PROJECT_ID: emulator.projectId,
  };
  const flags = [
    "--auth-url",
    emulator.authUrl,
    "--vpc-endpoint",
    emulator.vpcEndpoint,
    "--region",
    emulator.region,
  ];
  const ports = emulator.ports.filter((p) => p.kind === "ecs").map((p) => p.id);
  const config = {
    "otc:authUrl": emulator.authUrl,
    "otc:vpcEndpoint": emulator.vpcEndpoint,
    "otc:region": emulator.region,
  };
  let client: OtcClient = await createCliClient(config, env, () => undefined);
  const net = emulator.externalNetworkId;
  const create = async (portId: string | null) =>
    (await client.createIpv6FloatingIp({ floatingNetworkId: net, portId })).id;
  try {
    const bound = [await create(ports[0] ?? null), await create(ports[1] ?? null)];
    const oldUnbound = [await create(null), await create(null), await create(null)];
    emulator.advanceClock(EIGHT_DAYS_S);
    // A fresh client: the old one's token has expired on the emulator's clock.
    await client.close();
    client = await createCliClient(config, env, () => undefined);
    const freshUnbound = [await create(null), await create(null)];
    emulator.createIpv4Eip(ports[2]);
    const created = emulator
      .state()
      .ipv6.map((e) => parseOtcTime(e.created_at) ?? 0)
      .reduce((a, b) => Math.max(a, b), 0);
    return {
      emulator,
      env,
      akskEnv: {
        OS_ACCESS_KEY: emulator.accessKey,
        OS_SECRET_KEY: emulator.secretKey,
        OS_PROJECT_ID: emulator.projectId,
        OS_AUTH_URL: emulator.authUrl,
        OS_REGION_NAME: emulator.region,
        OTC_VPC_ENDPOINT: emulator.vpcEndpoint,
      },
      flags,
      ports,
      bound,
      oldUnbound,
      freshUnbound,
      now: created + 60_000,
    };
  } catch (error) {
    await emulator.close();
    throw error;
  } finally {
    await client.close();
  }
}
