/**
 * The install steps an example's README gives, read from the README itself so that a test that
 * follows them fails when the README is wrong.
 */

/** One command of a README's steps, split into words (`["npm", "install", "x.tgz"]`). */
export type Command = string[];

/** The published package's install line that every example README must give. */
export const PUBLISHED_INSTALL = "npm install pulumi-otc-ipv6-eip";

/**
 * The commands of the README's first `sh` block before its first `pulumi` command (login, stack,
 * config): the steps that get the example installed. Comments are dropped, `a && b` is two
 * commands, and words are split on blanks (the steps use no quoting).
 */
export function readInstallSteps(readme: string): Command[] {
  const block = /^```sh\n([\s\S]*?)^```$/m.exec(readme)?.[1];
  if (block === undefined) throw new Error("the README has no ```sh block");
  const commands: Command[] = [];
  for (const line of block.split("\n")) {
    const code = line.replace(/(^|\s)#.*$/, "").trim();
    if (code === "") continue;
    for (const part of code.split("&&")) {
      const words = part.trim().split(/\s+/);
      if (words[0] === "pulumi") return commands;
      commands.push(words);
    }
  }
  return commands;
}
