/**
 * Floor for a night (the nightly stage): the night's payer files parsed with papaparse and
 * their lines inserted, the company's open invoices loaded by one query through the open
 * set's own index (invoices_open), an in-memory hash join of exact references (payer,
 * invoice number), and the applications inserted: into a scratch file, with one prepared
 * statement per table in one transaction. The ledger is only read.
 *   floor nightly <ledger.db> <scratch.db> <payer>=<file> ...
 */
import { readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import Papa from 'papaparse';
import { freshDatabase, insertAll } from './sqlite.js';
import { phase, type FloorResult } from './types.js';
import { cents, isoFromUs } from './values.js';

type InvoiceRow = [id: number, customer: string, number: string, open: number];
interface Line { payer: string; reference: string; paid: number; row: unknown[] }

const LINE_COLUMNS = ['payer TEXT', 'reference TEXT', 'invoice_date TEXT', 'gross_minor INTEGER', 'discount_minor INTEGER', 'deduction_minor INTEGER',
  'reason TEXT', 'paid_minor INTEGER', 'payment_ref TEXT', 'payment_date TEXT', 'currency TEXT'];
const APPLICATION_COLUMNS = ['line_no INTEGER NOT NULL', 'invoice_id INTEGER NOT NULL', 'cash_minor INTEGER NOT NULL', 'method TEXT NOT NULL',
  'explanation TEXT NOT NULL', 'created_at TEXT NOT NULL'];

export async function run([ledgerFile, dbFile, ...pairs]: string[]): Promise<FloorResult> {
  if (!ledgerFile || !dbFile || pairs.length === 0) throw new Error('usage: nightly <ledger.db> <scratch.db> <payer>=<file> ...');
  const phases: Record<string, number> = {};
  const lines = await phase(phases, 'parse', () => {
    const out: Line[] = [];
    for (const pair of pairs) {
      const at = pair.indexOf('=');
      const payer = pair.slice(0, at);
      const rows = Papa.parse<string[]>(readFileSync(pair.slice(at + 1), 'utf8'), { skipEmptyLines: true }).data;
      for (let i = 1; i < rows.length; i += 1) {
        const r = rows[i]!;
        const paid = cents(r[7]!) ?? 0;
        out.push({ payer, reference: r[0]!, paid, row: [payer, r[0], isoFromUs(r[1]!), cents(r[3]!), cents(r[4]!), cents(r[5]!), r[6], paid, r[8], isoFromUs(r[9]!), r[10]] });
      }
    }
    return out;
  });
  const invoices = await phase(phases, 'open invoices', () => {
    const db = new Database(ledgerFile, { readonly: true });
    try {
      return db.prepare('SELECT id, customer, number, open_minor FROM invoices WHERE in_latest_snapshot = 1').raw().all() as InvoiceRow[];
    } finally {
      db.close();
    }
  });
  const pairsFound = await phase(phases, 'hash join', () => {
    const byPayer = new Map<string, Map<string, InvoiceRow>>();
    for (const invoice of invoices) {
      let byNumber = byPayer.get(invoice[1]);
      if (!byNumber) byPayer.set(invoice[1], (byNumber = new Map()));
      byNumber.set(invoice[2], invoice);
    }
    const found: Array<[number, Line, InvoiceRow]> = [];
    lines.forEach((line, k) => {
      const invoice = byPayer.get(line.payer)?.get(line.reference);
      if (invoice) found.push([k + 1, line, invoice]);
    });
    return found;
  });
  const now = new Date().toISOString();
  const count = await phase(phases, 'insert', () => {
    const db = freshDatabase(dbFile);
    try {
      insertAll(db, 'lines', LINE_COLUMNS, lines.map((line) => line.row));
      return insertAll(db, 'applications', APPLICATION_COLUMNS, pairsFound.map(([lineNo, line, invoice]) =>
        [lineNo, invoice[0], Math.min(line.paid, invoice[3]), 'exact-reference', `reference "${line.reference}" is invoice ${invoice[2]}`, now]));
    } finally {
      db.close();
    }
  });
  return { rows: count, phases, counts: { lines: lines.length, openInvoices: invoices.length } };
}
