/** Rows out as a text table, CSV or JSON. Data goes to stdout; CSV cells are formula-safe. */
import { csvCell, textCell } from '../gl/csv-cell.js';
import { printable } from '../core/printable.js';
import { isInstant, localTime } from '../core/times.js';
import type { Output } from './context.js';

export type Format = 'table' | 'csv' | 'json';
export type Cells = Record<string, string | number | null>;

/** A terminal that does not say how wide it is. */
const DEFAULT_WIDTH = 100;
/** No column is cut narrower than this (or its header). */
const MIN_COLUMN = 8;

/**
 * `numeric` columns are amounts remit wrote itself: never neutralised, so -12.50 stays a
 * number. A table on a terminal fits its width (the widest columns are cut with `…`;
 * CSV and JSON always carry every character) and shows times in local time; piped, a table
 * keeps every character and pads no line beyond its last cell.
 */
export function render(rows: Cells[], columns: string[], format: Format, numeric: ReadonlySet<string> = new Set(), out?: Pick<Output, 'isTTY' | 'columns'>): string {
  if (format === 'json') return `${JSON.stringify(rows, null, 2)}\n`;
  if (format === 'csv') {
    const lines = [columns.join(',')];
    for (const row of rows) {
      lines.push(columns.map((column) => (numeric.has(column) ? csvCell(cellText(row[column])) : textCell(cellText(row[column])))).join(','));
    }
    return `${lines.join('\n')}\n`;
  }
  if (rows.length === 0) return '(none)\n';
  const shown = rows.map((row) => columns.map((column) => shownText(row[column])));
  const widths = columns.map((column, i) => Math.max(column.length, ...shown.map((cells) => cells[i]!.length)));
  if (out?.isTTY) fit(widths, columns, (out.columns ?? 0) || DEFAULT_WIDTH);
  const pad = (text: string, width: number, last: boolean): string => (text.length > width ? `${text.slice(0, width - 1)}…` : last ? text : text.padEnd(width));
  const line = (cells: string[]): string => cells.map((text, i) => pad(text, widths[i]!, i === cells.length - 1)).join('  ').trimEnd();
  const lines = [line(columns), widths.map((width) => '-'.repeat(width)).join('  '), ...shown.map(line)];
  return `${lines.join('\n')}\n`;
}

/** Narrow the widest columns until the line fits `total` characters (two spaces between columns). */
function fit(widths: number[], columns: string[], total: number): void {
  const floor = columns.map((column) => Math.min(Math.max(MIN_COLUMN, column.length), widths[columns.indexOf(column)]!));
  const used = (): number => widths.reduce((sum, w) => sum + w, 0) + 2 * (widths.length - 1);
  while (used() > total) {
    let widest = -1;
    for (let i = 0; i < widths.length; i += 1) if (widths[i]! > floor[i]! && (widest < 0 || widths[i]! > widths[widest]!)) widest = i;
    if (widest < 0) return;
    widths[widest]! -= 1;
  }
}

function shownText(value: string | number | null | undefined): string {
  const text = cellText(value);
  return isInstant(text) ? localTime(text) : printable(text.replace(/[ \t\n\r]+/g, ' '));
}

function cellText(value: string | number | null | undefined): string {
  return value === null || value === undefined ? '' : String(value);
}
