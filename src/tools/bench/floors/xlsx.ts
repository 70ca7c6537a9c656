/**
 * Floor for `remit import` of an XLSX remittance: SheetJS reads the workbook and
 * sheet_to_json gives the rows; the line rows (under the header, above TOTAL) go into a
 * fresh table with one prepared statement in one transaction.
 */
import { readFileSync } from 'node:fs';
import * as XLSX from '@e965/xlsx';
import { insertIntoFresh } from './sqlite.js';
import { phase, type FloorResult } from './types.js';
import { cents, isoFromSerial } from './values.js';

const COLUMNS = ['reference TEXT', 'invoice_date TEXT', 'gross_minor INTEGER', 'discount_minor INTEGER', 'adjustment_minor INTEGER', 'reason TEXT',
  'paid_minor INTEGER', 'payment_ref TEXT', 'payment_date TEXT'];
const HEADER_ROW = 2;

export async function run([file, dbFile]: string[]): Promise<FloorResult> {
  if (!file || !dbFile) throw new Error('usage: xlsx-import <file.xlsx> <scratch.db>');
  const phases: Record<string, number> = {};
  const rows = await phase(phases, 'read', () => {
    const book = XLSX.read(readFileSync(file), { type: 'buffer' });
    return XLSX.utils.sheet_to_json<unknown[]>(book.Sheets[book.SheetNames[0]!]!, { header: 1, raw: true, blankrows: true });
  });
  const count = await phase(phases, 'insert', () => insertIntoFresh(dbFile, 'lines', COLUMNS, lineRows(rows)));
  return { rows: count, phases };
}

const money = (value: unknown): number | null => (typeof value === 'number' ? cents(String(value)) : null);
const day = (value: unknown): string | null => (typeof value === 'number' ? isoFromSerial(value) : null);

function* lineRows(rows: unknown[][]): Generator<unknown[]> {
  for (let i = HEADER_ROW + 1; i < rows.length; i += 1) {
    const r = rows[i]!;
    if (r[0] === 'TOTAL') break;
    yield [String(r[0]), day(r[1]), money(r[2]), money(r[3]), money(r[4]), r[5] ?? null, money(r[6]), String(r[7]), day(r[8])];
  }
}
