/**
 * `npm run test:acceptance` (`-- --sweep`): the acceptance suite against a real OTC project. It
 * does nothing — and contacts nothing — unless `OTC_ACCEPTANCE=1` is set. See the README's
 * Development section.
 */
import { AcceptanceOptionsError, readAcceptanceOptions } from "./acceptance-options";
import { runAcceptance } from "./run-acceptance";
import { runSweepOnly } from "./run-sweep-only";

const USAGE = "usage: npm run test:acceptance [-- --sweep]";

/** Why nothing ran without `OTC_ACCEPTANCE=1`. */
export const NOT_ENABLED_MESSAGE =
  "test:acceptance: OTC_ACCEPTANCE is not 1, so nothing was run and nothing was contacted.\n" +
  "It runs the provider's lifecycle against a real OTC project: it creates IPv6 (and one IPv4) EIPs there\n" +
  "and releases them again. To run it, set OTC_ACCEPTANCE=1, the usual OS_* variables (or OS_CLOUD and\n" +
  "clouds.yaml), and OTC_ACCEPTANCE_PORTS=<port-id>[,<port-id>] (free ECS NICs); see README → Development.";

async function main(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const unknown = argv.filter((a) => a !== "--sweep");
  if (unknown.length > 0) {
    process.stderr.write(`test:acceptance: unknown argument ${unknown.join(" ")}\n${USAGE}\n`);
    return 2;
  }
  if (env.OTC_ACCEPTANCE !== "1") {
    process.stdout.write(`${NOT_ENABLED_MESSAGE}\n`);
    return 0;
  }
  const sweepOnly = argv.includes("--sweep");
  let options;
  try {
    options = readAcceptanceOptions(env, process.cwd(), !sweepOnly);
  } catch (error) {
    if (!(error instanceof AcceptanceOptionsError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return 2;
  }
  const out = (line: string): void => void process.stdout.write(`${line}\n`);
  return sweepOnly ? runSweepOnly(options, env, out) : runAcceptance(options, env, out);
}

// The client's retry waits do not hold the process open; this does, until the run has ended,
// so the run never exits (least of all 0) while a retry of its own or of the sweep is pending.
const keepAlive = setInterval(() => undefined, 60_000);

main(process.argv.slice(2), process.env)
  .finally(() => clearInterval(keepAlive))
  .then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(
        `test:acceptance failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
      process.exitCode = 1;
    },
  );
