/** The confirmation prompt on a real terminal. */
import { createInterface } from "node:readline/promises";

/** Asks `question` on stderr and resolves to the line typed on stdin (empty at end of input). */
export async function promptLine(question: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  try {
    return await rl.question(question);
  } catch {
    return "";
  } finally {
    rl.close();
  }
}
