/**
 * Floor for `remit import` of a remittance CSV: papaparse on the whole text, then the same
 * columns (amounts in cents, dates ISO) into a fresh table with one prepared statement in
 * one transaction. Columns are taken by position: the floor knows the file.
 */
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { insertIntoFresh } from './sqlite.js';
import { phase, type FloorResult } from './types.js';
import { cents, isoFromUs } from './values.js';

const COLUMNS = ['reference TEXT', 'invoice_date TEXT', 'description TEXT', 'gross_minor INTEGER', 'discount_minor INTEGER', 'deduction_minor INTEGER',
  'reason TEXT', 'paid_minor INTEGER', 'payment_ref TEXT', 'payment_date TEXT', 'currency TEXT'];

export async function run([file, dbFile]: string[]): Promise<FloorResult> {
  if (!file || !dbFile) throw new Error('usage: csv-import <file.csv> <scratch.db>');
  const phases: Record<string, number> = {};
  const rows = await phase(phases, 'parse', () => Papa.parse<string[]>(readFileSync(file, 'utf8'), { skipEmptyLines: true }).data);
  const count = await phase(phases, 'insert', () => insertIntoFresh(dbFile, 'lines', COLUMNS, lineRows(rows)));
  return { rows: count, phases };
}

function* lineRows(rows: string[][]): Generator<unknown[]> {
  for (let i = 1; i < rows.length; i += 1) {
    const r = rows[i]!;
    yield [r[0], isoFromUs(r[1]!), r[2], cents(r[3]!), cents(r[4]!), cents(r[5]!), r[6], cents(r[7]!), r[8], isoFromUs(r[9]!), r[10]];
  }
}
