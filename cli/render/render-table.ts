/**
 * Left-aligned columns separated by two spaces, widths from the widest cell. Plain text on purpose:
 * the same table reads in a terminal, a pasted incident note and a CI log. `decorate` may colour a
 * cell after padding (escape codes would break the width arithmetic). `maxWidth` (a terminal's
 * columns) cuts each line to fit, so the last column (the longest: reasons) gives way, marked `…`.
 */
export function renderTable(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
  decorate: (cell: string, column: number, row: number) => string = (cell) => cell,
  maxWidth?: number,
): string {
  const widths = headers.map((header, column) =>
    Math.max(header.length, ...rows.map((row) => (row[column] ?? "").length)),
  );
  const line = (cells: readonly string[], row: number): string =>
    cells
      .map((cell, column) => {
        const padded = column === cells.length - 1 ? cell : cell.padEnd(widths[column] ?? 0);
        return row < 0 ? padded : decorate(padded, column, row);
      })
      .join("  ")
      .trimEnd();
  const fit = (text: string): string =>
    maxWidth === undefined || text.length <= maxWidth ? text : `${text.slice(0, Math.max(0, maxWidth - 1))}…`;
  return [line(headers, -1), ...rows.map((row, index) => line(row, index))].map(fit).join("\n");
}
