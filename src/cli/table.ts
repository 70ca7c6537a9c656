/** Rows out as a text table, CSV or JSON. Data goes to stdout; CSV cells are formula-safe. */
import { csvCell, textCell } from '../gl/csv-cell.js';

export type Format = 'table' | 'csv' | 'json';
export type Cells = Record<string, string | number | null>;

/** `numeric` columns are amounts remit wrote itself: never neutralised, so -12.50 stays a number. */
export function render(rows: Cells[], columns: string[], format: Format, numeric: ReadonlySet<string> = new Set(), terminal = true): string {
  if (format === 'json') return `${JSON.stringify(rows, null, 2)}\n`;
  if (format === 'csv') {
    const lines = [columns.join(',')];
    for (const row of rows) {
      lines.push(columns.map((column) => (numeric.has(column) ? csvCell(cellText(row[column])) : textCell(cellText(row[column])))).join(','));
    }
    return `${lines.join('\n')}\n`;
  }
  if (rows.length === 0) return '(none)\n';
  // Long notes are cut to fit a terminal; piped output keeps every character.
  const cap = terminal ? 60 : Number.MAX_SAFE_INTEGER;
  const widths = columns.map((column) => Math.min(cap, Math.max(column.length, ...rows.map((row) => cellText(row[column]).length))));
  const pad = (text: string, width: number): string => (text.length > width ? `${text.slice(0, width - 1)}…` : text.padEnd(width));
  const out = [columns.map((column, i) => pad(column, widths[i]!)).join('  ').trimEnd()];
  out.push(widths.map((width) => '-'.repeat(width)).join('  '));
  for (const row of rows) out.push(columns.map((column, i) => pad(cellText(row[column]), widths[i]!)).join('  ').trimEnd());
  return `${out.join('\n')}\n`;
}

function cellText(value: string | number | null | undefined): string {
  return value === null || value === undefined ? '' : String(value);
}
