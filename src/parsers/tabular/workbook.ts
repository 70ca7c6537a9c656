/**
 * Workbooks (XLSX, XLS, and the HTML tables some portals save as .xls) to rows of cells,
 * keeping what the cell is: text, number or date. SheetJS is @e965/xlsx (see README).
 */
import * as fs from 'node:fs';
import * as XLSX from '@e965/xlsx';
import { ParseError, errorMessage } from '../../core/errors.js';
import { excelSerialToIso } from '../../core/dates.js';
import type { ParseLimits } from '../types.js';
import type { Cell, Row } from './cells.js';
import { guardWorkbookZip } from './zip-guard.js';

XLSX.set_fs(fs);

export interface Sheet {
  name: string;
  rows: Row[];
}

export function readWorkbook(bytes: Uint8Array, limits: ParseLimits, kind: 'zip' | 'ole' | 'html'): Sheet[] {
  if (kind === 'zip') guardWorkbookZip(bytes, limits.maxExpandedBytes);
  let workbook: XLSX.WorkBook;
  try {
    workbook =
      kind === 'html'
        ? XLSX.read(new TextDecoder().decode(bytes), { type: 'string', dense: true, cellNF: true, sheetRows: limits.maxRows + 1 })
        : XLSX.read(bytes, { type: 'buffer', dense: true, cellNF: true, sheetRows: limits.maxRows + 1 });
  } catch (err) {
    throw new ParseError(`not a readable workbook: ${errorMessage(err)}`);
  }
  const date1904 = Boolean(workbook.Workbook?.WBProps?.date1904);
  return workbook.SheetNames.map((name) => ({ name, rows: sheetRows(workbook.Sheets[name], date1904, limits) }));
}

function sheetRows(sheet: XLSX.WorkSheet | undefined, date1904: boolean, limits: ParseLimits): Row[] {
  if (!sheet || !sheet['!ref']) return [];
  const range = XLSX.utils.decode_range(sheet['!ref']);
  const dense = (sheet as unknown as { '!data'?: Array<Array<XLSX.CellObject | undefined> | undefined> })['!data'] ?? [];
  const rows: Row[] = [];
  for (let r = range.s.r; r <= range.e.r; r += 1) {
    if (rows.length >= limits.maxRows) throw new ParseError(`more than ${limits.maxRows.toLocaleString('en-US')} rows (limits.max_rows)`);
    const source = dense[r] ?? [];
    const row: Row = [];
    for (let c = range.s.c; c <= range.e.c; c += 1) row.push(toCell(source[c], date1904, limits, r));
    rows.push(row);
  }
  return rows;
}

function toCell(cell: XLSX.CellObject | undefined, date1904: boolean, limits: ParseLimits, r: number): Cell {
  if (!cell || cell.v === undefined || cell.v === null) return { text: '', kind: 'text' };
  if (cell.t === 'n' && typeof cell.v === 'number') {
    if (cell.z !== undefined && XLSX.SSF.is_date(cell.z)) return { text: cell.w ?? String(cell.v), kind: 'date', iso: excelSerialToIso(cell.v, date1904) };
    return { text: numberText(cell.v), kind: 'number' };
  }
  if (cell.t === 'd' && cell.v instanceof Date) return { text: cell.v.toISOString().slice(0, 10), kind: 'date', iso: cell.v.toISOString().slice(0, 10) };
  if (cell.t === 'e') return { text: '', kind: 'text' };
  const text = String(cell.v);
  if (text.length > limits.maxFieldChars) {
    throw new ParseError(`row ${r + 1}: a cell of ${text.length.toLocaleString('en-US')} characters is over the limit of ${limits.maxFieldChars.toLocaleString('en-US')} (limits.max_field_chars)`);
  }
  return { text, kind: 'text' };
}

/**
 * A workbook number as plain decimal text. JavaScript prints the shortest text that reads
 * back as the same double (28926.6, not 28926.599999...), which is what the sender typed.
 */
function numberText(value: number): string {
  if (Number.isInteger(value)) return String(value);
  const text = String(value);
  return /e/i.test(text) ? value.toFixed(10).replace(/0+$/, '') : text;
}
