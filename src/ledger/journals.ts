/** Journals: which applied cash has been exported, and the exact lines each export wrote. */
import type Database from 'better-sqlite3';
import type { JournalLine, PostableRemittance } from '../gl/types.js';
import { Batched } from './batched.js';

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

/** A remittance with something to post, before its lines are read. */
export interface PostableHeader {
  id: number;
  payer: string;
  payment_ref: string;
  payment_date: string;
  currency: string;
  total_minor: number;
  late: number;
}

export class Journals {
  /** Statements run once per payment are prepared once per ledger. */
  private readonly statements = new Map<string, Database.Statement>();
  private insertLines?: Batched;
  private markApplications?: Batched;

  constructor(
    private readonly db: Database.Database,
    private readonly now: () => string,
  ) {}

  private statement(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  /** Matched remittances of a company not in any journal yet, with what they post (all in memory: for small ledgers and tests). */
  unexported(company: string): PostableRemittance[] {
    return this.postableHeaders(company).map((header) => this.postable(header));
  }

  /**
   * The company's matched remittances with something to post, in posting order: those not in
   * a journal yet, and those in one that have an application or deduction posted since
   * (found from the partial indexes of unposted ones, not by reading every line of the year).
   */
  postableHeaders(company: string): PostableHeader[] {
    return this.db
      .prepare(
        `SELECT id, payer, payment_ref, payment_date, currency, total_minor, journal_id IS NOT NULL AS late FROM remittances r
         WHERE company = ? AND matched_at IS NOT NULL AND (journal_id IS NULL
           OR id IN (SELECT l.remittance_id FROM applications a JOIN remittance_lines l ON l.id = a.line_id WHERE a.journal_id IS NULL AND a.status = 'applied')
           OR id IN (SELECT l.remittance_id FROM deductions d JOIN remittance_lines l ON l.id = d.line_id WHERE d.journal_id IS NULL))
         ORDER BY payment_date, id`,
      )
      .all(company) as PostableHeader[];
  }

  /**
   * One remittance with what it posts that no journal has yet. Only its lines with cash
   * left unapplied are read: the others post nothing of their own.
   */
  postable(header: PostableHeader): PostableRemittance {
    const lines = this.statement(
      'SELECT line_no, reference, paid_minor, unapplied_minor, status FROM remittance_lines WHERE remittance_id = ? AND unapplied_minor <> 0 ORDER BY line_no',
    );
    const applications = this.statement(
      `SELECT a.id, l.line_no, i.number, a.cash_minor, a.discount_minor, a.deduction_minor, a.write_off_minor
       FROM applications a JOIN remittance_lines l ON l.id = a.line_id JOIN invoices i ON i.id = a.invoice_id
       WHERE l.remittance_id = ? AND a.status = 'applied' AND a.journal_id IS NULL ORDER BY l.line_no, a.id`,
    );
    const deductions = this.statement(
      `SELECT d.id, l.line_no, i.number, d.amount_minor, d.reason_code
       FROM deductions d JOIN remittance_lines l ON l.id = d.line_id LEFT JOIN invoices i ON i.id = d.invoice_id
       WHERE l.remittance_id = ? AND d.journal_id IS NULL ORDER BY l.line_no, d.id`,
    );
    const r = header;
    // Raw rows, made into their final shape once: a journal of a year reads a million of them.
    return {
      id: r.id,
      late: r.late === 1,
      payer: r.payer,
      paymentRef: r.payment_ref,
      paymentDate: r.payment_date,
      currency: r.currency,
      totalMinor: r.total_minor,
      lines: (lines.raw(true).all(r.id) as Array<[number, string, number, number, string]>).map(([lineNo, reference, paidMinor, unappliedMinor, status]) => ({
        lineNo, reference, paidMinor, unappliedMinor, status,
      })),
      applications: (applications.raw(true).all(r.id) as Array<[number, number, string, number, number, number, number]>).map(
        ([id, lineNo, invoiceNumber, cashMinor, discountMinor, deductionMinor, writeOffMinor]) => ({ id, lineNo, invoiceNumber, cashMinor, discountMinor, deductionMinor, writeOffMinor }),
      ),
      deductions: (deductions.raw(true).all(r.id) as Array<[number, number, string | null, number, string]>).map(([id, lineNo, invoiceNumber, amountMinor, reasonCode]) => ({
        id, lineNo, invoiceNumber, amountMinor, reasonCode,
      })),
    };
  }

  /** Reserve the next journal id so the file can name it before the ledger records it. */
  nextId(): number {
    const row = this.db.prepare('SELECT COALESCE(MAX(id), 0) + 1 AS id FROM journals').get() as { id: number };
    return row.id;
  }

  /**
   * Record a journal as it is written, inside the caller's transaction: `start` it, `post`
   * each remittance's lines, `finish` with the totals. A failure before the transaction
   * commits leaves no trace of it.
   */
  start(id: number, company: string, format: string, file: string, lastSnapshotId: number | null): void {
    this.db
      .prepare(
        `INSERT INTO journals (id, company, created_at, format, file, line_count, debit_minor, credit_minor, last_snapshot_id)
         VALUES (?, ?, ?, ?, ?, 0, 0, 0, ?)`,
      )
      .run(id, company, this.now(), format, file, lastSnapshotId);
  }

  /** The lines one remittance posts in journal `id`; what they post is marked as in it. */
  post(id: number, lines: readonly JournalLine[], remittance: PostableRemittance): void {
    this.insertLines ??= new Batched(
      this.db,
      (rows) => `INSERT INTO journal_lines (journal_id, line_no, entry_date, account, debit_minor, credit_minor, currency, payer,
                   payment_ref, invoice, memo) VALUES ${rows}`,
      11,
    );
    this.markApplications ??= new Batched(
      this.db,
      (rows) => `UPDATE applications SET journal_id = v.column1 FROM (VALUES ${rows}) AS v WHERE applications.id = v.column2`,
      2,
    );
    for (const line of lines) {
      this.insertLines.add(id, line.lineNo, line.entryDate, line.account, line.debitMinor, line.creditMinor, line.currency, line.payer,
        line.paymentRef, line.invoice, line.memo);
    }
    this.insertLines.flush();
    if (!remittance.late) this.statement('UPDATE remittances SET journal_id = ? WHERE id = ?').run(id, remittance.id);
    for (const a of remittance.applications) this.markApplications.add(id, a.id);
    this.markApplications.flush();
    const markDeduction = this.statement('UPDATE deductions SET journal_id = ? WHERE id = ?');
    for (const d of remittance.deductions) markDeduction.run(id, d.id);
  }

  finish(id: number, lineCount: number, debitMinor: number, creditMinor: number): void {
    this.db.prepare('UPDATE journals SET line_count = ?, debit_minor = ?, credit_minor = ? WHERE id = ?').run(lineCount, debitMinor, creditMinor, id);
  }

  byId(id: number): JournalRecord | undefined {
    return this.db.prepare('SELECT * FROM journals WHERE id = ?').get(id) as JournalRecord | undefined;
  }

  /** A journal's lines in order, one at a time (for writing it again). */
  *linesOf(id: number): Generator<JournalLine> {
    const rows = this.db.prepare('SELECT * FROM journal_lines WHERE journal_id = ? ORDER BY line_no').iterate(id) as IterableIterator<{
      line_no: number; entry_date: string; account: string; debit_minor: number; credit_minor: number; currency: string;
      payer: string; payment_ref: string; invoice: string | null; memo: string;
    }>;
    for (const r of rows) {
      yield {
        lineNo: r.line_no, entryDate: r.entry_date, account: r.account, debitMinor: r.debit_minor, creditMinor: r.credit_minor,
        currency: r.currency, payer: r.payer, paymentRef: r.payment_ref, invoice: r.invoice, memo: r.memo,
      };
    }
  }
}
