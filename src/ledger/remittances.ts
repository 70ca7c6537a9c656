/** Remittances and their lines, created once per natural key (payer + payment + date + amount). */
import type Database from 'better-sqlite3';
import type { Remittance } from '../parsers/types.js';

export interface RemittanceContext {
  documentId: number;
  batchId: number;
  company: string;
  payer: string;
}

export type InsertOutcome = { created: true; id: number } | { created: false; existingId: number; existingFile: string };

/** Lines written by one INSERT: far fewer calls into SQLite than one statement a line. */
const LINES_PER_INSERT = 100;

export class Remittances {
  /** Prepared once: an import of a million lines runs them a million times. */
  private readonly statements: {
    existing: Database.Statement;
    remittance: Database.Statement;
    adjustment: Database.Statement;
  };
  /** Multi-row line inserts by row count: one statement per LINES_PER_INSERT lines. */
  private readonly lineInserts = new Map<number, Database.Statement>();

  constructor(private readonly db: Database.Database) {
    this.statements = {
      existing: db.prepare(
        `SELECT r.id, d.original_name FROM remittances r JOIN documents d ON d.id = r.document_id
         WHERE r.company = ? AND r.payer = ? AND r.payment_ref = ? AND r.payment_date = ? AND r.total_minor = ?`,
      ),
      remittance: db.prepare(
        `INSERT INTO remittances (document_id, batch_id, company, payer, payer_name, payment_ref, payment_date, currency,
           total_minor, stated_total_minor, method, needs_review, review_reason)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      adjustment: db.prepare('INSERT INTO line_adjustments (line_id, amount_minor, reason_raw, reason_code) VALUES (?, ?, ?, ?)'),
    };
  }

  /**
   * Store a remittance with its lines and adjustments, unless the same payment (payer +
   * payment reference + date + total) is already in the ledger, from any file.
   */
  insert(remittance: Remittance, context: RemittanceContext, flag?: string): InsertOutcome {
    const total = remittance.lines.reduce((sum, line) => sum + line.paidMinor, 0);
    const { statements } = this;
    const existing = statements.existing.get(context.company, context.payer, remittance.paymentRef, remittance.paymentDate, total) as
      | { id: number; original_name: string }
      | undefined;
    if (existing) return { created: false, existingId: existing.id, existingFile: existing.original_name };

    const result = statements.remittance.run(
      context.documentId, context.batchId, context.company, context.payer, remittance.payerName ?? null, remittance.paymentRef,
      remittance.paymentDate, remittance.currency, total, remittance.statedTotalMinor ?? null, remittance.method ?? null,
      flag ? 1 : 0, flag ?? null,
    );
    const remittanceId = Number(result.lastInsertRowid);
    const { lines } = remittance;
    for (let start = 0; start < lines.length; start += LINES_PER_INSERT) {
      const batch = lines.slice(start, start + LINES_PER_INSERT);
      const values: unknown[] = [];
      for (const line of batch) {
        values.push(remittanceId, line.lineNo, line.reference, line.referenceKind, line.po ?? null, line.invoiceDate ?? null,
          line.description ?? null, line.grossMinor ?? null, line.discountMinor, line.paidMinor);
      }
      const inserted = this.lineInsert(batch.length).run(values);
      // The rows of one INSERT take consecutive rowids (each is the largest so far plus one),
      // so the batch's first line id follows from the last.
      const firstLineId = Number(inserted.lastInsertRowid) - batch.length + 1;
      batch.forEach((line, index) => {
        for (const adjustment of line.adjustments) {
          statements.adjustment.run(firstLineId + index, adjustment.amountMinor, adjustment.reasonRaw, adjustment.reasonCode);
        }
      });
    }
    return { created: true, id: remittanceId };
  }

  private lineInsert(rows: number): Database.Statement {
    let statement = this.lineInserts.get(rows);
    if (!statement) {
      statement = this.db.prepare(
        `INSERT INTO remittance_lines (remittance_id, line_no, reference, reference_kind, po, invoice_date, description,
           gross_minor, discount_minor, paid_minor)
         VALUES ${Array.from({ length: rows }, () => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
      );
      this.lineInserts.set(rows, statement);
    }
    return statement;
  }

  /** Mark a payment for a person, with the reason shown in report exceptions. */
  flag(remittanceId: number, reason: string): void {
    this.db.prepare('UPDATE remittances SET needs_review = 1, review_reason = ? WHERE id = ?').run(reason, remittanceId);
  }
}
