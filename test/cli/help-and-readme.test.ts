/**
 * The built bin's help, `exit-codes.ts` and the README's "Command-line tool" section agree: every
 * exit code documented in both with the same commands named, every command and every option of
 * each (the emulator's too) in both. `npm test` builds first; run `npm run build` alone.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ExitCode } from "../../provider/cli/exit-codes";
import { COMMAND_NAMES, commandOptions } from "../../provider/cli/parse-command-line";
import { requireBuiltBin, runBin } from "./run-bin";

const README = readFileSync(join(__dirname, "..", "..", "README.md"), "utf8");
const CODES = Object.values(ExitCode).sort();
const COMMANDS_IN_MEANINGS = ["show", "adopt", "nic", "doctor", "orphans", "list", "emulator"];

let home: string;

beforeAll(() => {
  requireBuiltBin();
  home = mkdtempSync(join(tmpdir(), "otc-cli-help-"));
});

afterAll(() => {
  if (home) rmSync(home, { recursive: true, force: true });
});

/** The README's section on the tool, up to the next `## ` heading. */
function readmeSection(): string {
  const start = README.indexOf("## Command-line tool: `otc-ipv6-eip`");
  expect(start).toBeGreaterThanOrEqual(0);
  const end = README.indexOf("\n## ", start + 1);
  return README.slice(start, end < 0 ? undefined : end);
}

/** The commands a meaning names, e.g. "not found (show, adopt: ...; nic: ...)" → adopt, nic, show. */
function commandsNamed(meaning: string): string[] {
  return COMMANDS_IN_MEANINGS.filter((c) => new RegExp(`\\b${c}\\b`).test(meaning)).sort();
}

async function help(argv: string[]): Promise<string> {
  const run = await runBin(argv, {}, home);
  expect({ argv, code: run.code, stderr: run.stderr }).toEqual({ argv, code: 0, stderr: "" });
  return run.stdout;
}

it("documents every exit code in --help and in the README, naming the same commands", async () => {
  const overview = await help(["--help"]);
  const block = overview.slice(overview.indexOf("Exit codes:"));
  const inHelp = new Map(
    [...block.matchAll(/^ {2}(\d) {2}(.+)$/gm)].map((m) => [Number(m[1]), m[2] ?? ""]),
  );
  const inReadme = new Map(
    [...readmeSection().matchAll(/^\| (\d) \| (.+) \|$/gm)].map((m) => [Number(m[1]), m[2] ?? ""]),
  );
  expect([...inHelp.keys()].sort()).toEqual(CODES);
  expect([...inReadme.keys()].sort()).toEqual(CODES);
  for (const code of CODES) {
    expect({ code, commands: commandsNamed(inReadme.get(code) ?? "") }).toEqual({
      code,
      commands: commandsNamed(inHelp.get(code) ?? ""),
    });
  }
});

it("lists every command in --help and in the README's table", async () => {
  const overview = await help(["--help"]);
  const section = readmeSection();
  for (const command of [...COMMAND_NAMES, "emulator"]) {
    expect({ command, inHelp: new RegExp(`^ {2}${command}\\b`, "m").test(overview) }).toEqual({
      command,
      inHelp: true,
    });
    expect({ command, inReadme: section.includes(`| \`${command}`) }).toEqual({
      command,
      inReadme: true,
    });
  }
});

it.each(COMMAND_NAMES)(
  "documents every option of %s in its --help page and the README",
  async (command) => {
    const page = await help([command, "--help"]);
    const section = readmeSection();
    for (const option of commandOptions(command)) {
      expect({ option, inHelp: page.includes(`--${option}`) }).toEqual({ option, inHelp: true });
      expect({ option, inReadme: section.includes(`--${option}`) }).toEqual({
        option,
        inReadme: true,
      });
    }
  },
);

it("documents every option of the emulator subcommand in the README's table", async () => {
  const page = await help(["emulator", "--help"]);
  const options = new Set([...page.matchAll(/--[a-z][a-z-]*/g)].map((m) => m[0]));
  expect(options.size).toBeGreaterThanOrEqual(10);
  const row = readmeSection()
    .split("\n")
    .find((line) => line.startsWith("| `emulator`"));
  for (const option of options) {
    expect({ option, inReadme: row?.includes(option) }).toEqual({ option, inReadme: true });
  }
});
