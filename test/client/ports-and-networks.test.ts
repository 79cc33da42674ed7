import { OtcApiError } from "../../provider/core/errors";
import { createOtcClient } from "../../provider/client/otc-client";
import type { OtcClient } from "../../provider/client/types";
import {
  startServer,
  type LoopbackServer,
  type Reply,
  type SeenRequest,
} from "./helpers/loopback-server";
import { tokenSettings } from "./helpers/settings-fixtures";
import { testClock } from "./helpers/test-clock";

const PORT = "552389f5-8f4c-4bb7-9991-07233c315d60";
const NET = "0a2228f2-7f8a-45f1-8e09-9039e1d09975";

let handler: (req: SeenRequest) => Reply = () => ({ status: 500 });
let server: LoopbackServer;
let client: OtcClient;

beforeAll(async () => {
  server = await startServer((req) => handler(req));
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  server.requests.length = 0;
  client = createOtcClient(tokenSettings(server.url), {
    clock: testClock(),
    retry: { maxAttempts: 1 },
  });
});
afterEach(async () => {
  await client.close();
});

describe("ports", () => {
  it("reads a port's device_owner, network and project", async () => {
    handler = () => ({
      status: 200,
      body: {
        port: {
          id: PORT,
          device_owner: "compute:eu-de-01",
          network_id: NET,
          tenant_id: "6fd9b5fdb997425f97bc5ba1f0846084",
        },
      },
    });
    expect(await client.getPort(PORT)).toEqual({
      id: PORT,
      deviceOwner: "compute:eu-de-01",
      networkId: NET,
      projectId: "6fd9b5fdb997425f97bc5ba1f0846084",
    });
    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      `GET /v2.0/ports/${PORT}`,
    ]);
  });

  it("answers null only for Neutron's 404 PortNotFound", async () => {
    handler = () => ({
      status: 404,
      body: { NeutronError: { type: "PortNotFound", message: `Port ${PORT} could not be found.` } },
    });
    expect(await client.getPort(PORT)).toBeNull();
  });

  it("throws for a gateway's 404 (the API is not there), which says nothing about the port", async () => {
    handler = () => ({
      status: 404,
      body: {
        error_code: "APIG.0101",
        error_msg: "The API does not exist or has not been published in the environment",
      },
    });
    await expect(client.getPort(PORT)).rejects.toBeInstanceOf(OtcApiError);
  });

  it("throws a clear error for an answer without a port object", async () => {
    handler = () => ({ status: 200, body: { ports: [] } });
    await expect(client.getPort(PORT)).rejects.toThrow(/no port/);
  });
});

describe("networks", () => {
  it("reads router:external (true, false, or the string True)", async () => {
    for (const [value, external] of [
      [true, true],
      [false, false],
      ["True", true],
      [undefined, false],
    ] as const) {
      handler = () => ({
        status: 200,
        body: { network: { id: NET, name: "n", "router:external": value } },
      });
      expect(await client.getNetwork(NET)).toEqual({ id: NET, name: "n", external });
    }
  });

  it("answers null for Neutron's 404 NetworkNotFound", async () => {
    handler = () => ({
      status: 404,
      body: {
        NeutronError: { type: "NetworkNotFound", message: `Network ${NET} could not be found.` },
      },
    });
    expect(await client.getNetwork(NET)).toBeNull();
  });
});
