import fc from "fast-check";
import { ipv4FromIpv6Eip, parseIpv6Eip } from "../../provider/core/nat64";
import { InvalidInputError, InvalidIpv6EipAddressError } from "../../provider/core/errors";

describe("ipv4FromIpv6Eip", () => {
  it.each([
    // The two pairs the OTC documentation gives.
    ["cdcd:910a:2222:5498:8475:1111:c013:8096", "192.19.128.150"],
    ["cdcd:910a:2222:5498:8475:1111:c613:16e3", "198.19.22.227"],
    // Every textual form of the same address.
    ["CDCD:910A:2222:5498:8475:1111:C013:8096", "192.19.128.150"],
    ["cdcd:910a:2222:5498:8475:1111:192.19.128.150", "192.19.128.150"],
    ["cdcd:910a:2222:5498:8475:1111:c013:08096".replace("08096", "8096"), "192.19.128.150"],
    ["2001:0db8:0000:0000:0000:0000:0a00:0001", "10.0.0.1"],
    ["2001:db8::a00:1", "10.0.0.1"],
    ["2001:db8::10.0.0.1", "10.0.0.1"],
    ["64:ff9b::198.51.100.7", "198.51.100.7"],
    ["2001:db8:1::", "0.0.0.0"],
    ["2001:db8::ffff:ffff", "255.255.255.255"],
    ["fd00::1:2", "0.1.0.2"],
  ])("%s -> %s", (address, ipv4) => {
    expect(ipv4FromIpv6Eip(address)).toBe(ipv4);
  });

  it("returns the RFC 5952 canonical form beside the IPv4", () => {
    expect(parseIpv6Eip("2001:0DB8:0000:0000:0000:0000:C013:8096")).toEqual({
      canonical: "2001:db8::c013:8096",
      ipv4: "192.19.128.150",
    });
  });

  const rejected: Array<[string, unknown, string]> = [
    ["a number", 42, "expected a string"],
    ["null", null, "expected a string"],
    ["undefined", undefined, "expected a string"],
    ["an object", { address: "::1" }, "expected a string"],
    ["an empty string", "", "empty"],
    ["an IPv4 address", "192.19.128.150", "IPv4 address"],
    ["plain text", "not-an-address", "no colon"],
    ["surrounding space", " 2001:db8::1 ", "hexadecimal digits"],
    ["two double colons", "2001::db8::1", "well-formed"],
    ["nine groups", "1:2:3:4:5:6:7:8:9", "well-formed"],
    ["a five-digit group", "2001:db8::10000", "well-formed"],
    ["a non-hex digit", "2001:db8::g1", "hexadecimal digits"],
    ["a zone id", "fe80::1%eth0", "zone ids"],
    ["a zone id on a global address", "2001:db8::1%1", "zone ids"],
    ["a prefix", "2001:db8::/64", "prefix"],
    ["a prefix length on a host", "2001:db8::1/128", "prefix"],
    ["the unspecified address", "::", "unspecified"],
    ["the loopback address", "::1", "loopback"],
    ["a multicast address", "ff02::1", "multicast"],
    ["a link-local address", "fe80::1234:5678", "link-local"],
    ["an IPv4-mapped address", "::ffff:192.19.128.150", "IPv4-mapped"],
    ["an IPv4-mapped address in hex", "::ffff:c013:8096", "IPv4-mapped"],
    ["an IPv4-compatible address", "::192.19.128.150", "IPv4-compatible"],
    ["an IPv4-compatible address in hex", "::c013:8096", "IPv4-compatible"],
    ["a hexadecimal dotted quad", "2001:db8::0x1.2.3.4", "hexadecimal digits"],
    ["an octal-looking dotted quad", "2001:db8::01.2.3.4", "not a decimal number"],
    ["an octet over 255", "2001:db8::1.2.3.256", "not a decimal number"],
    ["a three-part quad", "2001:db8::1.2.3", "dotted quad"],
    ["a quad in the middle", "2001:db8::1.2.3.4:1", "dotted quad"],
    ["a huge string", "2001:".repeat(1000), "too long"],
    ["unicode digits", "２００１:db8::1", "hexadecimal digits"],
    ["a control character", "2001:db8::1\n", "hexadecimal digits"],
  ];

  it.each(rejected)("rejects %s with a typed error quoting the value", (_label, value, reason) => {
    let thrown: unknown;
    try {
      const result = ipv4FromIpv6Eip(value as string);
      throw new Error(`returned ${result}`);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(InvalidIpv6EipAddressError);
    expect(thrown).toBeInstanceOf(InvalidInputError);
    const error = thrown as InvalidIpv6EipAddressError;
    expect(error.code).toBe("INVALID_IPV6_EIP_ADDRESS");
    expect(error.message).toContain(reason);
    expect(error.message).toContain("Expected a full IPv6 address");
    if (typeof value === "string" && value.length > 0 && value.length < 60) {
      expect(error.message).toContain(JSON.stringify(value).slice(1, -1));
    }
  });

  it("returns any IPv4 embedded in the last 32 bits of a random valid prefix unchanged", () => {
    const group = fc.integer({ min: 0, max: 0xffff });
    const octet = fc.integer({ min: 0, max: 255 });
    fc.assert(
      fc.property(
        // First group from 0x2000 to 0xfeff avoids ::/96, ::ffff:0:0/96, fe80::/10 and ff00::/8.
        fc.integer({ min: 0x2000, max: 0xfe7f }),
        fc.array(group, { minLength: 5, maxLength: 5 }),
        fc.tuple(octet, octet, octet, octet),
        fc.boolean(),
        (first, middle, quad, asDotted) => {
          const ipv4 = quad.join(".");
          const prefix = [first, ...middle].map((g) => g.toString(16)).join(":");
          const tail = asDotted
            ? ipv4
            : `${((quad[0] << 8) | quad[1]).toString(16)}:${((quad[2] << 8) | quad[3]).toString(16)}`;
          expect(ipv4FromIpv6Eip(`${prefix}:${tail}`)).toBe(ipv4);
        },
      ),
      { numRuns: 500 },
    );
  });
});
