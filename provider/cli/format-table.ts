/** Plain-text tables: left-aligned columns two spaces apart, no trailing blanks. */

/**
 * Lays out a header row and data rows as aligned text, one line per row, each ending in `\n`.
 * Columns are as wide as their widest cell; the last column is not padded.
 */
export function formatTable(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
): string {
  const widths = headers.map((h, i) =>
    Math.max(h.length, ...rows.map((row) => (row[i] ?? "").length)),
  );
  const line = (cells: readonly string[]): string =>
    headers
      .map((_, i) => (cells[i] ?? "").padEnd(widths[i] ?? 0))
      .join("  ")
      .trimEnd() + "\n";
  return [headers, ...rows].map(line).join("");
}
