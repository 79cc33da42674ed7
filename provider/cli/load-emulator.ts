/**
 * Loads the OTC API emulator that ships in the package (`dist/emulator/`, built from
 * `test/emulator/`), only when `otc-ipv6-eip emulator` runs. It is an independent implementation
 * of the documented API: the provider's code never imports it, and it imports nothing from here.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";

/** What `dist/emulator/cli.js` exports. */
export interface EmulatorCli {
  /** Runs the emulator until a signal or the parent's exit; resolves with the exit code. */
  runEmulatorCli(
    argv: readonly string[],
    io: { stdout: { write(chunk: string): unknown }; stderr: { write(chunk: string): unknown } },
  ): Promise<number>;
}

/** `main.js` sits in `dist/cli/`; the emulator beside it in `dist/emulator/`. */
const EMULATOR_CLI = join(__dirname, "..", "emulator", "cli.js");

/**
 * The emulator's entry.
 *
 * @throws Error when this installation has no built emulator (a source checkout before `npm run build`)
 */
export function loadEmulatorCli(): EmulatorCli {
  if (!existsSync(EMULATOR_CLI)) {
    throw new Error(
      `the emulator is not part of this installation (${EMULATOR_CLI} is missing); in a checkout ` +
        "of the repository run `npm run build` first, or `npm run emulator`.",
    );
  }
  // A path known only at run time (the emulator is compiled separately), hence require.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(EMULATOR_CLI) as EmulatorCli;
}
