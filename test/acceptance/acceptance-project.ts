/**
 * The scratch Pulumi project the run drives: the packed package installed as a user installs it
 * (or a project that already has it, `OTC_ACCEPTANCE_PROJECT_DIR`), with a small program whose
 * one `Ipv6Eip` takes its inputs from stack config.
 */
import { existsSync, readFileSync } from "node:fs";
import { rm, writeFile } from "node:fs/promises";
import * as path from "node:path";
import { createUserProject } from "../harness";

/** The Pulumi project name of the run's program (its config namespace). */
export const ACCEPTANCE_PROJECT = "acceptance";
/** The stack name of the run's URNs. */
export const ACCEPTANCE_STACK = "acceptance";

/** The project and how to let go of it. */
export interface AcceptanceProject {
  dir: string;
  /** The program file (in `dir`). */
  programFile: string;
  /** The version of the installed package. */
  packageVersion: string;
  /** The installed CLI's entry (`otc-ipv6-eip`). */
  cliEntry: string;
  /** Removes what the run made (the whole project when it packed one). */
  cleanup(): Promise<void>;
}

const PROGRAM = `// The acceptance run's program: one Ipv6Eip, its inputs from stack config.
const pulumi = require("@pulumi/pulumi");
const { Ipv6Eip } = require("pulumi-otc-ipv6-eip");
const config = new pulumi.Config();
const args = { suppressWarnings: true };
for (const key of ["portId", "adoptId"]) {
  const value = config.get(key);
  if (value !== undefined) args[key] = value;
}
new Ipv6Eip(config.get("name") || "acceptance", args);
`;

/**
 * Opens the project: `existingDir` when given (it must have the package installed), else packs
 * the repository and installs the tarball in a new scratch project.
 */
export async function openAcceptanceProject(
  existingDir: string | undefined,
): Promise<AcceptanceProject> {
  let dir: string;
  let removeProject: (() => Promise<void>) | undefined;
  if (existingDir !== undefined) {
    dir = existingDir;
  } else {
    const made = await createUserProject();
    dir = made.dir;
    removeProject = made.cleanup;
  }
  const installed = path.join(dir, "node_modules", "pulumi-otc-ipv6-eip");
  const manifestFile = path.join(installed, "package.json");
  if (!existsSync(manifestFile)) {
    throw new Error(
      `${dir} has no installed pulumi-otc-ipv6-eip (node_modules/pulumi-otc-ipv6-eip/package.json); unset OTC_ACCEPTANCE_PROJECT_DIR to pack one.`,
    );
  }
  const manifest = JSON.parse(readFileSync(manifestFile, "utf8")) as {
    version: string;
    bin?: Record<string, string>;
  };
  const bin = manifest.bin?.["otc-ipv6-eip"] ?? "dist/cli/main.js";
  const programFile = path.join(dir, `acceptance-program-${process.pid}.js`);
  await writeFile(programFile, PROGRAM);
  return {
    dir,
    programFile,
    packageVersion: manifest.version,
    cliEntry: path.join(installed, bin),
    cleanup: async () => {
      await rm(programFile, { force: true });
      await removeProject?.();
    },
  };
}
