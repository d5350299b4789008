/**
 * Left-aligned columns separated by two spaces, widths from the widest cell. Plain text on purpose:
 * the same table reads in a terminal, a pasted incident note and a CI log. `decorate` may colour a
 * cell after padding (escape codes would break the width arithmetic).
 */
export function renderTable(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
  decorate: (cell: string, column: number, row: number) => string = (cell) => cell,
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
  return [line(headers, -1), ...rows.map((row, index) => line(row, index))].join("\n");
}
