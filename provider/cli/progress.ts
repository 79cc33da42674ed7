/**
 * Progress of long listings on stderr: a line rewritten in place on a terminal, one line per page
 * otherwise (only with `--progress`, so that logs stay clean by default).
 */
import type { OutputStream } from "./cli-context";

/** A progress display for one listing. */
export interface Progress {
  /** The client's `onPage` callback, or `undefined` when progress is off. */
  onPage: ((itemsSoFar: number) => void) | undefined;
  /** Ends the display: clears the line on a terminal. */
  end: () => void;
}

/**
 * @param stream stderr
 * @param forced `--progress`: show it even when `stream` is not a terminal
 */
export function createProgress(stream: OutputStream, forced: boolean): Progress {
  const tty = stream.isTTY === true;
  if (!tty && !forced) return { onPage: undefined, end: () => undefined };
  let shown = false;
  return {
    onPage: (itemsSoFar) => {
      const text = `Listing IPv6 EIPs: ${itemsSoFar} so far…`;
      stream.write(tty ? `\r\x1b[2K${text}` : `${text}\n`);
      shown = true;
    },
    end: () => {
      if (tty && shown) stream.write("\r\x1b[2K");
      shown = false;
    },
  };
}
