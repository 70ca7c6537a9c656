/** Journals: which applied cash has been exported, and the exact lines each export wrote. */
import type { Minor } from '../../core/money.js';
import type { JournalLine, PostableRemittance } from '../../domain/journal.js';
import type { JournalStore } from '../ledger.js';
import type { JournalFileRecord, JournalRecord, PostableHeader } from '../records.js';
import { Batched } from './batched.js';
import type { Scope } from './connection.js';

/** Journal lines read back a page at a time (a journal of a year has a million). */
const PAGE = 1000;

/**
 * The company's matched remittances with something to post, in posting order: those not in
 * a journal yet (remittances_unexported), and those in one that have an application or
 * deduction posted since (the partial indexes of unposted ones), or a line held for review
 * then and decided since (remittance_lines_held); each set found by its own
 * index, never by reading every payment of the company (`+r.company`: the payments are
 * taken by id from those sets, not by company).
 */
const POSTABLE_HEADERS = `SELECT id, payer, payment_ref AS paymentRef, payment_date AS paymentDate, currency, total_minor AS totalMinor,
    journal_id IS NOT NULL AS late FROM remittances r
  WHERE r.id IN (
      SELECT u.id FROM remittances u WHERE u.company = @company AND u.journal_id IS NULL
      UNION SELECT l.remittance_id FROM applications a JOIN remittance_lines l ON l.id = a.line_id WHERE a.journal_id IS NULL AND a.status = 'applied'
      UNION SELECT l.remittance_id FROM deductions d JOIN remittance_lines l ON l.id = d.line_id WHERE d.journal_id IS NULL
      UNION SELECT h.remittance_id FROM remittance_lines h WHERE h.held_journal_id IS NOT NULL AND h.status <> 'review')
    AND +r.company = @company AND r.matched_at IS NOT NULL
  ORDER BY payment_date, id`;

/** Only a payment's lines with cash left unapplied are read: the others post nothing of their own. */
const LINES = 'SELECT line_no, reference, paid_minor, unapplied_minor, status FROM remittance_lines WHERE remittance_id = ? AND unapplied_minor <> 0 ORDER BY line_no';
/** Lines held at the payment's export (awaiting review then) and decided since. */
const RELEASED = "SELECT line_no, reference, held_minor FROM remittance_lines WHERE remittance_id = ? AND held_journal_id IS NOT NULL AND status <> 'review' ORDER BY line_no";
const APPLICATIONS = `SELECT a.id, l.line_no, i.number, a.cash_minor, a.discount_minor, a.deduction_minor, a.write_off_minor, a.reverses_id
  FROM applications a JOIN remittance_lines l ON l.id = a.line_id JOIN invoices i ON i.id = a.invoice_id
  WHERE l.remittance_id = ? AND a.status = 'applied' AND a.journal_id IS NULL ORDER BY l.line_no, a.id`;
const DEDUCTIONS = `SELECT d.id, l.line_no, i.number, d.amount_minor, d.reason_code, d.reverses_id
  FROM deductions d JOIN remittance_lines l ON l.id = d.line_id LEFT JOIN invoices i ON i.id = d.invoice_id
  WHERE l.remittance_id = ? AND d.journal_id IS NULL ORDER BY l.line_no, d.id`;

const JOURNAL = `SELECT id, company, created_at AS createdAt, format, file, line_count AS lineCount, debit_minor AS debitMinor, credit_minor AS creditMinor,
    state, posting_date AS postingDate, sha256 FROM journals`;

export class SqliteJournals implements JournalStore {
  private insertLines?: Batched;
  private markApplications?: Batched;

  constructor(private readonly s: Scope) {}

  async postableHeaders(company: string): Promise<PostableHeader[]> {
    await this.s.ready();
    const rows = this.s.conn.statement(POSTABLE_HEADERS).all({ company }) as Array<Omit<PostableHeader, 'late'> & { late: number }>;
    return rows.map((r) => ({ ...r, late: r.late === 1 }));
  }

  async postable(r: PostableHeader): Promise<PostableRemittance> {
    await this.s.ready();
    const { conn } = this.s;
    // Raw rows, made into their final shape once: a journal of a year reads a million of them.
    return {
      id: r.id,
      late: r.late,
      payer: r.payer,
      paymentRef: r.paymentRef,
      paymentDate: r.paymentDate,
      currency: r.currency,
      totalMinor: r.totalMinor,
      lines: (conn.statement(LINES).raw(true).all(r.id) as Array<[number, string, number, number, string]>).map(([lineNo, reference, paidMinor, unappliedMinor, status]) => ({
        lineNo, reference, paidMinor, unappliedMinor, status,
      })),
      applications: (conn.statement(APPLICATIONS).raw(true).all(r.id) as Array<[number, number, string, number, number, number, number, number | null]>).map(
        ([id, lineNo, invoiceNumber, cashMinor, discountMinor, deductionMinor, writeOffMinor, reversesId]) => ({ id, lineNo, invoiceNumber, cashMinor, discountMinor, deductionMinor, writeOffMinor, reversesId }),
      ),
      ...(r.late ? {
        released: (conn.statement(RELEASED).raw(true).all(r.id) as Array<[number, string, number]>).map(([lineNo, reference, heldMinor]) => ({ lineNo, reference, heldMinor })),
      } : {}),
      deductions: (conn.statement(DEDUCTIONS).raw(true).all(r.id) as Array<[number, number, string | null, number, string, number | null]>).map(([id, lineNo, invoiceNumber, amountMinor, reasonCode, reversesId]) => ({
        id, lineNo, invoiceNumber, amountMinor, reasonCode, reversesId,
      })),
    };
  }

  async nextId(): Promise<number> {
    await this.s.ready();
    return this.s.conn.statement('SELECT COALESCE(MAX(id), 0) + 1 FROM journals').pluck().get() as number;
  }

  async start(id: number, company: string, format: string, file: string, lastSnapshotId: number | null, postingDate?: string): Promise<void> {
    await this.s.ready();
    const { conn } = this.s;
    conn
      .statement(
        `INSERT INTO journals (id, company, created_at, format, file, line_count, debit_minor, credit_minor, last_snapshot_id, posting_date)
         VALUES (?, ?, ?, ?, ?, 0, 0, 0, ?, ?)`,
      )
      .run(id, company, conn.now(), format, file, lastSnapshotId, postingDate ?? null);
  }

  async post(id: number, lines: readonly JournalLine[], remittance: PostableRemittance): Promise<void> {
    await this.postLines(id, lines);
    const { conn } = this.s;
    this.markApplications ??= new Batched(
      conn.db,
      (rows) => `UPDATE applications SET journal_id = v.column1 FROM (VALUES ${rows}) AS v WHERE applications.id = v.column2`,
      2,
    );
    if (!remittance.late) {
      conn.statement('UPDATE remittances SET journal_id = ? WHERE id = ?').run(id, remittance.id);
      // What waits for review is not posted: its cash is held until it is decided.
      conn.statement("UPDATE remittance_lines SET held_minor = unapplied_minor, held_journal_id = ? WHERE remittance_id = ? AND status = 'review' AND unapplied_minor <> 0").run(id, remittance.id);
    } else if (remittance.released?.length) {
      conn.statement("UPDATE remittance_lines SET held_journal_id = NULL, held_minor = NULL WHERE remittance_id = ? AND held_journal_id IS NOT NULL AND status <> 'review'").run(remittance.id);
    }
    for (const a of remittance.applications) this.markApplications.add(id, a.id);
    this.markApplications.flush();
    const markDeduction = conn.statement('UPDATE deductions SET journal_id = ? WHERE id = ?');
    for (const d of remittance.deductions) markDeduction.run(id, d.id);
  }

  async postLines(id: number, lines: readonly JournalLine[]): Promise<void> {
    await this.s.ready();
    this.insertLines ??= new Batched(
      this.s.conn.db,
      (rows) => `INSERT INTO journal_lines (journal_id, line_no, entry_date, account, debit_minor, credit_minor, currency, payer,
                   payment_ref, invoice, memo, document_no, company, customer) VALUES ${rows}`,
      14,
    );
    for (const line of lines) {
      this.insertLines.add(id, line.lineNo, line.entryDate, line.account, line.debitMinor, line.creditMinor, line.currency, line.payer,
        line.paymentRef, line.invoice, line.memo, line.documentNo ?? null, line.company ?? null, line.customer ?? null);
    }
    this.insertLines.flush();
  }

  async finish(id: number, totals: { lineCount: number; debitMinor: Minor; creditMinor: Minor }, files: readonly JournalFileRecord[] = []): Promise<void> {
    await this.s.ready();
    const { conn } = this.s;
    conn.statement('UPDATE journals SET line_count = ?, debit_minor = ?, credit_minor = ?, state = ?, sha256 = ? WHERE id = ?')
      .run(totals.lineCount, totals.debitMinor, totals.creditMinor, files.length > 0 ? 'recorded' : 'placed', files[0]?.sha256 ?? null, id);
    const insert = conn.statement('INSERT INTO journal_files (journal_id, seq, suffix, path, sha256, bytes, content) VALUES (?, ?, ?, ?, ?, ?, ?)');
    for (const f of files) insert.run(id, f.seq, f.suffix, f.path, f.sha256, f.bytes, f.content);
  }

  async markPlaced(id: number): Promise<void> {
    await this.s.ready();
    this.s.conn.statement("UPDATE journals SET state = 'placed' WHERE id = ?").run(id);
  }

  async unplaced(): Promise<JournalRecord[]> {
    await this.s.ready();
    return this.s.conn.statement(`${JOURNAL} WHERE state <> 'placed' ORDER BY id`).all() as JournalRecord[];
  }

  async filesOf(id: number): Promise<JournalFileRecord[]> {
    await this.s.ready();
    return this.s.conn.statement('SELECT seq, suffix, path, sha256, bytes, content FROM journal_files WHERE journal_id = ? ORDER BY seq').all(id) as JournalFileRecord[];
  }

  async list(company?: string): Promise<JournalRecord[]> {
    await this.s.ready();
    const { conn } = this.s;
    return (company === undefined ? conn.statement(`${JOURNAL} ORDER BY id DESC`).all() : conn.statement(`${JOURNAL} WHERE company = ? ORDER BY id DESC`).all(company)) as JournalRecord[];
  }

  async byId(id: number): Promise<JournalRecord | undefined> {
    await this.s.ready();
    return this.s.conn.statement(`${JOURNAL} WHERE id = ?`).get(id) as JournalRecord | undefined;
  }

  async *linesOf(id: number): AsyncGenerator<readonly JournalLine[]> {
    await this.s.ready();
    const statement = this.s.conn.statement(
      `SELECT line_no AS lineNo, entry_date AS entryDate, account, debit_minor AS debitMinor, credit_minor AS creditMinor, currency, payer,
         payment_ref AS paymentRef, invoice, memo, document_no AS documentNo, company, customer FROM journal_lines WHERE journal_id = ? AND line_no > ? ORDER BY line_no LIMIT ${PAGE}`,
    );
    for (let after = 0; ; ) {
      const page = statement.all(id, after) as JournalLine[];
      if (page.length === 0) return;
      yield page;
      after = page.at(-1)!.lineNo;
    }
  }
}
