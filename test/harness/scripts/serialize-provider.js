"use strict";
// Runs in a plain node process (no ts-jest, no coverage transform) with cwd = the user's project:
// loads the package as the user's program would and prints the provider text the SDK serializes.
// Usage: node serialize-provider.js <request.json>; the result goes to request.resultFile.
const { createRequire } = require("module");
const fs = require("fs");
const path = require("path");

const request = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const SIG_KEY = "4dabf18193072939515e22adb298388d";

function writeResult(result) {
  fs.writeFileSync(request.resultFile, JSON.stringify(result));
  process.exit(0);
}

function unwrapSecret(value) {
  return value !== null && typeof value === "object" && SIG_KEY in value ? value.value : value;
}

async function main() {
  const userRequire = createRequire(path.join(process.cwd(), "__program__.js"));
  const entry = userRequire.resolve(request.modulePath);
  const mod = userRequire(request.modulePath);
  // The SDK instance the package itself loads, so setMocks reaches its resources.
  const pulumi = createRequire(entry)("@pulumi/pulumi");
  const exported = mod[request.exportName];
  if (exported === undefined) {
    throw new Error(`${request.modulePath} has no export named ${request.exportName}`);
  }
  if (request.mode === "object") {
    // Named `provider` as in the SDK's dynamic/index.js: the captured variable's name is part of
    // the text (`with({ provider: __provider, ... })`).
    const provider = exported;
    const serialized = await pulumi.runtime.serializeFunction(() => provider, {
      allowSecrets: true,
    });
    return { text: serialized.text, containsSecrets: serialized.containsSecrets, entry };
  }
  const captured = new Promise((resolve) => {
    pulumi.runtime.setMocks(
      {
        newResource(args) {
          if (typeof args.inputs.__provider === "string" || args.inputs.__provider) {
            resolve({ type: args.type, name: args.name, provider: args.inputs.__provider });
          }
          return { id: `${args.name}-id`, state: args.inputs };
        },
        call(args) {
          return args.inputs;
        },
      },
      request.project,
      request.stack,
      false,
    );
  });
  new exported(request.name, request.args);
  const timeout = new Promise((_, reject) =>
    setTimeout(() => reject(new Error("no resource with __provider was registered")), 30000),
  );
  const result = await Promise.race([captured, timeout]);
  return {
    text: unwrapSecret(result.provider),
    secret: unwrapSecret(result.provider) !== result.provider,
    type: result.type,
    entry,
  };
}

main().then(writeResult, (error) =>
  writeResult({ error: error instanceof Error ? error.stack || error.message : String(error) }),
);
