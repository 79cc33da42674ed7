import { createOtcClient } from "../../provider/client/otc-client";
import { startServer, type LoopbackServer } from "./helpers/loopback-server";
import { tokenSettings, wireEip } from "./helpers/settings-fixtures";
import { testClock } from "./helpers/test-clock";

const EIP_ID = "2567f393-5c76-42db-a397-477723ce41f7";
let server: LoopbackServer;

beforeAll(async () => {
  server = await startServer((_req, i) =>
    i === 0
      ? { status: 503, headers: { "x-request-id": "rid-503" } }
      : { status: 200, headers: { "x-request-id": "rid-ok" }, body: { floatingip: wireEip() } },
  );
});
afterAll(async () => {
  await server.close();
});

describe("debug log", () => {
  it("logs method, path, status, duration, request id and retry decisions", async () => {
    const lines: string[] = [];
    const client = createOtcClient(tokenSettings(server.url), {
      debug: true,
      logger: (l) => lines.push(l),
      clock: testClock(),
      random: () => 0.5,
      retry: { baseDelayMs: 10 },
    });
    await client.getIpv6FloatingIp(EIP_ID);
    await client.close();
    expect(lines).toEqual([
      expect.stringMatching(
        /^otc-client: GET \/v2\.0\/eip\/floatingips_v6\/[0-9a-f-]+ → 503 in \d+ ms \(attempt 1, request id rid-503\)$/,
      ),
      expect.stringMatching(/retrying in 5 ms \(attempt 2 of at most 8\)$/),
      expect.stringMatching(/→ 200 in \d+ ms \(attempt 2, request id rid-ok\)$/),
    ]);
  });

  it("is silent unless enabled", async () => {
    const lines: string[] = [];
    const client = createOtcClient(tokenSettings(server.url), { logger: (l) => lines.push(l) });
    await client.getIpv6FloatingIp(EIP_ID);
    await client.close();
    expect(lines).toEqual([]);
  });
});
