/**
 * Unsets every `OS_*`/`OTC_*` variable of this process in a child's environment, so that a
 * developer's own OTC settings never leak into a helper or a program under test.
 */
export const CLEAN_ENV: NodeJS.ProcessEnv = Object.fromEntries(
  Object.keys(process.env)
    .filter((k) => k.startsWith("OS_") || k.startsWith("OTC_"))
    .map((k) => [k, undefined]),
);
