/**
 * Bad `Ipv6Eip` inputs: each must fail `check` on the named property without any API call.
 * Every case also carries a valid `portId` (unless `portId` is the bad value), so a check that
 * ran the live guard despite a failure would show up as requests at the emulator.
 */

/** One bad-input case. */
export interface InputCase {
  /** What the case is about. */
  name: string;
  /** The inputs besides `__provider` and the default valid `portId`. */
  inputs: Record<string, unknown>;
  /** The property the failure must name. */
  property: string;
}

const UUID = "552389f5-8f4c-4bb7-9991-07233c315d60";
const HUGE = "7".repeat(100_000);

/** A value for `property`, with a valid `portId` beside it unless `property` is `portId`. */
function only(property: string, value: unknown, name: string): InputCase {
  return { name, inputs: { [property]: value }, property };
}

function timeout(key: string, value: unknown, name: string): InputCase {
  return { name, inputs: { timeouts: { [key]: value } }, property: `timeouts.${key}` };
}

/** The corpus. */
export const INPUT_CASES: readonly InputCase[] = [
  // ids
  only("portId", "abc", "portId: not a UUID"),
  only("portId", "", "portId: empty string"),
  only("portId", "   ", "portId: blanks"),
  only("portId", 123, "portId: a number"),
  only("portId", true, "portId: a boolean"),
  only("portId", {}, "portId: an object"),
  only("portId", [UUID], "portId: a list holding a UUID"),
  only("portId", [null], "portId: a list holding null"),
  only("portId", `${UUID} `, "portId: trailing blank"),
  only("portId", `${UUID}\n`, "portId: trailing newline"),
  only("portId", `${UUID.slice(0, 8)}\u0000${UUID.slice(9)}`, "portId: NUL character inside"),
  only("portId", `${UUID.slice(0, 4)}\u200b${UUID.slice(4)}`, "portId: zero-width space"),
  only("portId", `\u202e${UUID}`, "portId: right-to-left override"),
  only("portId", UUID.replace("c", "\u0441"), "portId: Cyrillic look-alike letter"),
  only("portId", UUID.replace(/\d/, "\uff15"), "portId: full-width digit"),
  only("portId", `${UUID}💥`, "portId: emoji suffix"),
  only("portId", UUID.replace(/-/g, ""), "portId: UUID without dashes"),
  only("portId", `{${UUID}}`, "portId: UUID in braces"),
  only("portId", HUGE, "portId: 100 000 characters"),
  only("portId", "null", "portId: the string null"),
  only("portId", "' OR 1=1 --", "portId: SQL-looking text"),
  only("portId", `${UUID}?port_id=x`, "portId: query smuggling"),
  only("portId", `../${UUID}`, "portId: path traversal"),
  only("floatingNetworkId", "admin_external_net", "floatingNetworkId: the network's name"),
  only("floatingNetworkId", 42, "floatingNetworkId: a number"),
  only("floatingNetworkId", "", "floatingNetworkId: empty string"),
  only("floatingNetworkId", `${UUID}x`, "floatingNetworkId: one character too many"),
  only("adoptId", "80.158.1.2", "adoptId: an IPv4 address"),
  only("adoptId", "2001:db8::1", "adoptId: an IPv6 address"),
  only("adoptId", false, "adoptId: false"),
  only("adoptId", HUGE, "adoptId: 100 000 characters"),
  // regions
  only("region", "EU-DE", "region: upper case"),
  only("region", "eu_de", "region: underscore"),
  only("region", "", "region: empty string"),
  only("region", 5, "region: a number"),
  only("region", "eu-de ", "region: trailing blank"),
  only("region", "de", "region: no continent"),
  only("region", "eu-dé", "region: accented letter"),
  only("region", "eu-de\r\n", "region: CR LF"),
  only("region", ["eu-de"], "region: a list"),
  only("region", "x".repeat(10_000), "region: 10 000 characters"),
  // timeouts
  only("timeouts", "300", "timeouts: a string"),
  only("timeouts", 300, "timeouts: a number"),
  only("timeouts", [], "timeouts: a list"),
  only("timeouts", [null], "timeouts: a list holding null"),
  timeout("create", 0, "timeouts.create: zero"),
  timeout("create", -1, "timeouts.create: negative"),
  timeout("update", 3601, "timeouts.update: above the maximum"),
  timeout("delete", 1.5, "timeouts.delete: a fraction"),
  timeout("create", "300", "timeouts.create: a numeric string"),
  timeout("delete", true, "timeouts.delete: a boolean"),
  timeout("update", {}, "timeouts.update: an object"),
  timeout("create", 1e308, "timeouts.create: 1e308"),
  timeout("crate", 300, "timeouts: a misspelt key"),
  // other values and keys
  only("suppressWarnings", "true", "suppressWarnings: the string true"),
  only("suppressWarnings", 1, "suppressWarnings: 1"),
  only("suppressWarnings", {}, "suppressWarnings: an object"),
  only("portID", UUID, "unknown input: portID (wrong case)"),
  only("port_id", UUID, "unknown input: port_id (wire spelling)"),
  only("floatingIpAddress", "2001:db8::1", "unknown input: an output given as input"),
  only("portIdd", null, "unknown input holding null"),
  only("constructor", "x", "unknown input: constructor"),
];
