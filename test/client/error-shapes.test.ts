import * as errors from "../../provider/core/errors";
import { createOtcClient } from "../../provider/client/otc-client";
import { parseErrorBody } from "../../provider/client/transport/parse-error-body";
import { startServer, type LoopbackServer, type Reply } from "./helpers/loopback-server";
import { tokenSettings } from "./helpers/settings-fixtures";
import { testClock } from "./helpers/test-clock";

const EIP_ID = "2567f393-5c76-42db-a397-477723ce41f7";
const PORT = "552389f5-8f4c-4bb7-9991-07233c315d60";

describe("parseErrorBody reads every documented shape", () => {
  it.each<
    [string, string, { code?: string; message: string; requestId?: string; neutronType?: string }]
  >([
    [
      "code/message",
      '{"code":"VPC.0511","message":"The port already has a floating IP."}',
      { code: "VPC.0511", message: "The port already has a floating IP." },
    ],
    [
      "error_code/error_msg",
      '{"error_code":"APIG.0301","error_msg":"Incorrect IAM authentication information","request_id":"r-1"}',
      { code: "APIG.0301", message: "Incorrect IAM authentication information", requestId: "r-1" },
    ],
    [
      "error_msg embedding NeutronError JSON",
      JSON.stringify({
        error_code: "VPC.0514",
        error_msg:
          '{"NeutronError": {"message": "Port abc could not be found.", "type": "PortNotFound", "detail": ""}}',
      }),
      {
        code: "VPC.0514",
        message: "Port abc could not be found. (PortNotFound)",
        neutronType: "PortNotFound",
      },
    ],
    [
      "error_msg with text before the NeutronError JSON",
      JSON.stringify({
        error_code: "VPC.0514",
        error_msg:
          'neutron said: {"NeutronError": {"message": "Conflict", "type": "IpAddressInUse"}}',
      }),
      { code: "VPC.0514", message: "Conflict (IpAddressInUse)", neutronType: "IpAddressInUse" },
    ],
    [
      "NeutronError",
      '{"NeutronError":{"type":"FloatingIPNotFound","message":"Floating IP x could not be found","detail":""}}',
      {
        message: "Floating IP x could not be found (FloatingIPNotFound)",
        neutronType: "FloatingIPNotFound",
      },
    ],
    [
      "IAM error object",
      '{"error":{"code":401,"title":"Unauthorized","message":"The request you have made requires authentication."}}',
      { message: "Unauthorized: The request you have made requires authentication." },
    ],
    [
      "error object with an OTC code",
      '{"error":{"code":"IAM.0012","message":"too many requests"}}',
      { code: "IAM.0012", message: "too many requests" },
    ],
    [
      "nested error_code",
      '{"error":{"error_code":"VPC.0521","error_msg":"quota"}}',
      { code: "VPC.0521", message: "quota" },
    ],
    ["empty body", "", { message: "empty body" }],
    [
      "HTML",
      "<html><body><h1>502 Bad Gateway</h1>\n</body></html>",
      { message: "non-JSON body: 502 Bad Gateway" },
    ],
    ["unrecognised JSON", '{"foo":1}', { message: 'unrecognised error body {"foo":1}' }],
  ])("%s", (_name, body, expected) => {
    expect(parseErrorBody(body)).toEqual(expected);
  });

  it("keeps a message to one bounded line", () => {
    const parsed = parseErrorBody(
      `{"code":"VPC.0501","message":"a\\nb\\u0000c${"x".repeat(1000)}"}`,
    );
    expect(parsed.message).not.toContain("\n");
    expect(parsed.message).not.toContain(String.fromCharCode(0));
    expect(parsed.message.length).toBeLessThanOrEqual(301);
  });
});

describe("each OTC answer becomes the right typed error with an actionable message", () => {
  let server: LoopbackServer;
  let reply: Reply = { status: 500 };
  beforeAll(async () => {
    server = await startServer(() => reply);
  });
  afterAll(async () => {
    await server.close();
  });

  const cases: [string, Reply, abstract new (...args: never[]) => Error, RegExp][] = [
    [
      "404 VPC.0504",
      { status: 404, body: { code: "VPC.0504", message: "not found" } },
      errors.NotFoundError,
      /HTTP 404 VPC\.0504: not found.*does not exist/,
    ],
    [
      "404 NeutronError",
      { status: 404, body: { NeutronError: { type: "FloatingIPNotFound", message: "gone" } } },
      errors.NotFoundError,
      /HTTP 404: gone \(FloatingIPNotFound\)/,
    ],
    [
      "409 VPC.0511",
      { status: 409, body: { code: "VPC.0511", message: "has EIP" } },
      errors.NicAlreadyHasEipError,
      new RegExp(`VPC\\.0511.*port ${PORT}.*one EIP`),
    ],
    [
      "500 VPC.0509 in error_msg",
      { status: 500, body: { error_code: "VPC.0509", error_msg: "port has fip" } },
      errors.NicAlreadyHasEipError,
      /VPC\.0509: port has fip/,
    ],
    [
      "409 VPC.0510",
      { status: 409, body: { code: "VPC.0510", message: "bound" } },
      errors.EipBoundElsewhereError,
      /VPC\.0510.*unbind it/,
    ],
    [
      "409 VPC.0517",
      { status: 409, body: { code: "VPC.0517", message: "bound" } },
      errors.UnbindFirstError,
      /VPC\.0517.*unbind it first/,
    ],
    [
      "500 VPC.0508",
      { status: 500, body: { code: "VPC.0508", message: "invalid port" } },
      errors.InvalidPortError,
      new RegExp(`VPC\\.0508.*Port ${PORT} is not a usable NIC port`),
    ],
    [
      "500 VPC.0516",
      { status: 500, body: { code: "VPC.0516", message: "lb" } },
      errors.UsedByLoadBalancerError,
      /VPC\.0516.*load balancer/,
    ],
    [
      "409 VPC.0521",
      { status: 409, body: { code: "VPC.0521", message: "quota" } },
      errors.QuotaExceededError,
      /VPC\.0521.*EIP quota/,
    ],
    [
      "409 VPC.0532",
      { status: 409, body: { code: "VPC.0532", message: "none left" } },
      errors.NoFreeAddressesError,
      /VPC\.0532.*no free addresses/,
    ],
    [
      "403 VPC.0502",
      { status: 403, body: { code: "VPC.0502", message: "frozen" } },
      errors.OtcApiError,
      /VPC\.0502.*balance/,
    ],
    [
      "403",
      { status: 403, body: { error: { code: 403, title: "Forbidden", message: "no role" } } },
      errors.AuthError,
      /HTTP 403: Forbidden: no role.*VPC permissions/,
    ],
    [
      "400 VPC.0501",
      { status: 400, body: { code: "VPC.0501", message: "bad limit" } },
      errors.OtcApiError,
      /HTTP 400 VPC\.0501: bad limit.*check the inputs/,
    ],
    ["400 empty", { status: 400 }, errors.OtcApiError, /HTTP 400: empty body/],
  ];

  it.each(cases)("%s", async (_name, answer, type, message) => {
    reply = answer;
    const client = createOtcClient(tokenSettings(server.url), { clock: testClock() });
    const error = await client.updateIpv6FloatingIpPort(EIP_ID, PORT).catch((e: unknown) => e);
    await client.close();
    expect(error).toBeInstanceOf(type);
    expect((error as Error).message).toMatch(message);
    const api = error as errors.OtcApiError;
    expect(api.method).toBe("PUT");
    expect(api.path).toBe(`/v2.0/eip/floatingips_v6/${EIP_ID}`);
    expect(api.status).toBe((answer as { status: number }).status);
    expect(api.retryable).toBe(false);
  });

  it("takes the request id from the body or the X-Request-Id header", async () => {
    reply = {
      status: 409,
      headers: { "x-request-id": "hdr-rid-42" },
      body: { code: "VPC.0510", message: "bound" },
    };
    const client = createOtcClient(tokenSettings(server.url), { clock: testClock() });
    const error = (await client
      .updateIpv6FloatingIpPort(EIP_ID, PORT)
      .catch((e: unknown) => e)) as errors.OtcApiError;
    await client.close();
    expect(error.requestId).toBe("hdr-rid-42");
    expect(error.otcCode).toBe("VPC.0510");
    expect(error.otcMessage).toBe("bound");
    expect(error.message).toContain("(request id hdr-rid-42)");
  });

  it("marks an exhausted throttling error as a ThrottledError cause", async () => {
    reply = {
      status: 429,
      body: { error_code: "APIG.0308", error_msg: "The throttling threshold has been reached" },
    };
    const client = createOtcClient(tokenSettings(server.url), {
      clock: testClock(),
      retry: { maxAttempts: 2, baseDelayMs: 1 },
    });
    const error = (await client
      .getIpv6FloatingIp(EIP_ID)
      .catch((e: unknown) => e)) as errors.RetryBudgetExhaustedError;
    await client.close();
    expect(error).toBeInstanceOf(errors.RetryBudgetExhaustedError);
    expect(error.cause).toBeInstanceOf(errors.ThrottledError);
    expect(error.message).toMatch(/APIG\.0308.*maxConcurrentRequests/);
  });
});
