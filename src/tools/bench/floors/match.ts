/**
 * Floor for `remit match`: the same lines and open invoices read by SQL from the same
 * ledger, an in-memory hash join of exact references (company, payer, invoice number),
 * and the applications inserted with one prepared statement in one transaction into a
 * fresh copy of the applications table (in a scratch file: the ledger stays as remit
 * left it). The join alone is reported as its own phase: the pure in-memory figure.
 */
import Database from 'better-sqlite3';
import { freshDatabase, insertAll } from './sqlite.js';
import { phase, type FloorResult } from './types.js';

type LineRow = [id: number, company: string, payer: string, reference: string, paid: number];
type InvoiceRow = [id: number, company: string, customer: string, number: string, open: number];

const COLUMNS = ['line_id INTEGER NOT NULL', 'invoice_id INTEGER NOT NULL', 'cash_minor INTEGER NOT NULL', 'discount_minor INTEGER NOT NULL',
  'deduction_minor INTEGER NOT NULL', 'method TEXT NOT NULL', 'confidence REAL NOT NULL', 'explanation TEXT NOT NULL', 'status TEXT NOT NULL',
  'created_at TEXT NOT NULL', 'created_by TEXT NOT NULL'];

export async function run([ledgerFile, dbFile]: string[]): Promise<FloorResult> {
  if (!ledgerFile || !dbFile) throw new Error('usage: match <ledger.db> <scratch.db>');
  const phases: Record<string, number> = {};
  const { lines, invoices } = await phase(phases, 'read', () => {
    const db = new Database(ledgerFile, { readonly: true });
    try {
      return {
        lines: db.prepare('SELECT l.id, r.company, r.payer, l.reference, l.paid_minor FROM remittance_lines l JOIN remittances r ON r.id = l.remittance_id').raw().all() as LineRow[],
        invoices: db.prepare('SELECT id, company, customer, number, open_minor FROM invoices WHERE in_latest_snapshot = 1').raw().all() as InvoiceRow[],
      };
    } finally {
      db.close();
    }
  });
  const pairs = await phase(phases, 'hash join', () => {
    // company -> payer -> invoice number: nested maps, so no key is built per row.
    const byCompany = new Map<string, Map<string, Map<string, InvoiceRow>>>();
    for (const invoice of invoices) {
      let byPayer = byCompany.get(invoice[1]);
      if (!byPayer) byCompany.set(invoice[1], (byPayer = new Map()));
      let byNumber = byPayer.get(invoice[2]);
      if (!byNumber) byPayer.set(invoice[2], (byNumber = new Map()));
      byNumber.set(invoice[3], invoice);
    }
    const found: Array<[LineRow, InvoiceRow]> = [];
    for (const line of lines) {
      const invoice = byCompany.get(line[1])?.get(line[2])?.get(line[3]);
      if (invoice) found.push([line, invoice]);
    }
    return found;
  });
  const now = new Date().toISOString();
  const count = await phase(phases, 'insert', () => {
    const db = freshDatabase(dbFile);
    try {
      return insertAll(db, 'applications', COLUMNS, (function* () {
        for (const [line, invoice] of pairs) {
          yield [line[0], invoice[0], Math.min(line[4], invoice[4]), 0, 0, 'exact-reference', 1, `reference "${line[3]}" is invoice ${invoice[3]}`, 'applied', now, 'bench'];
        }
      })());
    } finally {
      db.close();
    }
  });
  return { rows: count, phases, counts: { lines: lines.length, openInvoices: invoices.length } };
}
