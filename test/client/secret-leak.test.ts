import { inspect } from "node:util";
import { createOtcClient } from "../../provider/client/otc-client";
import { resolveSettings } from "../../provider/client/settings/settings";
import type { OtcClient } from "../../provider/client/types";
import {
  startServer,
  type LoopbackServer,
  type Reply,
  type SeenRequest,
} from "./helpers/loopback-server";
import { PROJECT_ID } from "./helpers/settings-fixtures";
import { testClock } from "./helpers/test-clock";

// Distinctive values that cannot appear anywhere by accident.
const PASSWORD = "Pw-LEAKCANARY-7f3a9c";
const SECRET_KEY = "Sk-LEAKCANARY-51d2e8";
const SECURITY_TOKEN = "Sts-LEAKCANARY-0b6e44";
const PREISSUED_TOKEN = "Tok-LEAKCANARY-c81f02";
const ISSUED_TOKEN = "Issued-LEAKCANARY-9e7d3b";
const CANARIES = [PASSWORD, SECRET_KEY, SECURITY_TOKEN, PREISSUED_TOKEN, ISSUED_TOKEN];
const EIP_ID = "2567f393-5c76-42db-a397-477723ce41f7";
const PORT = "552389f5-8f4c-4bb7-9991-07233c315d60";

let server: LoopbackServer;

/**
 * A hostile OTC: it echoes every credential it receives into its error messages, so that only
 * the client's own scrubbing keeps them out of errors.
 */
function hostile(req: SeenRequest, index: number): Reply {
  if (req.path === "/v3/auth/tokens") {
    return {
      status: 201,
      headers: { "x-subject-token": ISSUED_TOKEN },
      body: { token: { expires_at: "2099-01-01T00:00:00.000000Z", project: { id: PROJECT_ID } } },
    };
  }
  const echo = `${String(req.headers["x-auth-token"])} ${String(req.headers["x-security-token"])} ${req.body}`;
  const answers: Reply[] = [
    { status: 401, body: { error_code: "APIG.0301", error_msg: `bad auth ${echo}` } },
    { status: 500, body: { code: "VPC.0514", message: `backend ${echo}` } },
    { status: 409, body: { code: "VPC.0511", message: `port busy ${echo}` } },
    { status: 404, body: { NeutronError: { type: "X", message: `gone ${echo}` } } },
    "reset",
    { status: 400, body: `not json ${echo}` },
  ];
  return answers[index % answers.length]!;
}

beforeAll(async () => {
  server = await startServer((req, i) => hostile(req, i));
});
afterAll(async () => {
  await server.close();
});

function settingsFor(kind: "password" | "aksk" | "token") {
  const base = {
    "otc:region": "eu-de",
    "otc:vpcEndpoint": server.url,
    "otc:authUrl": `${server.url}/v3`,
    "otc:projectId": PROJECT_ID,
  };
  const identity =
    kind === "password"
      ? { "otc:userName": "alice", "otc:password": PASSWORD, "otc:domainName": "dom" }
      : kind === "aksk"
        ? {
            "otc:accessKey": "AKLEAKTEST",
            "otc:secretKey": SECRET_KEY,
            "otc:securityToken": SECURITY_TOKEN,
          }
        : { "otc:token": PREISSUED_TOKEN };
  return resolveSettings({ config: { ...base, ...identity }, env: { OTC_DEBUG: "1" } });
}

async function exercise(client: OtcClient): Promise<unknown[]> {
  const calls: (() => Promise<unknown>)[] = [
    () => client.getIpv6FloatingIp(EIP_ID),
    () => client.createIpv6FloatingIp({ floatingNetworkId: EIP_ID, portId: PORT }),
    () => client.updateIpv6FloatingIpPort(EIP_ID, PORT),
    () => client.deleteIpv6FloatingIp(EIP_ID),
    () => client.listIpv6FloatingIps({ portId: PORT }),
    () => client.listIpv4FloatingIpsOnPort(PORT),
    () => client.findExternalNetworkId(),
    () => client.createIpv6FloatingIp({ floatingNetworkId: EIP_ID }),
  ];
  const errors: unknown[] = [];
  for (const call of calls) {
    try {
      await call();
    } catch (e) {
      errors.push(e);
    }
  }
  return errors;
}

describe("no credential leaks into logs, error messages or error properties", () => {
  it.each(["password", "aksk", "token"] as const)("with %s authentication", async (kind) => {
    const lines: string[] = [];
    const client = createOtcClient(settingsFor(kind), {
      clock: testClock(),
      logger: (line) => lines.push(line),
      retry: { maxAttempts: 3, baseDelayMs: 1 },
      requestTimeoutMs: 2000,
    });
    const errors = await exercise(client);
    const clientView = inspect(client, { depth: 6 });
    await client.close();
    expect(errors.length).toBeGreaterThanOrEqual(5);
    expect(lines.length).toBeGreaterThan(5);
    const views = [
      clientView,
      ...lines,
      ...errors.flatMap((e) => [
        String(e),
        (e as Error).message,
        (e as Error).stack ?? "",
        JSON.stringify(e),
        inspect(e, { depth: 8, showHidden: false }),
      ]),
    ];
    for (const view of views) {
      for (const canary of CANARIES) expect(view).not.toContain(canary);
    }
    // The hostile server did echo them, so the scrubbing was exercised.
    expect(views.join("\n")).toContain("[redacted]");
  });
});
