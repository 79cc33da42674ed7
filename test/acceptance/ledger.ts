/**
 * The local record of every EIP the acceptance run creates: the intent (family, NIC, time) is
 * written and flushed to disk before the create request is sent, the id as soon as an answer
 * names it, the release once OTC confirmed it. The sweeper releases exactly what this holds.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, writeSync } from "node:fs";
import * as path from "node:path";
import type { EipFamily } from "./eip-paths";

/** One EIP the run created or was about to create. */
export interface LedgerEntry {
  /** The entry's own key. */
  key: string;
  family: EipFamily;
  /** The NIC the create asked for (every create of the run names one). */
  portId: string;
  /** The moment just before the create was sent (ISO 8601, UTC). */
  intentAt: string;
  /** What the EIP was for, e.g. `create bound (provider)`. */
  purpose: string;
  /** The EIP's id, once an answer named it. */
  id?: string;
  /** Closed: released (OTC confirmed it is gone), or OTC refused the create, or none was found. */
  closed?: { at: string; how: string };
}

type LedgerLine =
  | {
      op: "intent";
      key: string;
      family: EipFamily;
      portId: string;
      intentAt: string;
      purpose: string;
    }
  | { op: "id"; key: string; id: string }
  | { op: "closed"; key: string; at: string; how: string };

/** The ledger file (JSON lines, appended and flushed line by line, so a crash loses nothing). */
export class Ledger {
  private readonly byKey = new Map<string, LedgerEntry>();

  private constructor(readonly file: string) {}

  /** Opens (or starts) the ledger in `file`. */
  static open(file: string): Ledger {
    const ledger = new Ledger(file);
    let text = "";
    try {
      text = readFileSync(file, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    }
    for (const line of text.split("\n")) {
      if (line.trim() === "") continue;
      try {
        ledger.apply(JSON.parse(line) as LedgerLine);
      } catch {
        // A line cut short by a crash: the lines before it still stand.
      }
    }
    return ledger;
  }

  /** Every entry, in the order the intents were written. */
  entries(): LedgerEntry[] {
    return [...this.byKey.values()].map((e) => ({ ...e }));
  }

  /** The entries not closed yet. */
  open(): LedgerEntry[] {
    return this.entries().filter((e) => e.closed === undefined);
  }

  /** The ids every entry knows. */
  knownIds(): Set<string> {
    return new Set(this.entries().flatMap((e) => (e.id ? [e.id] : [])));
  }

  /** Records, on disk, that a create for `portId` is about to be sent; returns the entry's key. */
  recordIntent(family: EipFamily, portId: string, purpose: string): string {
    const key = `${Date.now().toString(36)}-${this.byKey.size}`;
    this.append({ op: "intent", key, family, portId, intentAt: new Date().toISOString(), purpose });
    return key;
  }

  /** Records the id an answer named for the entry. */
  recordId(key: string, id: string): void {
    this.append({ op: "id", key, id: id.toLowerCase() });
  }

  /** Closes the entry (released, refused by OTC, or nothing found), saying how. */
  close(key: string, how: string): void {
    this.append({ op: "closed", key, at: new Date().toISOString(), how });
  }

  private append(line: LedgerLine): void {
    mkdirSync(path.dirname(this.file), { recursive: true });
    const fd = openSync(this.file, "a");
    try {
      writeSync(fd, `${JSON.stringify(line)}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    this.apply(line);
  }

  private apply(line: LedgerLine): void {
    if (line.op === "intent") {
      const { key, family, portId, intentAt, purpose } = line;
      this.byKey.set(key, { key, family, portId, intentAt, purpose });
      return;
    }
    const entry = this.byKey.get(line.key);
    if (!entry) return;
    if (line.op === "id") entry.id = line.id;
    else entry.closed = { at: line.at, how: line.how };
  }
}
