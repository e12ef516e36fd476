/** One CSV line (RFC 4180 quoting); cells that spreadsheets would run as formulas are defused. */
export function toCsvRow(cells: unknown[]): string {
  return (
    cells
      .map((cell) => {
        let s = cell === null || cell === undefined ? '' : String(cell);
        if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
        return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
      })
      .join(',') + '\r\n'
  );
}
