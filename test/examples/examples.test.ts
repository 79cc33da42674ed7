import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";
import { parse as parseYaml } from "yaml";
import { EXAMPLE_PROJECTS, EXAMPLES_DIR, PACKAGE_NAME, examplePath } from "./example-projects";
import { PUBLISHED_INSTALL, readInstallSteps } from "./readme-steps";

interface PackageManifest {
  name?: string;
  version?: string;
  main?: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

interface ProjectFile {
  name?: string;
  runtime?: string | { name?: string; options?: { typescript?: boolean } };
  config?: Record<string, { type?: string; default?: unknown }>;
}

function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(file, "utf8")) as T;
}

function readYaml<T>(file: string): T {
  return parseYaml(readFileSync(file, "utf8")) as T;
}

function runtimeName(project: ProjectFile): string | undefined {
  return typeof project.runtime === "string" ? project.runtime : project.runtime?.name;
}

/** A dependency range a user's `npm install` resolves from the registry (no file:, link:, git). */
const REGISTRY_RANGE = /^[~^]?\d+\.\d+\.\d+(-[\w.]+)?$|^>=?\d+(\.\d+){0,2} <\d+$/;

describe.each(EXAMPLE_PROJECTS)("examples/%s", (example) => {
  const file = (name: string): string => examplePath(example, name);

  it("is a complete Pulumi project", () => {
    for (const name of ["Pulumi.yaml", "index.ts", "package.json", "tsconfig.json", "README.md"]) {
      expect({ file: name, exists: existsSync(file(name)) }).toEqual({ file: name, exists: true });
    }
    const project = readYaml<ProjectFile>(file("Pulumi.yaml"));
    expect(project.name).toMatch(/^[\w.-]+$/);
    expect(runtimeName(project)).toBe("nodejs");
    const tsconfig = readJson<{ files?: string[]; include?: string[] }>(file("tsconfig.json"));
    expect([...(tsconfig.files ?? []), ...(tsconfig.include ?? [])]).toContain("index.ts");
  });

  it("depends on the package and the SDK with registry ranges", () => {
    const manifest = readJson<PackageManifest>(file("package.json"));
    expect(manifest.main).toBe("index.ts");
    const dependencies = manifest.dependencies ?? {};
    expect(dependencies[PACKAGE_NAME]).toMatch(REGISTRY_RANGE);
    expect(dependencies["@pulumi/pulumi"]).toMatch(REGISTRY_RANGE);
    for (const [name, range] of Object.entries(dependencies)) {
      expect({ name, range, fromRegistry: REGISTRY_RANGE.test(range) }).toMatchObject({
        fromRegistry: true,
      });
    }
  });

  it("reads its settings from stack config and exports what it makes", () => {
    const source = readFileSync(file("index.ts"), "utf8");
    expect(source).toContain(`from "${PACKAGE_NAME}"`);
    expect(source).toContain("new pulumi.Config()");
    expect(source).toMatch(/^export const \w+/m);
    // Every key the project declares without a default is one the program requires.
    const config = readYaml<ProjectFile>(file("Pulumi.yaml")).config ?? {};
    for (const [key, spec] of Object.entries(config)) {
      if (spec.default === undefined) {
        expect({ key, required: source.includes(`require("${key}")`) }).toEqual({
          key,
          required: true,
        });
      }
    }
  });

  it("documents the exact commands and every setting it needs", () => {
    const readme = readFileSync(file("README.md"), "utf8");
    expect(readme).toContain(`cd examples/${example}`);
    expect(readme).toContain("npm install");
    expect(readme).toContain("pulumi stack init");
    expect(readme).toMatch(/pulumi (preview|up)/);
    expect(readme).toContain("pulumi config set --secret otc:password");
    for (const key of ["otc:region", "otc:authUrl", "otc:domainName", "otc:userName"]) {
      expect(readme).toContain(key);
    }
    const config = readYaml<ProjectFile>(file("Pulumi.yaml")).config ?? {};
    for (const key of Object.keys(config)) {
      expect({ key, documented: readme.includes(`pulumi config set ${key} `) }).toEqual({
        key,
        documented: true,
      });
    }
  });
});

/** The file `npm pack` writes at the repository's root: `<name>-<version>.tgz`. */
function packedTarballName(): string {
  const root = readJson<PackageManifest>(path.join(EXAMPLES_DIR, "..", "package.json"));
  return `${root.name ?? ""}-${root.version ?? ""}.tgz`;
}

describe.each(EXAMPLE_PROJECTS)("examples/%s/README.md install steps", (example) => {
  // test/examples/readme-steps.test.ts follows these steps for basic, from a copy outside the
  // repository; every example gives the same ones.
  it("packs at the root, installs that tarball, and gives the line for the published package", () => {
    const readme = readFileSync(examplePath(example, "README.md"), "utf8");
    expect(readInstallSteps(readme)).toEqual([
      ["npm", "ci"],
      ["npm", "pack"],
      ["cd", `examples/${example}`],
      ["npm", "install", `../../${packedTarballName()}`],
    ]);
    expect(readme).toContain(`\`${PUBLISHED_INSTALL}\``);
  });
});

describe("examples/policy-pack/README.md install steps", () => {
  it("installs with a plain npm install: the pack does not depend on this package", () => {
    const manifest = readJson<PackageManifest>(examplePath("policy-pack", "package.json"));
    expect(Object.keys(manifest.dependencies ?? {})).not.toContain(PACKAGE_NAME);
    const readme = readFileSync(examplePath("policy-pack", "README.md"), "utf8");
    expect(readInstallSteps(readme)).toEqual([
      ["cd", "examples/policy-pack"],
      ["npm", "install"],
      ["cd", "../basic"],
    ]);
  });
});

describe("examples/dual-stack-ecs", () => {
  it("manages the IPv4 side with @pulumi/openstack and says why one NIC cannot carry both", () => {
    const manifest = readJson<PackageManifest>(examplePath("dual-stack-ecs", "package.json"));
    expect(manifest.dependencies?.["@pulumi/openstack"]).toMatch(REGISTRY_RANGE);
    const source = readFileSync(examplePath("dual-stack-ecs", "index.ts"), "utf8");
    expect(source).toContain("openstack.networking.FloatingIp");
    const readme = readFileSync(examplePath("dual-stack-ecs", "README.md"), "utf8");
    expect(readme).toContain("Why one NIC cannot carry both");
  });
});

describe("examples/policy-pack", () => {
  it("is a CrossGuard policy pack with a versioned manifest", () => {
    const policy = readYaml<{ runtime?: string }>(examplePath("policy-pack", "PulumiPolicy.yaml"));
    expect(policy.runtime).toBe("nodejs");
    const manifest = readJson<PackageManifest>(examplePath("policy-pack", "package.json"));
    // PolicyPack reads the version from package.json at start and refuses to run without one.
    expect(manifest.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(manifest.dependencies?.["@pulumi/policy"]).toMatch(REGISTRY_RANGE);
    const readme = readFileSync(examplePath("policy-pack", "README.md"), "utf8");
    expect(readme).toContain("Why it ships as an example");
  });
});

describe("examples/github-actions", () => {
  interface Step {
    uses?: string;
    with?: Record<string, unknown>;
  }
  interface Workflow {
    on: { pull_request?: unknown; push?: { branches?: string[] } };
    jobs: Record<string, { if?: string; steps: Step[] }>;
  }
  const workflow = readYaml<Workflow>(examplePath("github-actions", "pulumi.yml"));
  const pulumiSteps = (job: string): Step[] =>
    (workflow.jobs[job]?.steps ?? []).filter((s) => s.uses?.startsWith("pulumi/actions@"));

  it("previews pull requests with the diff as a comment and the policy pack", () => {
    expect(workflow.on.pull_request).toBeDefined();
    const [preview] = pulumiSteps("preview");
    expect(preview?.with).toMatchObject({ command: "preview", "comment-on-pr": true, diff: true });
  });

  it("runs up on merge to main, behind a preview", () => {
    expect(workflow.on.push?.branches).toEqual(["main"]);
    expect(workflow.jobs.up?.if).toContain("refs/heads/main");
    expect(pulumiSteps("up").map((s) => s.with?.command)).toEqual(["preview", "up"]);
  });

  it("enables the policy pack in every Pulumi step, forks included", () => {
    const steps = Object.keys(workflow.jobs).flatMap(pulumiSteps);
    expect(steps.length).toBeGreaterThanOrEqual(4);
    for (const step of steps) expect(String(step.with?.policyPacks)).toMatch(/\/policy$/);
    expect(workflow.jobs["preview-fork"]?.if).toContain("!= github.repository");
  });

  it("explains refused plans and forks in its README", () => {
    const readme = readFileSync(examplePath("github-actions", "README.md"), "utf8");
    expect(readme).toContain("has a problem:");
    expect(readme).toContain("Pull requests from forks");
  });
});

describe("type-checking the examples", () => {
  it("puts every example file into the root typecheck, with the package mapped to its source", () => {
    // `npm run typecheck` (tsc -p tsconfig.json) compiles them; this makes sure none is left out.
    const root = path.resolve(EXAMPLES_DIR, "..");
    const configFile = ts.readConfigFile(path.join(root, "tsconfig.json"), (f) =>
      ts.sys.readFile(f),
    );
    const parsed = ts.parseJsonConfigFileContent(configFile.config, ts.sys, root);
    const checked = new Set(parsed.fileNames.map((f) => path.resolve(f)));
    const exampleFiles = [
      ...EXAMPLE_PROJECTS.map((example) => examplePath(example, "index.ts")),
      ...["index.ts", "policies.ts", "rules.ts", "scopes.ts"].map((f) =>
        examplePath("policy-pack", f),
      ),
    ];
    for (const file of exampleFiles) {
      expect({ file, typeChecked: checked.has(file) }).toEqual({ file, typeChecked: true });
    }
    expect(parsed.options.paths?.[PACKAGE_NAME]).toEqual(["./provider/index.ts"]);
  });
});
