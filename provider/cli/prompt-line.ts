/** The confirmation prompt on a real terminal. */
import { createInterface } from "node:readline/promises";

/**
 * Asks `question` on stderr and resolves to the line typed on stdin; to `""` at end of input
 * (Ctrl-D) or on Ctrl-C, which the caller reads as "no".
 */
export function promptLine(question: string): Promise<string> {
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
    let settled = false;
    const finish = (answer: string): void => {
      if (settled) return;
      settled = true;
      rl.close();
      resolve(answer);
    };
    // Without a SIGINT listener readline only pauses, and closing it does not settle the pending
    // question: the process would end with exit 0 and no word. Both cases answer "no" instead.
    const cancel = (): void => {
      if (!settled) process.stderr.write("\n");
      finish("");
    };
    rl.on("SIGINT", cancel);
    rl.on("close", cancel);
    rl.question(question).then(finish, () => finish(""));
  });
}
