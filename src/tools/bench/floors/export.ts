/**
 * Floor for `remit export-gl`: one SELECT of the applied applications with their payment
 * and invoice, one CSV row each written to a file (in chunks) and inserted into
 * journal_lines, and the applications marked with the new journal, in one transaction on
 * the same ledger (after remit's own export, which this repeats for the same rows).
 */
import Database from 'better-sqlite3';
import { closeSync, openSync, writeSync } from 'node:fs';
import { phase, type FloorResult } from './types.js';

type Row = [id: number, date: string, payer: string, ref: string, lineNo: number, invoice: string, cash: number, currency: string];

const SELECT = `SELECT a.id, r.payment_date, r.payer, r.payment_ref, l.line_no, i.number, a.cash_minor, r.currency
  FROM applications a JOIN remittance_lines l ON l.id = a.line_id JOIN remittances r ON r.id = l.remittance_id JOIN invoices i ON i.id = a.invoice_id
  WHERE a.status = 'applied' ORDER BY r.id, l.line_no`;

const cell = (minor: number): string => `${Math.trunc(minor / 100)}.${String(Math.abs(minor % 100)).padStart(2, '0')}`;

export async function run([ledgerFile, outFile]: string[]): Promise<FloorResult> {
  if (!ledgerFile || !outFile) throw new Error('usage: export-gl <ledger.db> <out.csv>');
  const phases: Record<string, number> = {};
  const db = new Database(ledgerFile);
  db.pragma('synchronous = NORMAL');
  let rows = 0;
  try {
    const selected = await phase(phases, 'select', () => db.prepare(SELECT).raw().all() as Row[]);
    await phase(phases, 'write and record', () => {
      const journal = (db.prepare('SELECT COALESCE(MAX(id), 0) + 1 AS id FROM journals').get() as { id: number }).id;
      const insertLine = db.prepare(`INSERT INTO journal_lines (journal_id, line_no, entry_date, account, debit_minor, credit_minor, currency, payer, payment_ref,
        invoice, memo) VALUES (?, ?, ?, '1200', 0, ?, ?, ?, ?, ?, ?)`);
      const fd = openSync(outFile, 'w');
      db.transaction(() => {
        db.prepare("INSERT INTO journals (id, company, created_at, format, file, line_count, debit_minor, credit_minor) VALUES (?, 'BENCH', ?, 'floor', ?, 0, 0, 0)")
          .run(journal, new Date().toISOString(), outFile);
        let chunk: string[] = ['journal,line,date,account,debit,credit,currency,payer,payment,invoice,memo\n'];
        for (const row of selected) {
          rows += 1;
          const memo = `line ${row[4]} settles ${row[5]}`;
          chunk.push(`J${journal},${rows},${row[1]},1200,0.00,${cell(row[6])},${row[7]},${row[2]},${row[3]},${row[5]},${memo}\n`);
          insertLine.run(journal, rows, row[1], row[6], row[7], row[2], row[3], row[5], memo);
          if (chunk.length >= 10_000) {
            writeSync(fd, chunk.join(''));
            chunk = [];
          }
        }
        writeSync(fd, chunk.join(''));
        db.prepare("UPDATE applications SET journal_id = ? WHERE status = 'applied'").run(journal);
      })();
      closeSync(fd);
    });
  } finally {
    db.close();
  }
  return { rows, phases };
}
