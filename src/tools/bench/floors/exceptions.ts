/**
 * Floor for `remit report exceptions`: the lines a person must look at and the payments
 * flagged for review, by one SQL on the ledger (read-only) whose condition is the one of
 * the ledger's partial index, written as CSV to stdout.
 */
import Database from 'better-sqlite3';
import { phase, type FloorResult } from './types.js';

const SQL = `SELECT l.id, r.payer, r.payment_ref, r.payment_date, l.line_no, l.reference, l.status, l.unapplied_minor, r.currency, l.note
  FROM remittance_lines l JOIN remittances r ON r.id = l.remittance_id WHERE l.status IN ('unapplied', 'review') OR l.unapplied_minor <> 0
  UNION ALL
  SELECT NULL, r.payer, r.payment_ref, r.payment_date, NULL, NULL, 'payment-review', r.total_minor, r.currency, r.review_reason
  FROM remittances r WHERE r.needs_review = 1
  ORDER BY 4, 3, 5`;

const csv = (value: unknown): string => (value === null ? '' : /[",\n]/.test(String(value)) ? `"${String(value).replace(/"/g, '""')}"` : String(value));

export async function run([ledgerFile]: string[]): Promise<FloorResult> {
  if (!ledgerFile) throw new Error('usage: exceptions <ledger.db>');
  const phases: Record<string, number> = {};
  const db = new Database(ledgerFile, { readonly: true });
  try {
    const rows = await phase(phases, 'query', () => db.prepare(SQL).raw().all() as unknown[][]);
    await phase(phases, 'write', () => {
      process.stdout.write(`line_id,payer,payment_ref,payment_date,line_no,line_ref,status,unapplied,currency,note\n${rows.map((r) => r.map(csv).join(',')).join('\n')}\n`);
    });
    return { rows: rows.length, phases };
  } finally {
    db.close();
  }
}
