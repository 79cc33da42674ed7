import { mkdir, mkdtemp, readFile, rename, rm, writeFile } from "node:fs/promises";
import * as os from "node:os";
import * as path from "node:path";
import { createUserProject, packRepository } from "./user-project";

/** The environment variable through which globalSetup hands its run folder to the test workers. */
export const HARNESS_RUN_DIR_ENV = "OTC_IPV6_EIP_HARNESS_RUN_DIR";

const WAIT_LIMIT_MS = 300_000;
const POLL_MS = 250;

/** Creates the per-run folder and publishes it to the workers (jest globalSetup). */
export async function openHarnessRun(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "otc-ipv6-eip-jest-"));
  process.env[HARNESS_RUN_DIR_ENV] = dir;
  return dir;
}

/** Removes the per-run folder and everything made in it (jest globalTeardown). */
export async function closeHarnessRun(): Promise<void> {
  const dir = process.env[HARNESS_RUN_DIR_ENV];
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
}

/** What the run's one `npm pack` made: the tarball, and the scratch project it is installed in. */
export interface SharedPackage {
  /** The user project (package.json, Pulumi.yaml, node_modules with the installed tarball). */
  dir: string;
  /** The tarball `npm pack` wrote, named as npm names it (`pulumi-otc-ipv6-eip-<version>.tgz`). */
  tarball: string;
}

/**
 * The user project (packed and installed from the tarball) shared by the whole jest run: made
 * once, by whichever test asks first, and only if one does; later callers, in any worker, get the
 * same folder, removed by globalTeardown. Outside jest there is no run folder: scripts call
 * `createUserProject` and clean up themselves.
 */
export async function sharedUserProject(): Promise<string> {
  return (await sharedPackage()).dir;
}

/**
 * The run's packed tarball and the user project it is installed in (see {@link sharedUserProject}):
 * tests that install the package elsewhere (an example copied out of the repository) reuse the
 * tarball instead of packing again. Treat both as read-only.
 */
export async function sharedPackage(): Promise<SharedPackage> {
  const runDir = process.env[HARNESS_RUN_DIR_ENV];
  if (runDir === undefined) {
    throw new Error(
      `${HARNESS_RUN_DIR_ENV} is not set: sharedUserProject() needs the harness's jest globalSetup; ` +
        "scripts should use createUserProject() and clean up themselves",
    );
  }
  const ready = path.join(runDir, "user-project.json");
  try {
    // mkdir is atomic: the first caller of the run builds, the others wait for its verdict.
    await mkdir(path.join(runDir, "user-project.lock"));
  } catch {
    return waitForVerdict(ready);
  }
  try {
    const tarball = await packRepository(path.join(runDir, "pack"));
    const project = await createUserProject({ parentDir: runDir, tarball });
    await publish(ready, { dir: project.dir, tarball });
    return { dir: project.dir, tarball };
  } catch (error) {
    await publish(ready, { error: error instanceof Error ? error.message : String(error) });
    throw error;
  }
}

interface Verdict {
  dir?: string;
  tarball?: string;
  error?: string;
}

async function publish(file: string, verdict: Verdict): Promise<void> {
  // Written aside and renamed, so a waiting worker never reads half a file.
  await writeFile(`${file}.tmp`, JSON.stringify(verdict));
  await rename(`${file}.tmp`, file);
}

async function waitForVerdict(ready: string): Promise<SharedPackage> {
  const deadline = Date.now() + WAIT_LIMIT_MS;
  while (Date.now() < deadline) {
    try {
      const verdict = JSON.parse(await readFile(ready, "utf8")) as Verdict;
      if (verdict.dir !== undefined && verdict.tarball !== undefined) {
        return { dir: verdict.dir, tarball: verdict.tarball };
      }
      throw new Error(`the shared user project could not be made: ${verdict.error ?? "unknown"}`);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  throw new Error(`the shared user project was not ready after ${WAIT_LIMIT_MS} ms`);
}
