/** Reading typed values out of cells, each failure naming its row and column. */
import { ParseError } from '../../core/errors.js';
import { parseAmount, type Minor } from '../../core/money.js';
import { parseDate } from '../../core/dates.js';
import type { ParseOptions } from '../types.js';
import type { Cell } from './cells.js';

export interface CellRef {
  cell: Cell | undefined;
  rowNo: number;
  header: string;
}

export function amountIn(ref: CellRef, options: ParseOptions): Minor | undefined {
  const text = ref.cell?.text.trim() ?? '';
  if (text === '') return undefined;
  const result = parseAmount(text, { decimalComma: ref.cell?.kind === 'number' ? false : options.decimalComma });
  if (!result.ok) throw new ParseError(`row ${ref.rowNo}, column "${ref.header}": ${result.reason}`);
  return result.minor;
}

export function dateIn(ref: CellRef, options: ParseOptions): string | undefined {
  const cell = ref.cell;
  if (!cell || cell.text.trim() === '') return undefined;
  if (cell.kind === 'date' && cell.iso) return cell.iso;
  const result = parseDate(cell.text, options.dateOrder);
  if (!result.ok) throw new ParseError(`row ${ref.rowNo}, column "${ref.header}": ${result.reason}`);
  return result.iso;
}

/** Dates repeat (a payment's date on each of its rows, a year of invoice dates): read each text once. */
export class DateCache {
  private readonly seen = new Map<string, string>();

  read(ref: CellRef, options: ParseOptions): string | undefined {
    const cell = ref.cell;
    if (!cell || cell.kind !== 'text') return dateIn(ref, options);
    const known = this.seen.get(cell.text);
    if (known !== undefined) return known;
    const iso = dateIn(ref, options);
    if (iso !== undefined) {
      if (this.seen.size >= 10_000) this.seen.clear();
      this.seen.set(cell.text, iso);
    }
    return iso;
  }
}
