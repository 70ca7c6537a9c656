/** Remittances and their lines, created once per natural key (payer + payment + date + amount). */
import type { Remittance } from '../../domain/remittance.js';
import type { RemittanceStore } from '../ledger.js';
import type { InsertOutcome, RemittanceContext } from '../records.js';
import type { Scope } from './connection.js';

/** Lines written by one INSERT: far fewer calls into SQLite than one statement a line. */
const LINES_PER_INSERT = 100;

const EXISTING = `SELECT r.id, d.original_name FROM remittances r JOIN documents d ON d.id = r.document_id
  WHERE r.company = ? AND r.payer = ? AND r.payment_ref = ? AND r.payment_date = ? AND r.total_minor = ?`;
const REMITTANCE = `INSERT INTO remittances (document_id, batch_id, company, payer, payer_name, payment_ref, payment_date, currency,
    total_minor, stated_total_minor, method, needs_review, review_reason)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;
const ADJUSTMENT = 'INSERT INTO line_adjustments (line_id, amount_minor, reason_raw, reason_code) VALUES (?, ?, ?, ?)';

export class SqliteRemittances implements RemittanceStore {
  constructor(private readonly s: Scope) {}

  async insert(remittance: Remittance, context: RemittanceContext, flag?: string): Promise<InsertOutcome> {
    await this.s.ready();
    const { conn } = this.s;
    const total = remittance.lines.reduce((sum, line) => sum + line.paidMinor, 0);
    const existing = conn.statement(EXISTING).get(context.company, context.payer, remittance.paymentRef, remittance.paymentDate, total) as
      | { id: number; original_name: string }
      | undefined;
    if (existing) return { created: false, existingId: existing.id, existingFile: existing.original_name };

    const result = conn.statement(REMITTANCE).run(
      context.documentId, context.batchId, context.company, context.payer, remittance.payerName ?? null, remittance.paymentRef,
      remittance.paymentDate, remittance.currency, total, remittance.statedTotalMinor ?? null, remittance.method ?? null,
      flag ? 1 : 0, flag ?? null,
    );
    const remittanceId = Number(result.lastInsertRowid);
    const { lines } = remittance;
    const adjustment = conn.statement(ADJUSTMENT);
    for (let start = 0; start < lines.length; start += LINES_PER_INSERT) {
      const batch = lines.slice(start, start + LINES_PER_INSERT);
      const values: unknown[] = [];
      for (const line of batch) {
        values.push(remittanceId, line.lineNo, line.reference, line.referenceKind, line.po ?? null, line.invoiceDate ?? null,
          line.description ?? null, line.grossMinor ?? null, line.discountMinor, line.paidMinor);
      }
      const inserted = conn.statement(lineInsert(batch.length)).run(values);
      // The rows of one INSERT take consecutive rowids (each is the largest so far plus one),
      // so the batch's first line id follows from the last.
      const firstLineId = Number(inserted.lastInsertRowid) - batch.length + 1;
      batch.forEach((line, index) => {
        for (const a of line.adjustments) adjustment.run(firstLineId + index, a.amountMinor, a.reasonRaw, a.reasonCode);
      });
    }
    return { created: true, id: remittanceId };
  }

  async flag(remittanceId: number, reason: string): Promise<void> {
    await this.s.ready();
    this.s.conn.statement('UPDATE remittances SET needs_review = 1, review_reason = ? WHERE id = ?').run(reason, remittanceId);
  }
}

const LINE_INSERTS = new Map<number, string>();

function lineInsert(rows: number): string {
  let sql = LINE_INSERTS.get(rows);
  if (sql === undefined) {
    sql = `INSERT INTO remittance_lines (remittance_id, line_no, reference, reference_kind, po, invoice_date, description,
      gross_minor, discount_minor, paid_minor)
    VALUES ${Array.from({ length: rows }, () => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`;
    LINE_INSERTS.set(rows, sql);
  }
  return sql;
}
