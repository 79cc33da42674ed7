import { spawn } from "node:child_process";
import * as path from "node:path";
import * as readline from "node:readline";
import { createFixtureProject } from "./fixtures/fixture-project";
import type { ScratchProject } from "./user-project";

const PARENT = path.join(__dirname, "fixtures", "helper-parent.ts");

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe("the helper's lifetime", () => {
  let project: ScratchProject;

  beforeAll(async () => {
    project = await createFixtureProject();
  });

  afterAll(async () => {
    await project?.cleanup();
  });

  it("ends when the process that started it is killed", async () => {
    const parent = spawn(process.execPath, ["-r", "tsx/cjs", PARENT, project.dir], {
      cwd: path.resolve(__dirname, "..", ".."),
      stdio: ["ignore", "pipe", "inherit"],
    });
    let helperPid: number | undefined;
    try {
      const firstLine = await new Promise<string>((resolve, reject) => {
        readline.createInterface({ input: parent.stdout }).once("line", resolve);
        parent.once("exit", (code) => reject(new Error(`parent exited (${String(code)}) early`)));
      });
      helperPid = Number(firstLine);
      expect(isAlive(helperPid)).toBe(true);
      parent.kill("SIGKILL");
      // Bounded wait for the helper to notice its stdin closed (not a timing assertion).
      for (let i = 0; i < 100 && isAlive(helperPid); i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(isAlive(helperPid)).toBe(false);
    } finally {
      parent.kill("SIGKILL");
      if (helperPid !== undefined && isAlive(helperPid)) process.kill(helperPid, "SIGKILL");
    }
  }, 60_000);
});
