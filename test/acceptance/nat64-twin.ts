/**
 * The IPv4 address NAT64 maps an IPv6 EIP to (its last 32 bits), computed here on its own so the
 * run checks the provider's `ipv4Address` against an independent reading.
 */

/** The eight 16-bit groups of an IPv6 address, or `undefined` when it is not one. */
export function ipv6Groups(address: string): number[] | undefined {
  const text = address.trim().toLowerCase();
  const halves = text.split("::");
  if (halves.length > 2) return undefined;
  const parse = (part: string): string[] => (part === "" ? [] : part.split(":"));
  const head = parse(halves[0] ?? "");
  const tail = halves.length === 2 ? parse(halves[1] ?? "") : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill("0"), ...tail];
  if (!groups.every((g) => /^[0-9a-f]{1,4}$/.test(g))) return undefined;
  return groups.map((g) => parseInt(g, 16));
}

/** The dotted IPv4 in the last 32 bits of `ipv6`, or `undefined` when it is not an IPv6 address. */
export function nat64Twin(ipv6: string): string | undefined {
  const groups = ipv6Groups(ipv6);
  if (!groups) return undefined;
  const [high, low] = [groups[6] ?? 0, groups[7] ?? 0];
  return [high >> 8, high & 0xff, low >> 8, low & 0xff].join(".");
}

/** Whether two IPv6 texts name the same address (any spelling). */
export function sameIpv6(a: string, b: string): boolean {
  const x = ipv6Groups(a);
  const y = ipv6Groups(b);
  return x !== undefined && y !== undefined && x.every((g, i) => g === y[i]);
}
