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
  coverageProvider: "v8",
  testTimeout: 30000,
};
