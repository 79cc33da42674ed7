"use strict";
// Preloaded (`node -r`) into a child the harness spawns: the parent holds the write end of this
// process's stdin, so when the parent exits (even killed), stdin ends and the child exits too.
// Nothing else reads stdin in the Pulumi helper.
process.stdin.on("end", () => process.exit(0));
process.stdin.on("error", () => process.exit(0));
process.stdin.resume();
