"use strict";
// Runs a Pulumi program under pulumi.runtime.setMocks in a plain node process, with cwd = the
// project, and records every registered resource, every console/pulumi.log line and the error the
// program failed with. Usage: node run-program.js <request.json>; result in request.resultFile.
const { createRequire } = require("module");
const fs = require("fs");
const path = require("path");
const util = require("util");

const request = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const SIG_KEY = "4dabf18193072939515e22adb298388d";
const resources = [];
const logs = [];
const errors = [];
let finished = false;

for (const level of ["log", "info", "warn", "error", "debug"]) {
  const original = console[level].bind(console);
  console[level] = (...args) => {
    logs.push(util.format(...args));
    original(...args);
  };
}

function describeError(error) {
  return error instanceof Error ? error.message : String(error);
}
process.on("uncaughtException", (error) => errors.push(describeError(error)));
process.on("unhandledRejection", (error) => errors.push(describeError(error)));

if (request.programFile.endsWith(".ts")) {
  // TypeScript programs are transpiled module by module, as ts-node's transpile-only mode does.
  const ts = require("typescript");
  require.extensions[".ts"] = (module, filename) => {
    const source = fs.readFileSync(filename, "utf8");
    const output = ts.transpileModule(source, {
      fileName: filename,
      compilerOptions: {
        module: ts.ModuleKind.CommonJS,
        target: ts.ScriptTarget.ES2022,
        esModuleInterop: true,
      },
    });
    module._compile(output.outputText, filename);
  };
}

function toPlain(value, pulumi) {
  if (pulumi.isUnknown && pulumi.isUnknown(value)) return UNKNOWN;
  if (value === undefined) return null;
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((item) => toPlain(item, pulumi));
  if (SIG_KEY in value) return toPlain(value.value, pulumi);
  if (pulumi.Resource.isInstance(value)) return { resourceUrn: "<resource reference>" };
  const out = {};
  for (const [key, item] of Object.entries(value)) out[key] = toPlain(item, pulumi);
  return out;
}

function finish() {
  if (finished) return;
  finished = true;
  fs.writeFileSync(
    request.resultFile,
    JSON.stringify({ resources, logs, error: errors.length ? errors.join("\n") : undefined }),
  );
  process.exit(0);
}

async function main() {
  const programFile = path.resolve(request.programFile);
  // The SDK instance the program itself loads, so the mocks see its registrations.
  const pulumi = createRequire(programFile)("@pulumi/pulumi");
  await pulumi.runtime.setMocks(
    {
      newResource(args) {
        resources.push({ type: args.type, name: args.name, inputs: toPlain(args.inputs, pulumi) });
        // As in a real preview, a resource about to be created has no id yet (unknown); its
        // outputs are its inputs, which is what the engine shows for a planned create.
        return { id: request.preview ? undefined : `${args.name}-id`, state: args.inputs };
      },
      call(args) {
        return args.inputs;
      },
    },
    request.project,
    request.stack,
    request.preview,
  );
  try {
    const exported = require(programFile);
    const fn = typeof exported === "function" ? exported : exported && exported.default;
    if (typeof fn === "function") await fn();
  } catch (error) {
    errors.push(describeError(error));
  }
  await pulumi.runtime.waitForRPCs();
  // Let apply callbacks scheduled by the last registrations run (and fail) before reporting.
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
}

main().then(finish, (error) => {
  errors.push(describeError(error));
  finish();
});
