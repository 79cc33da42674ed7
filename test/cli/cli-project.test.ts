/**
 * `--project` and clouds.yaml profiles, through the built bin against the emulator: the flag
 * replaces the project of every other source (the environment, a clouds.yaml entry), each entry
 * of clouds.yaml is a profile with its own project and identity, and a bad value is a usage error
 * before any call. `npm test` builds first; run `npm run build` before running this file alone.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseCommandLine } from "../../provider/cli/parse-command-line";
import type { CommandName } from "../../provider/cli/parse-command-line";
import { ExitCode } from "../../provider/cli/exit-codes";
import { createOtcClient } from "../../provider/client/otc-client";
import { loadSettings } from "../../provider/client/settings/load-settings";
import { startEmulator } from "../emulator";
import type { Emulator } from "../emulator";
import { requireBuiltBin, runBin } from "./run-bin";

jest.setTimeout(90_000);

const NOBODY_ID = "0123456789abcdef0123456789abcdef";

let emulator: Emulator;
let home: string;
let eipId: string;

beforeAll(async () => {
  requireBuiltBin();
  home = mkdtempSync(join(tmpdir(), "otc-cli-project-"));
  emulator = await startEmulator();
  eipId = emulator.createIpv6Eip().id;
});

afterAll(async () => {
  await emulator?.close();
  if (home) rmSync(home, { recursive: true, force: true });
});

function endpoints(): Record<string, string> {
  return { OS_AUTH_URL: emulator.authUrl, OTC_VPC_ENDPOINT: emulator.vpcEndpoint };
}

function passwordEnv(project: Record<string, string>): Record<string, string> {
  return {
    ...endpoints(),
    OS_REGION_NAME: emulator.region,
    OS_USERNAME: emulator.userName,
    OS_PASSWORD: emulator.password,
    OS_USER_DOMAIN_NAME: emulator.domainName,
    ...project,
  };
}

function ids(stdout: string): string[] {
  return (JSON.parse(stdout) as { id: string }[]).map((e) => e.id);
}

describe("--project", () => {
  it("replaces a project id from the environment with the project named", async () => {
    const env = passwordEnv({ OS_PROJECT_ID: NOBODY_ID });
    const without = await runBin(["list", "--json"], env, home);
    expect(without.code).toBe(ExitCode.Config);
    expect(without.stderr).toContain(NOBODY_ID);
    const named = await runBin(["list", "--json", "--project", emulator.projectName], env, home);
    expect(named.stderr).toBe("");
    expect(named.code).toBe(ExitCode.Ok);
    expect(ids(named.stdout)).toEqual([eipId]);
  });

  it("takes a project id over a project name from the environment (AK/SK: no IAM look-up)", async () => {
    const env = {
      ...endpoints(),
      OS_REGION_NAME: emulator.region,
      OS_ACCESS_KEY: emulator.accessKey,
      OS_SECRET_KEY: emulator.secretKey,
      OS_PROJECT_NAME: "eu-de_nobody",
    };
    emulator.resetLog();
    const r = await runBin(["show", eipId, "--json", "--project", emulator.projectId], env, home);
    expect(r.code).toBe(ExitCode.Ok);
    expect(JSON.parse(r.stdout)).toMatchObject({ id: eipId, projectId: emulator.projectId });
    expect(emulator.counts()["GET /v3/projects"]).toBeUndefined();
  });

  it("names a project the identity cannot see", async () => {
    const env = passwordEnv({ OS_PROJECT_NAME: emulator.projectName });
    const r = await runBin(["list", "--project", "eu-de_nobody"], env, home);
    expect(r.code).not.toBe(ExitCode.Ok);
    expect(r.stderr).toContain("eu-de_nobody");
  });

  it("is a usage error when it is neither a project name nor an id, before any call", async () => {
    emulator.resetLog();
    const r = await runBin(["list", "--project", "team a"], passwordEnv({}), home);
    expect(r.code).toBe(ExitCode.Usage);
    expect(r.stderr).toContain('Invalid --project: "team a" is neither an OTC project id');
    expect(emulator.requestLog()).toEqual([]);
  });

  it("is an option of every command that talks to OTC, and in their help", async () => {
    const commands: [CommandName, string[]][] = [
      ["list", []],
      ["show", [eipId]],
      ["nic", ["552389f5-8f4c-4bb7-9991-07233c315d60"]],
      ["orphans", []],
      ["doctor", []],
      ["adopt", [eipId]],
    ];
    for (const [command, args] of commands) {
      const line = parseCommandLine([command, ...args, "--project", "eu-de_team-a"]);
      expect(line).toMatchObject({ kind: "run", options: { project: { name: "eu-de_team-a" } } });
      const help = await runBin([command, "--help"], {}, home);
      expect({ command, help: help.stdout.includes("--project <name | id>") }).toEqual({
        command,
        help: true,
      });
    }
  });

  it("doctor shows the project the flag named and checks it", async () => {
    const env = passwordEnv({ OS_PROJECT_ID: NOBODY_ID });
    const r = await runBin(["doctor", "--json", "--project", emulator.projectName], env, home);
    const report = JSON.parse(r.stdout) as {
      ok: boolean;
      settings: { setting: string; value: string; from: string }[];
    };
    expect(report.settings).toEqual(
      expect.arrayContaining([
        { setting: "project name", value: emulator.projectName, from: "--project" },
      ]),
    );
    expect(report.settings.map((s) => s.setting)).not.toContain("project id");
    expect(report.ok).toBe(true);
  });
});

describe("clouds.yaml entries as profiles", () => {
  let file: string;

  beforeAll(() => {
    file = join(home, "clouds.yaml");
    writeFileSync(
      file,
      [
        "clouds:",
        "  team-a:",
        `    region_name: ${emulator.region}`,
        "    auth:",
        `      auth_url: ${emulator.authUrl}`,
        `      project_name: ${emulator.projectName}`,
        `      user_domain_name: ${emulator.domainName}`,
        `      username: ${emulator.userName}`,
        `      password: ${emulator.password}`,
        "  team-b:",
        `    region_name: ${emulator.region}`,
        "    auth:",
        `      auth_url: ${emulator.authUrl}`,
        `      project_id: ${NOBODY_ID}`,
        `      ak: ${emulator.accessKey}`,
        `      sk: ${emulator.secretKey}`,
        "",
      ].join("\n"),
    );
  });

  const env = () => ({ OS_CLIENT_CONFIG_FILE: file, OTC_VPC_ENDPOINT: emulator.vpcEndpoint });

  it("each entry brings its own project and identity", async () => {
    const a = await runBin(["list", "--json", "--cloud", "team-a"], env(), home);
    expect(a.code).toBe(ExitCode.Ok);
    expect(ids(a.stdout)).toEqual([eipId]);
    // team-b's project is not the emulator's: its calls are scoped there, and OTC refuses them.
    const b = await runBin(["list", "--json", "--cloud", "team-b"], env(), home);
    expect(b.code).not.toBe(ExitCode.Ok);
    expect(b.stderr).toContain(NOBODY_ID);
  });

  it("--project re-scopes an entry to another project with the entry's identity", async () => {
    const r = await runBin(
      ["list", "--json", "--cloud", "team-b", "--project", emulator.projectName],
      env(),
      home,
    );
    expect(r.stderr).toBe("");
    expect(r.code).toBe(ExitCode.Ok);
    expect(ids(r.stdout)).toEqual([eipId]);
  });
});

describe("clouds.yaml profiles for several projects and accounts", () => {
  const OTHER = {
    domainName: "OTC-EU-DE-other",
    userName: "other-user",
    password: "other-password-not-a-secret",
    accessKey: "EMULATOROTHERAK00001",
    secretKey: "emulatorOtherSecretKey000000000000000000x",
    projects: ["eu-de_other"],
  };
  let multi: Emulator;
  let file: string;
  const made: Record<string, string> = {};

  async function createIn(projectName: string, identity: Record<string, string>): Promise<string> {
    const config = {
      "otc:region": multi.region,
      "otc:authUrl": multi.authUrl,
      "otc:vpcEndpoint": multi.vpcEndpoint,
      "otc:projectName": projectName,
      ...identity,
    };
    const client = createOtcClient(await loadSettings(config, {}));
    try {
      return (await client.createIpv6FloatingIp({ floatingNetworkId: multi.externalNetworkId })).id;
    } finally {
      await client.close();
    }
  }

  beforeAll(async () => {
    multi = await startEmulator({ projects: ["eu-de_team-b"], accounts: [OTHER] });
    const user = {
      "otc:domainName": multi.domainName,
      "otc:userName": multi.userName,
      "otc:password": multi.password,
    };
    made["team-a"] = await createIn(multi.projectName, user);
    made["team-b"] = await createIn("eu-de_team-b", user);
    made.other = await createIn("eu-de_other", {
      "otc:accessKey": OTHER.accessKey,
      "otc:secretKey": OTHER.secretKey,
    });
    const passwordEntry = (name: string, project: string) => [
      `  ${name}:`,
      `    region_name: ${multi.region}`,
      "    auth:",
      `      auth_url: ${multi.authUrl}`,
      `      project_name: ${project}`,
      `      user_domain_name: ${multi.domainName}`,
      `      username: ${multi.userName}`,
      `      password: ${multi.password}`,
    ];
    file = join(home, "clouds-multi.yaml");
    writeFileSync(
      file,
      [
        "clouds:",
        ...passwordEntry("team-a", multi.projectName),
        ...passwordEntry("team-b", "eu-de_team-b"),
        "  other:",
        `    region_name: ${multi.region}`,
        "    auth:",
        `      auth_url: ${multi.authUrl}`,
        "      project_name: eu-de_other",
        `      ak: ${OTHER.accessKey}`,
        `      sk: ${OTHER.secretKey}`,
        "",
      ].join("\n"),
    );
  });
  afterAll(async () => multi?.close());

  const env = () => ({ OS_CLIENT_CONFIG_FILE: file, OTC_VPC_ENDPOINT: multi.vpcEndpoint });

  it("each entry sees only its own project's EIPs, in its own account", async () => {
    for (const entry of ["team-a", "team-b", "other"]) {
      const r = await runBin(["list", "--json", "--cloud", entry], env(), home);
      expect({ entry, code: r.code, ids: r.code === 0 ? ids(r.stdout) : r.stderr }).toEqual({
        entry,
        code: ExitCode.Ok,
        ids: [made[entry]],
      });
    }
  });

  it("--project moves an entry's identity to another project of its account, not beyond", async () => {
    const moved = await runBin(
      ["list", "--json", "--cloud", "team-a", "--project", "eu-de_team-b"],
      env(),
      home,
    );
    expect(moved.code).toBe(ExitCode.Ok);
    expect(ids(moved.stdout)).toEqual([made["team-b"]]);
    const beyond = await runBin(
      ["list", "--json", "--cloud", "other", "--project", multi.projectName],
      env(),
      home,
    );
    expect(beyond.code).not.toBe(ExitCode.Ok);
    expect(beyond.stderr).toContain(multi.projectName);
  });
});
