import { readFileSync } from "node:fs";
import { createServer as createHttpServer, type Server } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import { connect, type AddressInfo, type Socket } from "node:net";
import { join } from "node:path";
import { TransportError } from "../../provider/core/errors";
import { createOtcClient } from "../../provider/client/otc-client";
import { resolveSettings } from "../../provider/client/settings/settings";
import { PROJECT_ID, wireEip } from "./helpers/settings-fixtures";

const TLS = join(__dirname, "..", "fixtures", "tls");
const CA = readFileSync(join(TLS, "ca.pem"), "utf8");
const EIP_ID = "2567f393-5c76-42db-a397-477723ce41f7";

let https: Server;
let httpsUrl: string;
let proxy: Server;
let proxyUrl: string;
const tunnels: string[] = [];
const sockets = new Set<Socket>();

function track(server: Server) {
  server.on("connection", (s: Socket) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
}

beforeAll(async () => {
  https = createHttpsServer(
    { cert: readFileSync(join(TLS, "server.pem")), key: readFileSync(join(TLS, "server-key.pem")) },
    (_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ floatingip: wireEip() }));
    },
  );
  track(https);
  await new Promise<void>((r) => https.listen(0, "127.0.0.1", r));
  httpsUrl = `https://127.0.0.1:${(https.address() as AddressInfo).port}`;

  // A CONNECT proxy that records the tunnels it opens.
  proxy = createHttpServer();
  proxy.on("connect", (req, client: Socket, head: Buffer) => {
    tunnels.push(req.url ?? "");
    const [host, port] = (req.url ?? "").split(":");
    const upstream = connect(Number(port), host, () => {
      client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on("error", () => client.destroy());
    client.on("error", () => upstream.destroy());
    sockets.add(upstream);
    upstream.on("close", () => sockets.delete(upstream));
  });
  track(proxy);
  await new Promise<void>((r) => proxy.listen(0, "127.0.0.1", r));
  proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const s of sockets) s.destroy();
  await new Promise((r) => https.close(r));
  await new Promise((r) => proxy.close(r));
});

beforeEach(() => {
  tunnels.length = 0;
});

function settings(config: Record<string, string>, env: Record<string, string> = {}) {
  return resolveSettings({
    config: {
      "otc:region": "eu-de",
      "otc:vpcEndpoint": httpsUrl,
      "otc:token": "tok",
      "otc:projectId": PROJECT_ID,
      ...config,
    },
    env,
  });
}

describe("TLS", () => {
  it("trusts an endpoint signed by the CA given in otc:caCert", async () => {
    const client = createOtcClient(settings({ "otc:caCert": CA }));
    await expect(client.getIpv6FloatingIp(EIP_ID)).resolves.toMatchObject({ id: EIP_ID });
    await client.close();
  });

  it("rejects an unknown CA without retrying and points at otc:caCert", async () => {
    const client = createOtcClient(settings({}), { retry: { baseDelayMs: 1 } });
    const error = await client.getIpv6FloatingIp(EIP_ID).catch((e: unknown) => e);
    await client.close();
    expect(error).toBeInstanceOf(TransportError);
    expect((error as Error).message).toMatch(/TLS failed.*otc:caCert/);
    expect(client.requestCounts()).toEqual({ "GET /v2.0/eip/floatingips_v6/{id}": 1 });
  });
});

describe("proxies", () => {
  it("tunnels through HTTPS_PROXY", async () => {
    const client = createOtcClient(settings({ "otc:caCert": CA }, { HTTPS_PROXY: proxyUrl }));
    await expect(client.getIpv6FloatingIp(EIP_ID)).resolves.toMatchObject({ id: EIP_ID });
    await client.close();
    expect(tunnels).toEqual([httpsUrl.replace("https://", "")]);
  });

  it("bypasses the proxy for hosts in NO_PROXY", async () => {
    const client = createOtcClient(
      settings({ "otc:caCert": CA }, { HTTPS_PROXY: proxyUrl, NO_PROXY: "127.0.0.1" }),
    );
    await expect(client.getIpv6FloatingIp(EIP_ID)).resolves.toMatchObject({ id: EIP_ID });
    await client.close();
    expect(tunnels).toEqual([]);
  });
});
