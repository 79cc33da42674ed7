/**
 * The arguments of a look-up of one existing IPv6 EIP (`getIpv6Eip`), checked before any API call:
 * exactly one selector (`id`, `address`, `ipv4Address` or `portId`) in the right form, and the
 * optional `project`, `connection` and `region`.
 */
import ipaddr from "ipaddr.js";
import { InvalidInputError } from "./errors";
import { DEFAULT_CONNECTION_NAME } from "./input-spec";
import { parseIpv6Eip } from "./nat64";
import type { ProjectRef } from "./validate";
import {
  checkConnectionName,
  checkRegion,
  checkUuid,
  describeValue,
  readProjectRef,
} from "./validate";

/** How the EIP is picked out. */
export type EipSelector =
  | { by: "id"; id: string }
  | { by: "address"; canonical: string }
  | { by: "ipv4Address"; ipv4: string }
  | { by: "portId"; portId: string };

/** A checked look-up. */
export interface LookupQuery {
  /** The one selector given. */
  selector: EipSelector;
  /** The project to look in, or `undefined` for the connection's. */
  project: ProjectRef | undefined;
  /** The stack-config namespace of the connection (`otc` unless given). */
  connection: string;
  /** The region to look in, or `undefined` for the connection's. */
  region: string | undefined;
}

const SELECTORS = ["id", "address", "ipv4Address", "portId"] as const;
const OPTIONAL = ["project", "connection", "region"] as const;
const KNOWN: ReadonlySet<string> = new Set([...SELECTORS, ...OPTIONAL]);

function fail(property: string, reason: string): never {
  throw new InvalidInputError({ property, reason });
}

function given(value: unknown): boolean {
  return value !== undefined && value !== null;
}

function readSelector(name: (typeof SELECTORS)[number], value: unknown): EipSelector {
  switch (name) {
    case "id": {
      const failure = checkUuid("id", value, "the IPv6 EIP's id");
      if (failure) throw new InvalidInputError(failure);
      return { by: "id", id: (value as string).toLowerCase() };
    }
    case "portId": {
      const failure = checkUuid("portId", value, "the NIC's port id (ECS → NICs → NIC ID)");
      if (failure) throw new InvalidInputError(failure);
      return { by: "portId", portId: (value as string).toLowerCase() };
    }
    case "address":
      return { by: "address", canonical: parseIpv6Eip(value, "address").canonical };
    case "ipv4Address":
      if (typeof value !== "string" || !ipaddr.IPv4.isValidFourPartDecimal(value.trim())) {
        fail(
          "ipv4Address",
          `${describeValue(value)} is not an IPv4 address; expected the NAT64 IPv4 of the IPv6 EIP (its last 32 bits) as a dotted quad, e.g. "192.19.128.150".`,
        );
      }
      return { by: "ipv4Address", ipv4: ipaddr.IPv4.parse(value.trim()).toString() };
  }
}

/**
 * Checks the arguments of a look-up.
 *
 * @param args the arguments as the program gave them (plain values)
 * @throws InvalidInputError naming the argument, the value and the fix: not exactly one selector,
 *   a selector in the wrong form, a malformed project, connection or region, an unknown argument
 */
export function readLookupQuery(args: unknown): LookupQuery {
  if (typeof args !== "object" || args === null || Array.isArray(args)) {
    fail("args", `${describeValue(args)} is not an object; pass e.g. { address: "…" }.`);
  }
  const record = args as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!KNOWN.has(key) && given(record[key])) {
      fail(
        key,
        `${JSON.stringify(key)} is not an argument of getIpv6Eip; expected ${[...KNOWN].join(", ")}.`,
      );
    }
  }
  const chosen = SELECTORS.filter((name) => given(record[name]));
  if (chosen.length !== 1) {
    fail(
      SELECTORS.join(" / "),
      chosen.length === 0
        ? "none given; give exactly one of them to say which IPv6 EIP to look up."
        : `${chosen.join(" and ")} are given; give exactly one of them (an EIP has one of each, so one names it).`,
    );
  }
  const selector = readSelector(chosen[0]!, record[chosen[0]!]);
  let project: ProjectRef | undefined;
  if (given(record.project)) {
    const read = readProjectRef("project", record.project);
    if ("property" in read) throw new InvalidInputError(read);
    project = read;
  }
  let connection = DEFAULT_CONNECTION_NAME;
  if (given(record.connection)) {
    const failure = checkConnectionName("connection", record.connection);
    if (failure) throw new InvalidInputError(failure);
    connection = record.connection as string;
  }
  let region: string | undefined;
  if (given(record.region)) {
    const failure = checkRegion("region", record.region);
    if (failure) throw new InvalidInputError(failure);
    region = record.region as string;
  }
  return { selector, project, connection, region };
}

/** The selector as a user wrote it, for messages: `address cdcd:…`. */
export function describeSelector(selector: EipSelector): string {
  switch (selector.by) {
    case "id":
      return `id ${selector.id}`;
    case "address":
      return `address ${selector.canonical}`;
    case "ipv4Address":
      return `ipv4Address ${selector.ipv4}`;
    case "portId":
      return `portId ${selector.portId}`;
  }
}
