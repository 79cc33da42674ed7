/**
 * The guard of the built bin's entry (`dist/cli/run-until-settled.js`), in real Node processes: a
 * command that the event loop abandons (a wait on a timer that holds nothing alive, a promise
 * nobody settles) ends non-zero with a message, never 0 with no output; a settled command's code
 * is the process's.
 */
import { execFile } from "node:child_process";
import { join } from "node:path";
import { requireBuiltBin } from "./run-bin";

const MODULE = join(__dirname, "..", "..", "dist", "cli", "run-until-settled.js");

function node(command: string): Promise<{ code: number; stderr: string; stdout: string }> {
  const script =
    `const { runUntilSettled } = require(${JSON.stringify(MODULE)});\n` +
    `runUntilSettled(() => ${command}, process, 1);\n`;
  return new Promise((resolve) => {
    execFile(process.execPath, ["-e", script], { timeout: 20_000 }, (error, stdout, stderr) => {
      resolve({
        code: error ? (typeof error.code === "number" ? error.code : -1) : 0,
        stdout,
        stderr,
      });
    });
  });
}

beforeAll(() => requireBuiltBin());

it("an abandoned wait (an unref'd timer) ends with exit 1 and a message", async () => {
  const r = await node("new Promise((resolve) => setTimeout(() => resolve(0), 5000).unref())");
  expect(r.code).toBe(1);
  expect(r.stderr).toMatch(/ran out of work before the command finished/);
  expect(r.stdout).toBe("");
});

it("a promise nobody settles ends with exit 1 and a message", async () => {
  const r = await node("new Promise(() => undefined)");
  expect(r.code).toBe(1);
  expect(r.stderr).toMatch(/no answer/);
});

it("a settled command's code is the exit code", async () => {
  const r = await node("new Promise((resolve) => setTimeout(() => resolve(5), 50))");
  expect(r).toMatchObject({ code: 5, stderr: "" });
});

it("a rejected command ends with exit 1 and its message", async () => {
  const r = await node('Promise.reject(new Error("boom"))');
  expect(r.code).toBe(1);
  expect(r.stderr).toMatch(/unexpected error: boom/);
});
