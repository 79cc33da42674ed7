/**
 * Bad `Ipv6Eip` inputs that only OTC can tell apart from good ones: well-formed ids of ports and
 * networks that do not exist or cannot be used, and replacements that cannot succeed. Each must
 * fail `check` on the named property while the emulated cloud stays untouched (lookups only).
 */
import type { Emulator } from "../emulator";

/** One live bad-input case, built against a running emulator. */
export interface LiveCase {
  /** What the case is about. */
  name: string;
  /** The old inputs (`{}` for a new resource), besides `__provider`. */
  olds: Record<string, unknown>;
  /** The new inputs, besides `__provider`. */
  news: Record<string, unknown>;
  /** The property the failure must name. */
  property: string;
}

const MISSING = "552389f5-8f4c-4bb7-9991-07233c315d60";

/** The corpus for `emulator`: adds the router-interface and DHCP ports it needs. */
export function liveCases(emulator: Emulator, validPort: string): LiveCase[] {
  const router = emulator.addPort("router-interface").id;
  const dhcp = emulator.addPort("dhcp").id;
  const internal = emulator.privateNetworkId;
  const external = emulator.externalNetworkId;
  return [
    { name: "portId: no such port here", olds: {}, news: { portId: MISSING }, property: "portId" },
    { name: "portId: a router interface", olds: {}, news: { portId: router }, property: "portId" },
    { name: "portId: a DHCP port", olds: {}, news: { portId: dhcp }, property: "portId" },
    {
      name: "portId: changed to a port that does not exist",
      olds: { portId: validPort },
      news: { portId: MISSING },
      property: "portId",
    },
    {
      name: "floatingNetworkId: an internal network",
      olds: {},
      news: { portId: validPort, floatingNetworkId: internal },
      property: "floatingNetworkId",
    },
    {
      name: "floatingNetworkId: no such network",
      olds: {},
      news: { floatingNetworkId: MISSING },
      property: "floatingNetworkId",
    },
    {
      name: "floatingNetworkId: changed to an internal network (replacement)",
      olds: { portId: validPort, floatingNetworkId: external },
      news: { portId: validPort, floatingNetworkId: internal },
      property: "floatingNetworkId",
    },
    {
      name: "region: changed while portId stays (ports are regional)",
      olds: { portId: validPort },
      news: { portId: validPort, region: "eu-nl" },
      property: "region",
    },
  ];
}
