import { execFile } from "node:child_process";
import { cp, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { repoRoot } from "./repo-root";

const run = promisify(execFile);

/** A scratch project folder and the way to remove it. */
export interface ScratchProject {
  /** Absolute path of the project (holds package.json, Pulumi.yaml and node_modules). */
  dir: string;
  /** Removes the folder. */
  cleanup(): Promise<void>;
}

/** Options for {@link createUserProject}. */
export interface CreateUserProjectOptions {
  /** Extra dependencies of the scratch project (name → version range). */
  dependencies?: Record<string, string>;
  /** A tarball to install instead of packing the repository now. */
  tarball?: string;
  /** Where to make the project folder (default: the system's temp folder). */
  parentDir?: string;
  /** Pack as this version (ignored with `tarball`). */
  version?: string;
}

/** Options for {@link packRepository}. */
export interface PackRepositoryOptions {
  /** Pack as this version (package.json of the copy is rewritten; the repository is untouched). */
  version?: string;
}

/** Options for {@link createLinkedProject}. */
export interface CreateLinkedProjectOptions {
  /**
   * More packages to expose in `node_modules` as symlinks (name → folder), over the defaults:
   * `pulumi-otc-ipv6-eip` → the repository, `@pulumi/pulumi` → the repository's copy (so the
   * program and the package share one SDK instance).
   */
  links?: Record<string, string>;
  /** Packages of the repository's node_modules to link too, e.g. `["@pulumi/openstack"]`. */
  rootPackages?: string[];
  /**
   * A folder (e.g. `examples/elb`) whose files, except node_modules, are copied into the project
   * first; its package.json and Pulumi.yaml replace the generated ones.
   */
  copyFrom?: string;
}

const PACKAGE_NAME = "pulumi-otc-ipv6-eip";
const NPM_TIMEOUT_MS = 240_000;
// Copying these into the pack folder would be slow (node_modules is linked instead) or would put
// stale build output into the tarball (dist/ is rebuilt by prepack).
const NOT_COPIED = new Set(["node_modules", ".git", "dist", "coverage", ".tmp", "bench-results"]);

/**
 * `npm pack` of the repository into `destDir`, returning the tarball's path. The working tree is
 * copied to a scratch folder first (with node_modules linked), so prepack's build neither rewrites
 * the dist/ that running tests read nor packs stale files from it.
 */
export async function packRepository(
  destDir: string,
  options: PackRepositoryOptions = {},
): Promise<string> {
  const work = await mkdtemp(path.join(os.tmpdir(), "otc-ipv6-eip-pack-"));
  try {
    await cp(repoRoot, work, {
      recursive: true,
      filter: (source) => !NOT_COPIED.has(path.basename(source)) || source === repoRoot,
    });
    await symlink(path.join(repoRoot, "node_modules"), path.join(work, "node_modules"), "dir");
    if (options.version !== undefined) await setVersion(work, options.version);
    await mkdir(destDir, { recursive: true });
    try {
      await run("npm", ["pack", "--pack-destination", destDir, "--no-audit", "--no-fund"], {
        cwd: work,
        timeout: NPM_TIMEOUT_MS,
        maxBuffer: 64 * 1024 * 1024,
      });
    } catch (error) {
      throw new Error(`npm pack (with its prepack build) failed: ${describeExecError(error)}`);
    }
    const tarball = (await readdir(destDir)).find(
      (f) => f.startsWith(PACKAGE_NAME) && f.endsWith(".tgz"),
    );
    if (tarball === undefined)
      throw new Error(`npm pack wrote no ${PACKAGE_NAME}-*.tgz into ${destDir}`);
    return path.join(destDir, tarball);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/**
 * The path a user takes: `npm pack` of the repository, then a scratch project that installs the
 * tarball with npm (`--prefer-offline`; `@pulumi/pulumi`, the peer dependency, pinned to the
 * version the repository uses so it comes from the npm cache).
 */
export async function createUserProject(
  options: CreateUserProjectOptions = {},
): Promise<ScratchProject> {
  const dir = await mkdtemp(path.join(options.parentDir ?? os.tmpdir(), "otc-ipv6-eip-user-"));
  const cleanup = (): Promise<void> => rm(dir, { recursive: true, force: true });
  try {
    const tarball =
      options.tarball ??
      (await packRepository(path.join(dir, ".pack"), { version: options.version }));
    await writeProjectFiles(dir, {
      "@pulumi/pulumi": await repositorySdkVersion(),
      ...options.dependencies,
    });
    await installTarball(dir, tarball);
    await rm(path.join(dir, ".pack"), { recursive: true, force: true });
    return { dir, cleanup };
  } catch (error) {
    await cleanup();
    throw error;
  }
}

/**
 * A project whose `node_modules/pulumi-otc-ipv6-eip` is a symlink to the repository (for the
 * examples and in-repo tests: no install). Node resolves symlinks to real paths, so the package's
 * own dependencies come from the repository's node_modules, and requires made from the project
 * folder (`createRequire(<cwd>/x.js)`) see the package through the link.
 */
export async function createLinkedProject(
  options: CreateLinkedProjectOptions = {},
): Promise<ScratchProject> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "otc-ipv6-eip-linked-"));
  const cleanup = (): Promise<void> => rm(dir, { recursive: true, force: true });
  try {
    const fromRoot = (name: string): string => path.join(repoRoot, "node_modules", name);
    const links: Record<string, string> = {
      [PACKAGE_NAME]: repoRoot,
      "@pulumi/pulumi": fromRoot("@pulumi/pulumi"),
      ...Object.fromEntries((options.rootPackages ?? []).map((name) => [name, fromRoot(name)])),
      ...options.links,
    };
    await writeProjectFiles(dir, {});
    if (options.copyFrom !== undefined) {
      const from = path.resolve(options.copyFrom);
      await cp(from, dir, {
        recursive: true,
        filter: (source) => source === from || path.basename(source) !== "node_modules",
      });
    }
    for (const [name, target] of Object.entries(links)) {
      const at = path.join(dir, "node_modules", ...name.split("/"));
      await mkdir(path.dirname(at), { recursive: true });
      await symlink(target, at, "dir");
    }
    return { dir, cleanup };
  } catch (error) {
    await cleanup();
    throw error;
  }
}

/**
 * Installs (or upgrades to) a packed tarball in an existing project, as a user's
 * `npm install <tarball>` does. The tarball is copied into the project first, so the `file:`
 * reference npm records in package.json stays valid.
 */
export async function installTarball(projectDir: string, tarball: string): Promise<void> {
  const local = path.basename(tarball);
  await cp(tarball, path.join(projectDir, local));
  try {
    await run("npm", ["install", `./${local}`, "--prefer-offline", "--no-audit", "--no-fund"], {
      cwd: projectDir,
      timeout: NPM_TIMEOUT_MS,
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (error) {
    throw new Error(`npm install of ${tarball} failed: ${describeExecError(error)}`);
  }
}

async function writeProjectFiles(dir: string, dependencies: Record<string, string>): Promise<void> {
  const manifest = {
    name: "otc-ipv6-eip-user-project",
    version: "1.0.0",
    private: true,
    dependencies,
  };
  await writeFile(path.join(dir, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  await writeFile(
    path.join(dir, "Pulumi.yaml"),
    "name: project\nruntime: nodejs\ndescription: scratch project of the test harness\n",
  );
}

async function setVersion(packageDir: string, version: string): Promise<void> {
  const file = path.join(packageDir, "package.json");
  const manifest = JSON.parse(await readFile(file, "utf8")) as Record<string, unknown>;
  await writeFile(file, `${JSON.stringify({ ...manifest, version }, null, 2)}\n`);
}

async function repositorySdkVersion(): Promise<string> {
  const manifest = path.join(repoRoot, "node_modules", "@pulumi", "pulumi", "package.json");
  return (JSON.parse(await readFile(manifest, "utf8")) as { version: string }).version;
}

function describeExecError(error: unknown): string {
  const e = error as { message?: string; stderr?: string; stdout?: string };
  const tail = (text: string | undefined): string => (text ?? "").split("\n").slice(-40).join("\n");
  return `${e.message ?? String(error)}\nstdout:\n${tail(e.stdout)}\nstderr:\n${tail(e.stderr)}`;
}
