/**
 * Error answers are read by status, method and OTC code together, as the VPC error-code appendix
 * lists them per operation: through the client's public calls against a loopback server, counting
 * how often each call was sent. A definitive answer is sent once, never retried as a transient
 * 500, and a definitive answer to a create never becomes "outcome unknown".
 */
import * as errors from "../../provider/core/errors";
import { createOtcClient } from "../../provider/client/otc-client";
import type { OtcClient } from "../../provider/client/types";
import { startServer, type LoopbackServer, type Reply } from "./helpers/loopback-server";
import { tokenSettings } from "./helpers/settings-fixtures";
import { testClock } from "./helpers/test-clock";

const EIP_ID = "2567f393-5c76-42db-a397-477723ce41f7";
const PORT = "552389f5-8f4c-4bb7-9991-07233c315d60";
const NETWORK = "5ce655fa-c911-4d2c-99f7-445bc1162ef8";
const EIP = {
  id: EIP_ID,
  status: "DOWN",
  floating_ip_address: "cdcd:910a:2222:5498:8475:1111:c013:8096",
  floating_network_id: NETWORK,
  port_id: null,
};

type Call = "create" | "update" | "delete" | "show";
const calls: Record<Call, (c: OtcClient) => Promise<unknown>> = {
  create: (c) => c.createIpv6FloatingIp({ floatingNetworkId: NETWORK, portId: PORT }),
  update: (c) => c.updateIpv6FloatingIpPort(EIP_ID, PORT),
  delete: (c) => c.deleteIpv6FloatingIp(EIP_ID),
  show: (c) => c.getIpv6FloatingIp(EIP_ID),
};
const vpc = (status: number, code: string, message: string): Reply => ({
  status,
  body: { code, message },
});

describe("error answers by status, method and code", () => {
  let server: LoopbackServer;
  let replies: Reply[] = [];
  beforeAll(async () => {
    server = await startServer(() => replies.shift() ?? { status: 200, body: { floatingip: EIP } });
  });
  afterAll(async () => {
    await server.close();
  });

  async function run(call: Call, reply: Reply): Promise<{ error: unknown; sent: number }> {
    replies = [reply];
    const before = server.requests.length;
    const client = createOtcClient(tokenSettings(server.url), {
      clock: testClock(),
      retry: { baseDelayMs: 1 },
    });
    const error = await calls[call](client).then(
      () => undefined,
      (e: unknown) => e,
    );
    await client.close();
    return { error, sent: server.requests.length - before };
  }

  const definitive: [string, Call, Reply, abstract new (...args: never[]) => Error, RegExp][] = [
    [
      "500 VPC.0503 on assign: OTC failed to assign",
      "create",
      vpc(500, "VPC.0503", "Failed to assign the EIP."),
      errors.OtcApiError,
      /VPC\.0503.*nothing was created/,
    ],
    [
      '500 VPC.0504 "FloatIp is null" on assign',
      "create",
      vpc(500, "VPC.0504", "FloatIp is null"),
      errors.OtcApiError,
      /VPC\.0504: FloatIp is null.*nothing was created/,
    ],
    [
      "500 VPC.0509 on update: the port already has a floating IP",
      "update",
      vpc(500, "VPC.0509", "The port already has a floating IP."),
      errors.NicAlreadyHasEipError,
      new RegExp(`VPC\\.0509.*port ${PORT}.*one EIP`),
    ],
    [
      "409 VPC.0522: IP in use",
      "update",
      vpc(409, "VPC.0522", "The IP address is in use."),
      errors.EipInUseError,
      /VPC\.0522.*in use/,
    ],
    [
      "500 VPC.0516 on delete: used by a load balancer",
      "delete",
      vpc(500, "VPC.0516", "The EIP is used by ELB."),
      errors.UsedByLoadBalancerError,
      /VPC\.0516.*load balancer/,
    ],
    [
      "500 VPC.0518 on delete: used by a firewall",
      "delete",
      vpc(500, "VPC.0518", "The EIP is used by a firewall."),
      errors.EipInUseError,
      /VPC\.0518.*firewall/,
    ],
    [
      "404 VPC.0504 on show: the floating IP is not found",
      "show",
      vpc(404, "VPC.0504", "The floating IP could not be found."),
      errors.FloatingIpNotFoundError,
      /VPC\.0504.*does not exist/,
    ],
    [
      "404 FloatingIPNotFound (Neutron) on delete",
      "delete",
      {
        status: 404,
        body: { NeutronError: { type: "FloatingIPNotFound", message: "gone", detail: "" } },
      },
      errors.FloatingIpNotFoundError,
      /HTTP 404: gone \(FloatingIPNotFound\)/,
    ],
  ];

  it.each(definitive)("%s: sent once, typed, never outcome-unknown", async (...row) => {
    const [, call, reply, type, message] = row;
    const { error, sent } = await run(call, reply);
    expect(sent).toBe(1);
    expect(error).toBeInstanceOf(type);
    expect(error).not.toBeInstanceOf(errors.OutcomeUnknownError);
    expect((error as Error).message).toMatch(message);
    expect((error as errors.OtcApiError).retryable).toBe(false);
  });

  it("a 500 VPC.0504 on assign is not a not-found", async () => {
    const { error } = await run("create", vpc(500, "VPC.0504", "FloatIp is null"));
    expect(error).not.toBeInstanceOf(errors.NotFoundError);
  });

  it("a port's not-found is not the floating IP's", async () => {
    const { error } = await run("update", {
      status: 404,
      body: { NeutronError: { type: "PortNotFound", message: "no port", detail: "" } },
    });
    expect(error).toBeInstanceOf(errors.NotFoundError);
    expect(error).not.toBeInstanceOf(errors.FloatingIpNotFoundError);
  });

  it.each<[string, Call, Reply]>([
    [
      "a gateway's 404 APIG.0101 on show",
      "show",
      {
        status: 404,
        body: {
          error_code: "APIG.0101",
          error_msg: "The API does not exist or has not been published in the environment",
          request_id: "r1",
        },
      },
    ],
    [
      "a proxy's HTML 404 on delete",
      "delete",
      { status: 404, body: "<html><body><h1>404 Not Found</h1>nginx</body></html>" },
    ],
    ["an empty 404 on update", "update", { status: 404 }],
  ])("%s says nothing about the EIP and names the endpoint", async (_name, call, reply) => {
    const { error, sent } = await run(call, reply);
    expect(sent).toBe(1);
    expect(error).toBeInstanceOf(errors.ApiNotFoundError);
    expect(error).not.toBeInstanceOf(errors.NotFoundError);
    const message = (error as Error).message;
    expect(message).toContain(server.url);
    expect(message).toContain("otc:vpcEndpoint");
    expect(message).toContain("HTTP 404");
  });

  it("a 500 VPC.0514 (backend fault) on assign is an unknown outcome, sent once", async () => {
    const { error, sent } = await run("create", vpc(500, "VPC.0514", "Backend error."));
    expect(sent).toBe(1);
    expect(error).toBeInstanceOf(errors.OutcomeUnknownError);
  });

  it("a 500 VPC.0514 on show is retried, and the retry's answer counts", async () => {
    const { error, sent } = await run("show", vpc(500, "VPC.0514", "Backend error."));
    expect(error).toBeUndefined();
    expect(sent).toBe(2);
  });
});
