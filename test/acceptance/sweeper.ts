/**
 * The sweeper: releases exactly the EIPs the ledger records as created by an acceptance run —
 * by id, or, for an intent whose answer was never read, the EIP of that family that appeared on
 * its NIC after the intent was written (and that no other entry owns). Nothing else is touched.
 */
import { collectionPath } from "./eip-paths";
import type { Ledger, LedgerEntry } from "./ledger";
import { releaseEip } from "./release-eip";
import type { ProbeSession } from "./probe-session";

/** What one sweep did. */
export interface SweepResult {
  /** EIPs released now (or found already gone), by id. */
  released: { id: string; family: string; purpose: string; how: string }[];
  /** Intents closed without an EIP (OTC refused it, or none appeared on the NIC). */
  closedWithoutEip: { key: string; purpose: string; how: string }[];
  /** Entries still open: their EIP may exist. */
  failed: { key: string; id?: string; purpose: string; reason: string }[];
}

/** Clock difference allowed between this machine and OTC's `created_at` (seconds). */
const CLOCK_ALLOWANCE_MS = 120_000;

/** `created_at` as OTC writes it (`yyyy-MM-ddTHH:mm:ss`, UTC, no zone) in epoch milliseconds. */
function createdAtMs(value: unknown): number | undefined {
  if (typeof value !== "string") return undefined;
  const zoned = /(Z|[+-]\d\d:?\d\d)$/.test(value) ? value : `${value}Z`;
  const ms = Date.parse(zoned);
  return Number.isNaN(ms) ? undefined : ms;
}

/** The EIPs of the entry's family on its NIC, created after its intent, owned by no other entry. */
async function findByNic(
  session: ProbeSession,
  entry: LedgerEntry,
  owned: Set<string>,
  deadline: number,
): Promise<string[]> {
  const answer = await session.send(
    {
      method: "GET",
      path: collectionPath(entry.family),
      query: [["port_id", entry.portId]],
      acceptStatuses: [200],
    },
    deadline,
    true,
  );
  const items = (answer.json as { floatingips?: unknown[] } | undefined)?.floatingips ?? [];
  const notBefore = Date.parse(entry.intentAt) - CLOCK_ALLOWANCE_MS;
  const found: string[] = [];
  for (const item of items) {
    const eip = item as Record<string, unknown>;
    const id = typeof eip["id"] === "string" ? eip["id"].toLowerCase() : undefined;
    const created = createdAtMs(eip["created_at"]);
    if (!id || owned.has(id) || eip["port_id"] !== entry.portId) continue;
    if (created !== undefined && created >= notBefore) found.push(id);
  }
  return found;
}

/** Options of {@link sweep}. */
export interface SweepOptions {
  /**
   * Waits (ms) before each look at the NIC of an intent without id: a create may still be
   * completing (default 0, 2 s, 5 s).
   */
  intentLookupsMs?: readonly number[];
}

const DEFAULT_INTENT_LOOKUPS_MS = [0, 2000, 5000];

/** Settles an entry that has no id: takes over what appeared on its NIC, or closes it. */
async function resolveIntent(
  session: ProbeSession,
  ledger: Ledger,
  entry: LedgerEntry,
  deadline: number,
  result: SweepResult,
  lookups: readonly number[],
): Promise<string | undefined> {
  for (const wait of lookups) {
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const found = await findByNic(session, entry, ledger.knownIds(), deadline);
    const [first, ...more] = found;
    if (first !== undefined && more.length === 0) {
      ledger.recordId(entry.key, first);
      return first;
    }
    if (more.length > 0) {
      throw new Error(
        `${found.length} EIPs appeared on NIC ${entry.portId} after ${entry.intentAt} (${found.join(", ")}); not guessing which is this run's — release them by hand`,
      );
    }
  }
  const how = `no ${entry.family} EIP appeared on NIC ${entry.portId} after ${entry.intentAt} (OTC's list of that NIC, ${lookups.length} times)`;
  ledger.close(entry.key, how);
  result.closedWithoutEip.push({ key: entry.key, purpose: entry.purpose, how });
  return undefined;
}

/**
 * Releases every open entry of the ledger, within `deadlineMs` from now.
 * Calls are exempt from the run's budget (they are bounded here).
 */
export async function sweep(
  session: ProbeSession,
  ledger: Ledger,
  deadlineMs: number,
  options: SweepOptions = {},
): Promise<SweepResult> {
  const lookups = options.intentLookupsMs ?? DEFAULT_INTENT_LOOKUPS_MS;
  const result: SweepResult = { released: [], closedWithoutEip: [], failed: [] };
  const deadline = Date.now() + deadlineMs;
  for (const entry of ledger.open()) {
    try {
      const id =
        entry.id ?? (await resolveIntent(session, ledger, entry, deadline, result, lookups));
      if (id === undefined) continue;
      const how = await releaseEip(session, entry.family, id, deadline);
      ledger.close(entry.key, how);
      result.released.push({ id, family: entry.family, purpose: entry.purpose, how });
    } catch (error) {
      result.failed.push({
        key: entry.key,
        ...(entry.id ? { id: entry.id } : {}),
        purpose: entry.purpose,
        reason: error instanceof Error ? error.message : String(error),
      });
    }
  }
  return result;
}
