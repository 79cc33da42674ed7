/**
 * OTC's NAT64 pairing: the IPv4 EIP that an IPv6 EIP maps to is the IPv6 address's last 32 bits
 * (seed FAQ: "The last 32 bits of the obtained IPv6 EIP is the IPv4 EIP").
 */
import ipaddr from "ipaddr.js";
import { InvalidIpv6EipAddressError } from "./errors";
import { describeValue } from "./validate";

/** A validated IPv6 EIP address. */
export interface ParsedIpv6Eip {
  /** The address in RFC 5952 canonical form (lower case, zeros compressed). */
  canonical: string;
  /** The IPv4 EIP that NAT64 pairs with it, as a dotted quad. */
  ipv4: string;
}

const EMBEDDED_QUAD = /^(.*:)(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
const DECIMAL_OCTET = /^(0|[1-9]\d{0,2})$/;

/**
 * Replaces a trailing dotted quad by two hexadecimal groups, accepting only strict decimal octets.
 * ipaddr.js alone would accept hexadecimal or octal-looking quads and rewrite `::a.b.c.d` into an
 * IPv4-mapped address, which would hide an IPv4-compatible address from the checks below.
 */
function expandEmbeddedQuad(text: string, fail: (reason: string) => never): string {
  if (!text.includes(".")) return text;
  const m = EMBEDDED_QUAD.exec(text);
  if (!m) fail("a dotted quad may only stand in the last 32 bits, as four decimal numbers");
  const octets = m.slice(2, 6).map((part) => {
    if (!DECIMAL_OCTET.test(part) || Number(part) > 255) {
      fail(
        `the embedded IPv4 part "${part}" is not a decimal number from 0 to 255 without leading zeros`,
      );
    }
    return Number(part);
  });
  const [a = 0, b = 0, c = 0, d = 0] = octets;
  return `${m[1]}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
}

/** Why a parsed address cannot be an EIP, or `undefined` when it can. */
function whyNotAnEip(parts: readonly number[], address: ipaddr.IPv6): string | undefined {
  const first96Zero = parts.slice(0, 6).every((p) => p === 0);
  const range = address.range();
  if (range === "unspecified") return "it is the unspecified address ::";
  if (range === "loopback") return "it is the loopback address ::1";
  if (first96Zero) return "it is an IPv4-compatible address (::/96), not an IPv6 EIP";
  if (parts.slice(0, 5).every((p) => p === 0) && parts[5] === 0xffff) {
    return "it is an IPv4-mapped address (::ffff:0:0/96), which stands for an IPv4 host, not an IPv6 EIP";
  }
  if (range === "multicast") return "it is a multicast address (ff00::/8)";
  if (range === "linkLocal") return "it is a link-local address (fe80::/10)";
  return undefined;
}

/**
 * Validates an IPv6 EIP address and returns its canonical form and its NAT64 IPv4 twin.
 *
 * Accepts every valid textual IPv6 form: compressed, upper case, leading zeros, and a dotted quad in
 * the last 32 bits. Rejects, with an {@link InvalidIpv6EipAddressError} that quotes the value:
 * non-strings, empty strings, IPv4 addresses, malformed text, zone ids, prefixes, and addresses that
 * cannot be an EIP (unspecified, loopback, IPv4-compatible, IPv4-mapped, multicast, link-local).
 * It does not require `2000::/3`: OTC's documented EIPs (`cdcd:…`) lie outside it.
 *
 * @param address the IPv6 EIP, as OTC returns it or as a user typed it
 * @param property the input that held it, named in the error
 */
export function parseIpv6Eip(address: unknown, property = "address"): ParsedIpv6Eip {
  const quoted = describeValue(address);
  const fail = (reason: string): never => {
    throw new InvalidIpv6EipAddressError(
      property,
      `${quoted} is not an IPv6 EIP address: ${reason}. Expected a full IPv6 address such as "cdcd:910a:2222:5498:8475:1111:c013:8096".`,
    );
  };
  if (typeof address !== "string") return fail(`expected a string, got ${typeof address}`);
  if (address.length === 0) return fail("it is empty");
  if (address.length > 64) return fail("it is far too long for an IPv6 address");
  if (address.includes("%")) return fail("zone ids (%eth0) are not part of a public address");
  if (address.includes("/")) return fail("a prefix (/64) names a network, not one address");
  if (!address.includes(":")) {
    return ipaddr.IPv4.isValidFourPartDecimal(address)
      ? fail(
          "it is an IPv4 address; the IPv6 EIP is the IPv6 address whose last 32 bits are the IPv4 EIP",
        )
      : fail("it has no colon");
  }
  if (!/^[0-9A-Fa-f:.]+$/.test(address)) {
    return fail("only hexadecimal digits, colons and a trailing dotted quad may appear");
  }
  const hexOnly = expandEmbeddedQuad(address, fail);
  if (!ipaddr.IPv6.isValid(hexOnly)) return fail("it is not a well-formed IPv6 address");
  const parsed = ipaddr.IPv6.parse(hexOnly);
  const parts = parsed.parts;
  const notEip = whyNotAnEip(parts, parsed);
  if (notEip) return fail(notEip);
  const hi = parts[6] ?? 0;
  const lo = parts[7] ?? 0;
  return {
    canonical: parsed.toRFC5952String(),
    ipv4: `${hi >> 8}.${hi & 0xff}.${lo >> 8}.${lo & 0xff}`,
  };
}

/**
 * The IPv4 EIP that OTC's NAT64 gateway pairs with an IPv6 EIP: the address's last 32 bits as a
 * dotted quad. `ipv4FromIpv6Eip("cdcd:910a:2222:5498:8475:1111:c013:8096")` is `"192.19.128.150"`.
 *
 * @throws InvalidIpv6EipAddressError when `address` is not an address an IPv6 EIP can have
 */
export function ipv4FromIpv6Eip(address: string): string {
  return parseIpv6Eip(address).ipv4;
}
