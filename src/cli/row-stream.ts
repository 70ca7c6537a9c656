/**
 * Rows out as CSV or JSON a chunk at a time, for listings too large to hold (a report over a
 * year of data): the same text `render` gives for the whole list, written as rows arrive.
 */
import { csvCell, textCell } from '../gl/csv-cell.js';
import type { Output } from './context.js';
import type { Cells } from './table.js';

/** Written in pieces of about this many characters: few writes, little held. */
const CHUNK = 1 << 16;

/** Write every row; returns how many there were. `numeric` as for render. */
export async function streamRows(out: Output, rows: AsyncIterable<Cells> | Iterable<Cells>, columns: string[], format: 'csv' | 'json', numeric: ReadonlySet<string> = new Set()): Promise<number> {
  let chunk = format === 'csv' ? `${columns.join(',')}\n` : '';
  let count = 0;
  for await (const row of rows) {
    if (format === 'csv') {
      chunk += `${columns.map((column) => (numeric.has(column) ? csvCell(cellText(row[column])) : textCell(cellText(row[column])))).join(',')}\n`;
    } else {
      // As JSON.stringify(rows, null, 2) lays out an array: each element indented by two.
      chunk += `${count === 0 ? '[\n' : ',\n'}  ${JSON.stringify(row, null, 2).replace(/\n/g, '\n  ')}`;
    }
    count += 1;
    if (chunk.length >= CHUNK) {
      out.write(chunk);
      chunk = '';
    }
  }
  if (format === 'json') chunk += count === 0 ? '[]\n' : '\n]\n';
  if (chunk) out.write(chunk);
  return count;
}

function cellText(value: string | number | null | undefined): string {
  return value === null || value === undefined ? '' : String(value);
}
