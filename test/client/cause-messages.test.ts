/**
 * Messages that point at the real cause (issue 11 point 11): each case was seen reported as
 * something else. Client level, against loopback servers.
 */
import { createServer as createHttpServer, type Server } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import {
  AuthError,
  ConfigurationError,
  OutcomeUnknownError,
  TransportError,
} from "../../provider/core/errors";
import { createOtcClient } from "../../provider/client/otc-client";
import { resolveSettings } from "../../provider/client/settings/settings";
import {
  startServer,
  type LoopbackServer,
  type Reply,
  type SeenRequest,
} from "./helpers/loopback-server";
import { passwordSettings, PROJECT_ID, wireEip } from "./helpers/settings-fixtures";
import { testClock } from "./helpers/test-clock";

const EIP_ID = "2567f393-5c76-42db-a397-477723ce41f7";
const STATE_PROJECT = "fedcba9876543210fedcba9876543210";

let handler: (req: SeenRequest) => Reply = () => ({ status: 500 });
let server: LoopbackServer;

beforeAll(async () => {
  server = await startServer((req) => handler(req));
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  server.requests.length = 0;
});

const iamRefusal: Reply = {
  status: 401,
  body: {
    error: {
      code: 401,
      title: "Unauthorized",
      message: "The request you have made requires authentication.",
    },
  },
};

describe("a token refused for the project recorded in state", () => {
  it("names that project (not only the password) when the scope is not the configured one", async () => {
    handler = () => iamRefusal;
    const client = createOtcClient(passwordSettings(server.url), {
      clock: testClock(),
      projectId: STATE_PROJECT,
    });
    const error = await client.getIpv6FloatingIp(EIP_ID).catch((e: unknown) => e);
    await client.close();
    expect(error).toBeInstanceOf(AuthError);
    const message = (error as Error).message;
    expect(message).toContain(
      `project ${STATE_PROJECT}, the project this resource's state records`,
    );
    expect(message).toContain(`the configured project is ${PROJECT_ID}`);
    expect(message).not.toContain("pw-secret-0001");
    expect(server.requests).toHaveLength(1);
  });

  it("keeps blaming the password credentials when the scope is the configured project", async () => {
    handler = () => iamRefusal;
    const client = createOtcClient(passwordSettings(server.url), { clock: testClock() });
    const error = await client.getIpv6FloatingIp(EIP_ID).catch((e: unknown) => e);
    await client.close();
    expect((error as Error).message).toContain("IAM rejected the password credentials");
    expect((error as Error).message).not.toContain("state records");
  });
});

describe("a 503 on a POST", () => {
  it("says the outcome is unknown and that a rerun is the fix, not OTC support", async () => {
    handler = (req) =>
      req.path === "/v3/auth/tokens"
        ? {
            status: 201,
            headers: { "x-subject-token": "tok-1" },
            body: {
              token: { expires_at: "2099-01-01T00:00:00.000000Z", project: { id: PROJECT_ID } },
            },
          }
        : {
            status: 503,
            body: {
              error_code: "APIG.0201",
              error_msg: "Backend unavailable",
              request_id: "r-503",
            },
          };
    const client = createOtcClient(passwordSettings(server.url), { clock: testClock() });
    const error = await client
      .createIpv6FloatingIp({ floatingNetworkId: "5ce655fa-c911-4d2c-99f7-445bc1162ef8" })
      .catch((e: unknown) => e);
    await client.close();
    expect(error).toBeInstanceOf(OutcomeUnknownError);
    const message = (error as Error).message;
    expect(message).toContain("temporary fault: run again");
    expect(message).not.toMatch(/failed on its side: contact OTC support/);
    expect(
      server.requests.filter((r) => r.method === "POST" && r.path !== "/v3/auth/tokens"),
    ).toHaveLength(1);
  });
});

describe("proxies", () => {
  let proxy: Server;
  let proxyPort: number;
  let connects = 0;
  const sockets = new Set<Socket>();

  beforeAll(async () => {
    // A proxy that wants a login it never accepts.
    proxy = createHttpServer();
    proxy.on("connect", (_req, client: Socket) => {
      connects++;
      client.end(
        'HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="corp"\r\nContent-Length: 0\r\n\r\n',
      );
    });
    proxy.on("connection", (s: Socket) => {
      sockets.add(s);
      s.on("close", () => sockets.delete(s));
    });
    await new Promise<void>((r) => proxy.listen(0, "127.0.0.1", r));
    proxyPort = (proxy.address() as AddressInfo).port;
  });
  afterAll(async () => {
    for (const s of sockets) s.destroy();
    await new Promise((r) => proxy.close(r));
  });

  function settingsWith(env: Record<string, string>) {
    return resolveSettings({
      config: {
        "otc:region": "eu-de",
        "otc:vpcEndpoint": server.url,
        "otc:token": "tok",
        "otc:projectId": PROJECT_ID,
      },
      env,
    });
  }

  it("refuses a malformed HTTPS_PROXY before any request, naming it, redacted, with the fix", () => {
    for (const [name, value] of [
      ["HTTPS_PROXY", "http://bob:hunter2@proxy corp:3128"],
      ["https_proxy", "proxy.corp.example:3128"],
      ["HTTP_PROXY", "http://"],
    ] as const) {
      let error: unknown;
      try {
        settingsWith({ [name]: value });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ConfigurationError);
      const message = (error as Error).message;
      expect(message).toContain(`${name}: `);
      expect(message).toContain("http://proxy.example.com:3128");
      expect(message).not.toContain("hunter2");
      expect(message).not.toContain("bob");
      expect(message).not.toMatch(/^Invalid URL$/);
    }
  });

  it("fails at once on a proxy's 407, naming the proxy (redacted), without retrying", async () => {
    connects = 0;
    handler = () => ({ status: 200, body: { floatingip: wireEip() } });
    const client = createOtcClient(
      settingsWith({ HTTP_PROXY: `http://bob:hunter2@127.0.0.1:${proxyPort}` }),
      { clock: testClock() },
    );
    const error = await client.getIpv6FloatingIp(EIP_ID).catch((e: unknown) => e);
    await client.close();
    expect(error).toBeInstanceOf(TransportError);
    const message = (error as Error).message;
    expect(message).toContain(`HTTP_PROXY (http://***@127.0.0.1:${proxyPort})`);
    expect(message).toContain("407 Proxy Authentication Required");
    expect(message).not.toContain("hunter2");
    expect(connects).toBe(1);
    expect(client.requestCounts()).toEqual({ "GET /v2.0/eip/floatingips_v6/{id}": 1 });
    expect(server.requests).toHaveLength(0);
  });

  it("never calls a POST refused by the proxy an unknown outcome: it never left", async () => {
    const client = createOtcClient(settingsWith({ HTTP_PROXY: `http://127.0.0.1:${proxyPort}` }), {
      clock: testClock(),
    });
    const error = await client
      .createIpv6FloatingIp({ floatingNetworkId: "5ce655fa-c911-4d2c-99f7-445bc1162ef8" })
      .catch((e: unknown) => e);
    await client.close();
    expect(error).toBeInstanceOf(TransportError);
    expect(error).not.toBeInstanceOf(OutcomeUnknownError);
    expect((error as Error).message).toContain("never reached OTC");
  });
});
