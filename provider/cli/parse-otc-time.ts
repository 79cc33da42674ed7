/** OTC's timestamps, for the CLI: the parser lives in `core/otc-time.ts` (the lifecycle uses it too). */
export { parseOtcTime } from "../core/otc-time";
