/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  transform: {
    // Type errors are caught by `npm run typecheck`; ts-jest only transpiles here.
    "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.json", diagnostics: false }],
  },
  moduleNameMapper: { "^pulumi-otc-ipv6-eip$": "<rootDir>/provider/index.ts" },
  // The Pulumi protocol harness: a per-run folder shared by workers (the packed user project is
  // made in it at most once per run, on first use) and removed at the end.
  globalSetup: "<rootDir>/test/harness/global-setup.ts",
  globalTeardown: "<rootDir>/test/harness/global-teardown.ts",
  // v8 coverage leaves the code the closure serializer reads untouched (babel inflates it ~15x).
  coverageProvider: "v8",
  testTimeout: 30000,
};
