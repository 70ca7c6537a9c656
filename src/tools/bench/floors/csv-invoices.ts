/**
 * Floor for `remit invoices import`: papaparse on the whole text, then the same columns
 * into a fresh table with one prepared statement in one transaction.
 */
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { insertIntoFresh } from './sqlite.js';
import { phase, type FloorResult } from './types.js';
import { cents, isoFromUs } from './values.js';

const COLUMNS = ['customer TEXT', 'customer_name TEXT', 'number TEXT', 'invoice_date TEXT', 'due_date TEXT', 'po TEXT', 'currency TEXT',
  'original_minor INTEGER', 'open_minor INTEGER'];

export async function run([file, dbFile]: string[]): Promise<FloorResult> {
  if (!file || !dbFile) throw new Error('usage: invoices-import <file.csv> <scratch.db>');
  const phases: Record<string, number> = {};
  const rows = await phase(phases, 'parse', () => Papa.parse<string[]>(readFileSync(file, 'utf8'), { skipEmptyLines: true }).data);
  const count = await phase(phases, 'insert', () => insertIntoFresh(dbFile, 'invoices', COLUMNS, invoiceRows(rows)));
  return { rows: count, phases };
}

function* invoiceRows(rows: string[][]): Generator<unknown[]> {
  for (let i = 1; i < rows.length; i += 1) {
    const r = rows[i]!;
    yield [r[0], r[1], r[2], isoFromUs(r[3]!), isoFromUs(r[4]!), r[5], r[6], cents(r[7]!), cents(r[8]!)];
  }
}
