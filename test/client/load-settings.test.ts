import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConfigurationError } from "../../provider/core/errors";
import { configSearchPath, loadSettings } from "../../provider/client/settings/load-settings";

const PID = "0123456789abcdef0123456789abcdef";
let home: string;

beforeAll(() => {
  home = mkdtempSync(join(tmpdir(), "otc-settings-"));
  const dir = join(home, ".config", "openstack");
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, "clouds.yaml"),
    `clouds:\n  prod:\n    region_name: eu-nl\n    cacert: ${join(home, "ca.pem")}\n    auth:\n      username: bob\n      user_domain_name: dom\n      project_id: ${PID}\n`,
  );
  writeFileSync(
    join(dir, "secure.yaml"),
    "clouds:\n  prod:\n    auth:\n      password: from-secure-yaml\n",
  );
  writeFileSync(
    join(home, "ca.pem"),
    "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n",
  );
  writeFileSync(
    join(home, "other.yaml"),
    `clouds:\n  x:\n    region_name: eu-de\n    auth:\n      token: tok\n      project_id: ${PID}\n`,
  );
});
afterAll(() => {
  rmSync(home, { recursive: true, force: true });
});

describe("loadSettings", () => {
  it("searches OS_CLIENT_CONFIG_FILE, ./clouds.yaml, ~/.config/openstack, /etc/openstack", () => {
    expect(
      configSearchPath("clouds.yaml", { HOME: "/h", OS_CLIENT_CONFIG_FILE: "/c/my.yaml" }, "/cwd"),
    ).toEqual([
      "/c/my.yaml",
      "/cwd/clouds.yaml",
      "/h/.config/openstack/clouds.yaml",
      "/etc/openstack/clouds.yaml",
    ]);
    expect(configSearchPath("secure.yaml", { HOME: "/h" }, "/cwd")[0]).toBe("/cwd/secure.yaml");
  });

  it("reads clouds.yaml and secure.yaml from the home directory, and the entry's CA file", async () => {
    const s = await loadSettings({}, { HOME: home, OS_CLOUD: "prod" });
    expect(s).toMatchObject({ region: "eu-nl", authKind: "password", projectId: PID });
    expect(s.credentials.kind === "password" && s.credentials.password.reveal()).toBe(
      "from-secure-yaml",
    );
    expect(s.caCert).toContain("BEGIN CERTIFICATE");
  });

  it("honours OS_CLIENT_CONFIG_FILE and otc:cloud", async () => {
    const s = await loadSettings(
      { "otc:cloud": "x" },
      { HOME: home, OS_CLIENT_CONFIG_FILE: join(home, "other.yaml") },
    );
    expect(s).toMatchObject({ region: "eu-de", authKind: "token" });
  });

  it("reads otc:caCert when it is a path", async () => {
    const s = await loadSettings(
      { "otc:region": "eu-de", "otc:token": "t", "otc:caCert": join(home, "ca.pem") },
      { HOME: home },
    );
    expect(s.caCert).toContain("BEGIN CERTIFICATE");
  });

  it("lists the files it searched when no clouds.yaml exists", async () => {
    const empty = mkdtempSync(join(tmpdir(), "otc-empty-"));
    try {
      const error = await loadSettings({}, { HOME: empty, OS_CLOUD: "prod" }).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ConfigurationError);
      expect((error as Error).message).toContain(
        join(empty, ".config", "openstack", "clouds.yaml"),
      );
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
