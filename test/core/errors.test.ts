import * as errors from "../../provider/core/errors";

describe("error classes", () => {
  it("give every error a stable code and its class name", () => {
    const e = new errors.InvalidInputError({ property: "portId", reason: '"x" is not an id' });
    expect(e.code).toBe("INVALID_INPUT");
    expect(e.name).toBe("InvalidInputError");
    expect(e.message).toBe('Invalid portId: "x" is not an id');
    expect(e).toBeInstanceOf(errors.OtcEipError);
    expect(e).toBeInstanceOf(Error);
    expect(e).not.toBeInstanceOf(errors.ConfigurationError);
  });

  it("keep instanceof working across two loaded copies of the module", () => {
    let second: typeof errors | undefined;
    jest.isolateModules(() => {
      second = jest.requireActual<typeof errors>("../../provider/core/errors");
    });
    if (!second) throw new Error("second copy not loaded");
    expect(second.NotFoundError).not.toBe(errors.NotFoundError);
    const fromSecond = new second.NotFoundError(
      { method: "GET", path: "/v2.0/eip/floatingips_v6/x", status: 404, retryable: false },
      "It is gone.",
    );
    expect(fromSecond).toBeInstanceOf(errors.NotFoundError);
    expect(fromSecond).toBeInstanceOf(errors.OtcApiError);
    expect(fromSecond).toBeInstanceOf(errors.OtcEipError);
    expect(fromSecond).not.toBeInstanceOf(errors.AuthError);
    expect(
      new errors.AuthError(
        { method: "GET", path: "/", status: 401, retryable: false },
        "Check credentials.",
      ),
    ).toBeInstanceOf(second.OtcApiError);
    expect({ code: "NOT_FOUND" }).not.toBeInstanceOf(errors.NotFoundError);
  });

  it("build API error messages from what OTC said", () => {
    const e = new errors.NicAlreadyHasEipError(
      {
        method: "PUT",
        path: "/v2.0/eip/floatingips_v6/abc",
        status: 409,
        otcCode: "VPC.0511",
        otcMessage: "port already has a floating IP",
        requestId: "req-1",
        retryable: false,
      },
      "Unbind the other EIP first.",
      "552389f5-8f4c-4bb7-9991-07233c315d60",
    );
    expect(e.message).toBe(
      "OTC PUT /v2.0/eip/floatingips_v6/abc failed with HTTP 409 VPC.0511: port already has a floating IP (request id req-1). Unbind the other EIP first.",
    );
    expect(e.code).toBe("NIC_HAS_EIP");
    expect(e.portId).toBe("552389f5-8f4c-4bb7-9991-07233c315d60");
  });

  it("list every configuration problem at once", () => {
    const e = new errors.ConfigurationError([
      { key: "otc:region", env: ["OS_REGION_NAME", "OS_REGION"], reason: "missing" },
      { key: "otc:password", env: ["OS_PASSWORD"], reason: 'missing for user "alice"' },
    ]);
    expect(e.message).toContain("otc:region (or env OS_REGION_NAME / OS_REGION): missing");
    expect(e.message).toContain("otc:password (or env OS_PASSWORD)");
    expect(e.problems).toHaveLength(2);
  });
});
