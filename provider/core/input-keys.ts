/** The input keys a user may set on an `Ipv6Eip`, in the order they are documented. */
export const INPUT_KEYS = [
  "portId",
  "floatingNetworkId",
  "region",
  "project",
  "connection",
  "adoptId",
  "timeouts",
  "suppressWarnings",
] as const;

/** One of {@link INPUT_KEYS}. */
export type InputKey = (typeof INPUT_KEYS)[number];
