import { mkdir, mkdtemp, readFile, rename, rm, writeFile } from "node:fs/promises";
import * as os from "node:os";
import * as path from "node:path";
import { createUserProject } from "./user-project";

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

/**
 * The user project (packed and installed from the tarball) shared by the whole jest run: made
 * once, by whichever test asks first, and only if one does; later callers, in any worker, get the
 * same folder, removed by globalTeardown. Outside jest there is no run folder: scripts call
 * `createUserProject` and clean up themselves.
 */
export async function sharedUserProject(): Promise<string> {
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
    const project = await createUserProject({ parentDir: runDir });
    await publish(ready, { dir: project.dir });
    return project.dir;
  } catch (error) {
    await publish(ready, { error: error instanceof Error ? error.message : String(error) });
    throw error;
  }
}

async function publish(file: string, verdict: { dir?: string; error?: string }): Promise<void> {
  // Written aside and renamed, so a waiting worker never reads half a file.
  await writeFile(`${file}.tmp`, JSON.stringify(verdict));
  await rename(`${file}.tmp`, file);
}

async function waitForVerdict(ready: string): Promise<string> {
  const deadline = Date.now() + WAIT_LIMIT_MS;
  while (Date.now() < deadline) {
    try {
      const verdict = JSON.parse(await readFile(ready, "utf8")) as { dir?: string; error?: string };
      if (verdict.dir !== undefined) return verdict.dir;
      throw new Error(`the shared user project could not be made: ${verdict.error ?? "unknown"}`);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  throw new Error(`the shared user project was not ready after ${WAIT_LIMIT_MS} ms`);
}
