import * as path from "node:path";

/** Absolute path of the repository root (the folder holding package.json). */
export const repoRoot: string = path.resolve(__dirname, "..", "..");
