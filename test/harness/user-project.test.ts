import { lstat, mkdtemp, readFile, realpath, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import * as os from "node:os";
import * as path from "node:path";
import {
  createLinkedProject,
  packRepository,
  repoRoot,
  resolveHelperScript,
  sharedUserProject,
} from "./index";

async function versionOf(manifest: string): Promise<string> {
  return (JSON.parse(await readFile(manifest, "utf8")) as { version: string }).version;
}

describe("the user project installed from the packed package", () => {
  let dir: string;

  beforeAll(async () => {
    dir = await sharedUserProject();
  }, 300_000);

  it("is made once per run", async () => {
    await expect(sharedUserProject()).resolves.toBe(dir);
  });

  it("holds a real install of the package and of the SDK it peers with", async () => {
    const installed = path.join(dir, "node_modules", "pulumi-otc-ipv6-eip");
    expect((await lstat(installed)).isSymbolicLink()).toBe(false);
    expect(await versionOf(path.join(installed, "package.json"))).toBe(
      await versionOf(path.join(repoRoot, "package.json")),
    );
    expect(resolveHelperScript(dir)).toBe(
      path.join(dir, "node_modules", "@pulumi", "pulumi", "cmd", "dynamic-provider", "index.js"),
    );
  });

  it("resolves the lifecycle entry point from the project folder, as the shim does", () => {
    const fromProject = createRequire(path.join(dir, "x.js"));
    expect(fromProject.resolve("pulumi-otc-ipv6-eip/lifecycle")).toBe(
      path.join(dir, "node_modules", "pulumi-otc-ipv6-eip", "dist", "lifecycle", "index.js"),
    );
  });
});

describe("the linked project", () => {
  it("sees the repository's package and SDK through symlinks", async () => {
    const project = await createLinkedProject();
    try {
      const fromProject = createRequire(path.join(project.dir, "x.js"));
      const lifecycle = await realpath(fromProject.resolve("pulumi-otc-ipv6-eip/lifecycle"));
      expect(lifecycle).toBe(path.join(repoRoot, "dist", "lifecycle", "index.js"));
      expect(await realpath(resolveHelperScript(project.dir))).toBe(
        path.join(
          repoRoot,
          "node_modules",
          "@pulumi",
          "pulumi",
          "cmd",
          "dynamic-provider",
          "index.js",
        ),
      );
    } finally {
      await project.cleanup();
    }
  });
});

describe("a linked project made from an example folder", () => {
  it("holds the example's files and the extra root packages", async () => {
    const project = await createLinkedProject({
      copyFrom: path.join(__dirname, "fixtures", "programs"),
      rootPackages: ["@grpc/grpc-js"],
    });
    try {
      expect(await readFile(path.join(project.dir, "throws.js"), "utf8")).toContain("guard");
      const fromProject = createRequire(path.join(project.dir, "x.js"));
      expect(await realpath(fromProject.resolve("@grpc/grpc-js"))).toBe(
        require.resolve("@grpc/grpc-js"),
      );
    } finally {
      await project.cleanup();
    }
  });
});

describe("packRepository", () => {
  it("packs under another version without touching the repository", async () => {
    const dest = await mkdtemp(path.join(os.tmpdir(), "otc-ipv6-eip-pack-test-"));
    try {
      const before = await readFile(path.join(repoRoot, "package.json"), "utf8");
      const tarball = await packRepository(dest, { version: "99.1.0" });
      expect(path.basename(tarball)).toBe("pulumi-otc-ipv6-eip-99.1.0.tgz");
      expect(await readFile(path.join(repoRoot, "package.json"), "utf8")).toBe(before);
    } finally {
      await rm(dest, { recursive: true, force: true });
    }
  }, 240_000);
});
