/** `npm run test:acceptance -- --sweep`: releases what the ledger records, nothing else. */
import type { AcceptanceOptions } from "./acceptance-options";
import { Ledger } from "./ledger";
import { ProbeSession } from "./probe-session";
import { SWEEP_TIME_MS } from "./run-acceptance";
import { sweep } from "./sweeper";

/** Sweeps the ledger; exit 0 when every entry is closed, 1 when some stay open. */
export async function runSweepOnly(
  options: AcceptanceOptions,
  env: NodeJS.ProcessEnv,
  out: (line: string) => void,
): Promise<number> {
  const ledger = Ledger.open(options.ledgerFile);
  const open = ledger.open();
  if (open.length === 0) {
    out(`sweep: the ledger ${options.ledgerFile} holds nothing open; nothing to release.`);
    return 0;
  }
  const session = await ProbeSession.open(env, options.maxCalls);
  try {
    const result = await sweep(session, ledger, SWEEP_TIME_MS);
    for (const r of result.released) out(`released ${r.id} (${r.family}, ${r.purpose}): ${r.how}`);
    for (const c of result.closedWithoutEip) out(`closed ${c.key} (${c.purpose}): ${c.how}`);
    for (const f of result.failed)
      out(`STILL OPEN ${f.id ?? "(no id)"} (${f.purpose}): ${f.reason}`);
    out(
      `sweep: released ${result.released.length}, closed without an EIP ${result.closedWithoutEip.length}, still open ${result.failed.length}`,
    );
    return result.failed.length === 0 ? 0 : 1;
  } finally {
    await session.close();
  }
}
