/**
 * Preloaded into a provider helper (`NODE_OPTIONS=--require <this file>`) by the benchmark, to run
 * it with other shared-client options, as a program would set them with `setSharedClientOptions`:
 * `OTC_BENCH_SHARED_CLIENT_OPTIONS` holds them as JSON, `OTC_BENCH_PACKAGE_DIR` the folder the
 * package is resolved from. The options live on `globalThis`, so the copy of the package the
 * helper loads later from the serialized provider sees them.
 */
"use strict";
const path = require("node:path");

const options = JSON.parse(process.env.OTC_BENCH_SHARED_CLIENT_OPTIONS ?? "{}");
const from = process.env.OTC_BENCH_PACKAGE_DIR ?? process.cwd();
const packageJson = require.resolve("pulumi-otc-ipv6-eip/package.json", { paths: [from] });
const client = require(path.join(path.dirname(packageJson), "dist", "client", "otc-client.js"));
client.setSharedClientOptions(options);
