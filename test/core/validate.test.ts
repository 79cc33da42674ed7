import {
  checkProjectId,
  checkRegion,
  checkSeconds,
  checkUuid,
  describeValue,
  isUuid,
} from "../../provider/core/validate";

describe("validators", () => {
  it("quote values safely", () => {
    expect(describeValue("abc")).toBe('"abc"');
    expect(describeValue("a\u0000b\u007f")).toBe('"a\\u0000b\\u007f"');
    expect(describeValue("x".repeat(200))).toMatch(/^"x{80}"… \(200 characters\)$/);
    expect(describeValue(null)).toBe("null");
    expect(describeValue(undefined)).toBe("undefined");
    expect(describeValue(12)).toBe("12");
    expect(describeValue([1])).toBe("an array");
    expect(describeValue({})).toBe("a object");
  });

  it("accept UUIDs and reject anything else, naming the property", () => {
    expect(isUuid("552389f5-8f4c-4bb7-9991-07233c315d60")).toBe(true);
    expect(
      checkUuid("portId", "552389F5-8F4C-4BB7-9991-07233C315D60", "a port id"),
    ).toBeUndefined();
    for (const bad of [
      "",
      "552389f5",
      "552389f58f4c4bb7999107233c315d60",
      5,
      null,
      "552389f5-8f4c-4bb7-9991-07233c315d60 ",
    ]) {
      const failure = checkUuid("portId", bad, "the NIC's port id");
      expect(failure?.property).toBe("portId");
      expect(failure?.reason).toContain("the NIC's port id");
      expect(failure?.reason).toContain(describeValue(bad));
    }
  });

  it("gives the example UUID before the explanation, not after its last clause", () => {
    const reason =
      checkUuid("portId", "x", "the NIC's port id, or leave it out for an unbound EIP")?.reason ??
      "";
    expect(reason).toBe(
      '"x" is not a valid id; expected a UUID like "552389f5-8f4c-4bb7-9991-07233c315d60": ' +
        "the NIC's port id, or leave it out for an unbound EIP.",
    );
  });

  it("check project ids, regions and seconds", () => {
    expect(checkProjectId("projectId", "0123456789abcdef0123456789abcdef")).toBeUndefined();
    expect(checkProjectId("projectId", "eu-de")?.reason).toContain("32 hexadecimal");
    expect(checkRegion("region", "eu-de")).toBeUndefined();
    expect(checkRegion("region", "eu-ch2")).toBeUndefined();
    expect(checkRegion("region", "EU-DE")?.property).toBe("region");
    // The hint names no example that is already in the list of known regions.
    const reason = checkRegion("region", "Germany")?.reason ?? "";
    expect(reason).toContain("one of eu-de, eu-nl, eu-ch2");
    expect(reason).not.toMatch(/another OTC region such as "eu-de"/);
    expect(checkSeconds("timeouts.create", 60, 1, 3600)).toBeUndefined();
    expect(checkSeconds("timeouts.create", 0, 1, 3600)?.reason).toContain("from 1 to 3600");
    expect(checkSeconds("timeouts.create", 1.5, 1, 3600)).toBeDefined();
    expect(checkSeconds("timeouts.create", "60", 1, 3600)).toBeDefined();
  });
});
