/** Journals: which applied cash has been exported, and the exact lines each export wrote. */
import type Database from 'better-sqlite3';
import type { JournalLine, PostableRemittance } from '../gl/types.js';

export interface JournalRecord {
  id: number;
  company: string;
  created_at: string;
  format: string;
  file: string;
  line_count: number;
  debit_minor: number;
  credit_minor: number;
}

export class Journals {
  constructor(
    private readonly db: Database.Database,
    private readonly now: () => string,
  ) {}

  /** Matched remittances of a company not in any journal yet, with what they post. */
  unexported(company: string): PostableRemittance[] {
    const remittances = this.db
      .prepare(
        `SELECT id, payer, payment_ref, payment_date, currency, total_minor, journal_id IS NOT NULL AS late FROM remittances r
         WHERE company = ? AND matched_at IS NOT NULL AND (journal_id IS NULL
           OR EXISTS (SELECT 1 FROM applications a JOIN remittance_lines l ON l.id = a.line_id WHERE l.remittance_id = r.id AND a.journal_id IS NULL AND a.status = 'applied')
           OR EXISTS (SELECT 1 FROM deductions d JOIN remittance_lines l ON l.id = d.line_id WHERE l.remittance_id = r.id AND d.journal_id IS NULL))
         ORDER BY payment_date, id`,
      )
      .all(company) as Array<{ id: number; payer: string; payment_ref: string; payment_date: string; currency: string; total_minor: number; late: number }>;
    const lines = this.db.prepare(
      'SELECT line_no, reference, paid_minor, unapplied_minor, status FROM remittance_lines WHERE remittance_id = ? ORDER BY line_no',
    );
    const applications = this.db.prepare(
      `SELECT a.id, l.line_no, i.number, a.cash_minor, a.discount_minor, a.deduction_minor, a.write_off_minor
       FROM applications a JOIN remittance_lines l ON l.id = a.line_id JOIN invoices i ON i.id = a.invoice_id
       WHERE l.remittance_id = ? AND a.status = 'applied' AND a.journal_id IS NULL ORDER BY l.line_no, a.id`,
    );
    const deductions = this.db.prepare(
      `SELECT d.id, l.line_no, i.number, d.amount_minor, d.reason_code
       FROM deductions d JOIN remittance_lines l ON l.id = d.line_id LEFT JOIN invoices i ON i.id = d.invoice_id
       WHERE l.remittance_id = ? AND d.journal_id IS NULL ORDER BY l.line_no, d.id`,
    );
    return remittances.map((r) => ({
      id: r.id,
      late: r.late === 1,
      payer: r.payer,
      paymentRef: r.payment_ref,
      paymentDate: r.payment_date,
      currency: r.currency,
      totalMinor: r.total_minor,
      lines: (lines.all(r.id) as Array<{ line_no: number; reference: string; paid_minor: number; unapplied_minor: number; status: string }>).map(
        (l) => ({ lineNo: l.line_no, reference: l.reference, paidMinor: l.paid_minor, unappliedMinor: l.unapplied_minor, status: l.status }),
      ),
      applications: (
        applications.all(r.id) as Array<{ id: number; line_no: number; number: string; cash_minor: number; discount_minor: number; deduction_minor: number; write_off_minor: number }>
      ).map((a) => ({
        id: a.id, lineNo: a.line_no, invoiceNumber: a.number, cashMinor: a.cash_minor, discountMinor: a.discount_minor, deductionMinor: a.deduction_minor,
        writeOffMinor: a.write_off_minor,
      })),
      deductions: (deductions.all(r.id) as Array<{ id: number; line_no: number; number: string | null; amount_minor: number; reason_code: string }>).map(
        (d) => ({ id: d.id, lineNo: d.line_no, invoiceNumber: d.number, amountMinor: d.amount_minor, reasonCode: d.reason_code }),
      ),
    }));
  }

  /** Reserve the next journal id so the file can name it before the ledger records it. */
  nextId(): number {
    const row = this.db.prepare('SELECT COALESCE(MAX(id), 0) + 1 AS id FROM journals').get() as { id: number };
    return row.id;
  }

  /** Record an exported journal and mark what it posted, in one transaction. */
  record(
    id: number,
    company: string,
    format: string,
    file: string,
    lines: JournalLine[],
    posted: PostableRemittance[],
    lastSnapshotId: number | null,
  ): void {
    const debit = lines.reduce((sum, line) => sum + line.debitMinor, 0);
    const credit = lines.reduce((sum, line) => sum + line.creditMinor, 0);
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO journals (id, company, created_at, format, file, line_count, debit_minor, credit_minor, last_snapshot_id)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(id, company, this.now(), format, file, lines.length, debit, credit, lastSnapshotId);
      const insertLine = this.db.prepare(
        `INSERT INTO journal_lines (journal_id, line_no, entry_date, account, debit_minor, credit_minor, currency, payer,
           payment_ref, invoice, memo) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      for (const line of lines) {
        insertLine.run(id, line.lineNo, line.entryDate, line.account, line.debitMinor, line.creditMinor, line.currency, line.payer,
          line.paymentRef, line.invoice, line.memo);
      }
      const markRemittance = this.db.prepare('UPDATE remittances SET journal_id = ? WHERE id = ?');
      const markApplication = this.db.prepare('UPDATE applications SET journal_id = ? WHERE id = ?');
      const markDeduction = this.db.prepare('UPDATE deductions SET journal_id = ? WHERE id = ?');
      for (const remittance of posted) {
        if (!remittance.late) markRemittance.run(id, remittance.id);
        for (const a of remittance.applications) markApplication.run(id, a.id);
        for (const d of remittance.deductions) markDeduction.run(id, d.id);
      }
    })();
  }

  byId(id: number): JournalRecord | undefined {
    return this.db.prepare('SELECT * FROM journals WHERE id = ?').get(id) as JournalRecord | undefined;
  }

  linesOf(id: number): JournalLine[] {
    const rows = this.db.prepare('SELECT * FROM journal_lines WHERE journal_id = ? ORDER BY line_no').all(id) as Array<{
      line_no: number; entry_date: string; account: string; debit_minor: number; credit_minor: number; currency: string;
      payer: string; payment_ref: string; invoice: string | null; memo: string;
    }>;
    return rows.map((r) => ({
      lineNo: r.line_no, entryDate: r.entry_date, account: r.account, debitMinor: r.debit_minor, creditMinor: r.credit_minor,
      currency: r.currency, payer: r.payer, paymentRef: r.payment_ref, invoice: r.invoice, memo: r.memo,
    }));
  }
}
