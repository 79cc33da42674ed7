/**
 * Public IPv4 addresses for EIPs, drawn at random (seeded) from ranges shaped like OTC eu-de's public
 * ranges, and the IPv6 EIPs that embed them: OTC's NAT64 pairing puts the IPv4 EIP in the last 32 bits
 * of an address from a /96 prefix (the prefix is the documentation's example one).
 */
import type { Random } from "./random";

/** The /96 prefix of IPv6 EIPs, as in the documented examples. */
export const IPV6_EIP_PREFIX = "cdcd:910a:2222:5498:8475:1111";

const RANGES: ReadonlyArray<readonly [number, number]> = [
  [80, 158],
  [160, 44],
  [164, 30],
];
const HOSTS_PER_SUBNET = 254;
const ADDRESSES_PER_RANGE = 256 * HOSTS_PER_SUBNET;

/** A pool of unique public IPv4 addresses. */
export interface AddressPool {
  /** Takes a free address, or `undefined` when the pool is exhausted. */
  allocate(): string | undefined;
  /** Returns an address to the pool. */
  release(address: string): void;
}

/** Creates a pool of `size` addresses (capped at what the ranges hold). */
export function createAddressPool(random: Random, size: number): AddressPool {
  const capacity = Math.max(0, Math.min(size, RANGES.length * ADDRESSES_PER_RANGE));
  const used = new Set<number>();
  const byAddress = new Map<string, number>();
  const addressOf = (index: number): string => {
    const [a, b] = RANGES[Math.floor(index / ADDRESSES_PER_RANGE)] ?? [80, 158];
    const within = index % ADDRESSES_PER_RANGE;
    return `${a}.${b}.${Math.floor(within / HOSTS_PER_SUBNET)}.${(within % HOSTS_PER_SUBNET) + 1}`;
  };
  const take = (index: number): string => {
    used.add(index);
    const address = addressOf(index);
    byAddress.set(address, index);
    return address;
  };
  return {
    allocate() {
      if (used.size >= capacity) return undefined;
      // A few random probes keep addresses scattered; a scan guarantees termination when the pool is full-ish.
      for (let attempt = 0; attempt < 16; attempt++) {
        const index = random.int(capacity);
        if (!used.has(index)) return take(index);
      }
      for (let index = 0; index < capacity; index++) if (!used.has(index)) return take(index);
      return undefined;
    },
    release(address) {
      const index = byAddress.get(address);
      if (index === undefined) return;
      used.delete(index);
      byAddress.delete(address);
    },
  };
}

/** The IPv6 EIP that embeds `ipv4` in its last 32 bits, written like the documentation's examples. */
export function ipv6EipFor(ipv4: string): string {
  const [a = 0, b = 0, c = 0, d = 0] = ipv4.split(".").map(Number);
  return `${IPV6_EIP_PREFIX}:${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
}
