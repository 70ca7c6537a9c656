/** Read-only queries behind `remit report`, status and summaries. Amounts stay in minor units here. */
import type { Minor } from '../../core/money.js';
import type { ReportStore } from '../ledger.js';
import type { AddedCounts, DailyApplication, DeductionAging, IntakeRow, LedgerCounts, LedgerMark, ListingKind, Listings, RunFacts, WorkQueueFigures } from '../records.js';
import type { Scope } from './connection.js';
import { runFacts } from './run-facts.js';
import { dailyApplication, deductionAging, intake, workQueue } from './morning.js';

/** A line that needs a person; the partial index lines_needing_person holds exactly these. */
const NEEDS_A_PERSON = `l.status IN ('unapplied', 'review') OR l.unapplied_minor <> 0`;

/** Rows handed on per page: few calls, little held. */
const PAGE = 500;

/**
 * The report listings, each one SELECT (columns named as the record types in records.ts)
 * and the order it is printed in, for `@company` or (NULL) all companies. Applications and
 * deductions are read from the payments in date order (remittances_by_date; CROSS JOIN
 * keeps that order), so the first page is printed at once instead of after a sort of
 * every application of the ledger.
 */
const LISTINGS: Record<ListingKind, { select: string; order: string }> = {
  applications: {
    select: `SELECT a.id AS applicationId, l.id AS lineId, r.company, r.payer, r.payment_ref AS paymentRef, r.payment_date AS paymentDate, l.line_no AS lineNo,
                l.reference AS lineRef, i.number AS invoiceNumber, a.cash_minor AS cashMinor, a.discount_minor AS discountMinor,
                a.deduction_minor AS deductionMinor, a.write_off_minor AS writeOffMinor, r.currency, a.method, a.confidence, a.status,
                a.explanation, a.journal_id AS journalId
         FROM remittances r CROSS JOIN remittance_lines l ON l.remittance_id = r.id CROSS JOIN applications a ON a.line_id = l.id
         JOIN invoices i ON i.id = a.invoice_id
         WHERE (@company IS NULL OR r.company = @company)`,
    order: 'r.payment_date, r.id, l.line_no, a.id',
  },
  // Lines a person must look at: cash left unapplied or waiting for review, and payments flagged at import.
  exceptions: {
    select: `SELECT l.id AS lineId, r.company, r.payer, r.payment_ref AS paymentRef, r.payment_date AS paymentDate, l.line_no AS lineNo,
                l.reference AS lineRef, CASE WHEN l.status = 'applied' THEN 'overpaid' ELSE l.status END AS status,
                l.unapplied_minor AS amountMinor, r.currency, l.note
         FROM remittance_lines l JOIN remittances r ON r.id = l.remittance_id
         WHERE (@company IS NULL OR r.company = @company) AND (${NEEDS_A_PERSON})
         UNION ALL
         SELECT NULL, r.company, r.payer, r.payment_ref, r.payment_date, NULL, NULL, 'payment-review', r.total_minor, r.currency, r.review_reason
         FROM remittances r WHERE (@company IS NULL OR r.company = @company) AND r.needs_review = 1`,
    order: '5, 4, 6',
  },
  deductions: {
    select: `SELECT d.id AS deductionId, l.id AS lineId, r.company, r.payer, r.payment_ref AS paymentRef, r.payment_date AS paymentDate,
                l.line_no AS lineNo, l.reference AS lineRef, i.number AS invoiceNumber, d.amount_minor AS amountMinor, r.currency,
                d.reason_code AS reasonCode, d.reason_raw AS reasonRaw, d.status, d.journal_id AS journalId
         FROM remittances r CROSS JOIN remittance_lines l ON l.remittance_id = r.id CROSS JOIN deductions d ON d.line_id = l.id
         LEFT JOIN invoices i ON i.id = d.invoice_id
         WHERE (@company IS NULL OR r.company = @company)`,
    order: 'r.payment_date, r.id, l.line_no, d.id',
  },
  documents: {
    select: `SELECT id AS documentId, received_at AS receivedAt, original_name AS originalName, format, status, company, payer,
                remittance_count AS remittanceCount, duplicate_count AS duplicateCount,
                COALESCE(error, json_extract(diagnostics, '$[0].message')) AS firstProblem, batch_id AS batchId, substr(sha256, 1, 12) AS sha256, source,
                CASE WHEN dismissed_at IS NOT NULL THEN dismiss_reason || ' (dismissed by ' || dismissed_by || ')' END AS dismissed
         FROM documents WHERE (@company IS NULL OR company = @company)`,
    order: 'id',
  },
  batches: {
    select: `SELECT b.id AS batchId, b.company, b.kind, b.started_at AS startedAt, b.finished_at AS finishedAt,
                (SELECT COUNT(*) FROM documents d WHERE d.batch_id = b.id) AS documents,
                (SELECT COUNT(*) FROM remittances r WHERE r.batch_id = b.id) AS payments,
                (SELECT COUNT(*) FROM remittance_lines l JOIN remittances r ON r.id = l.remittance_id WHERE r.batch_id = b.id) AS lines,
                (SELECT COALESCE(SUM(r.total_minor), 0) FROM remittances r WHERE r.batch_id = b.id) AS totalMinor
         FROM batches b WHERE (@company IS NULL OR b.company = @company)`,
    order: 'b.id',
  },
};

export class SqliteReports implements ReportStore {
  constructor(private readonly s: Scope) {}

  async *listing<K extends ListingKind>(kind: K, company?: string): AsyncGenerator<ReadonlyArray<Listings[K]>> {
    await this.s.ready();
    const { select, order } = LISTINGS[kind];
    // Read row by row from one statement; a page is handed on as soon as it is full.
    const rows = this.s.conn.db.prepare(`${select} ORDER BY ${order}`).iterate({ company: company ?? null }) as IterableIterator<Listings[K]>;
    try {
      let page: Array<Listings[K]> = [];
      for (const row of rows) {
        page.push(row);
        if (page.length === PAGE) {
          yield page;
          page = [];
        }
      }
      if (page.length > 0) yield page;
    } finally {
      // A listing cut short still holds its statement open.
      rows.return?.();
    }
  }

  async count(kind: ListingKind, company?: string): Promise<number> {
    await this.s.ready();
    return this.s.conn.statement(`SELECT COUNT(*) FROM (${LISTINGS[kind].select})`).pluck().get({ company: company ?? null }) as number;
  }

  async exceptionCount(company?: string): Promise<number> {
    await this.s.ready();
    return this.one(
      `SELECT COUNT(*) AS n FROM remittance_lines l JOIN remittances r ON r.id = l.remittance_id
       WHERE (${NEEDS_A_PERSON}) AND (@company IS NULL OR r.company = @company)`,
      company,
    );
  }

  async openDeductions(): Promise<{ count: number; amountMinor: Minor; standalone: number }> {
    await this.s.ready();
    return this.s.conn
      .statement(`SELECT COUNT(*) AS count, COALESCE(SUM(amount_minor), 0) AS amountMinor, COALESCE(SUM(invoice_id IS NULL), 0) AS standalone FROM deductions WHERE status = 'open'`)
      .get() as { count: number; amountMinor: Minor; standalone: number };
  }

  async failedDocumentCount(company?: string): Promise<number> {
    await this.s.ready();
    return this.one(`SELECT COUNT(*) AS n FROM documents WHERE status = 'failed' AND dismissed_at IS NULL AND (@company IS NULL OR company = @company)`, company);
  }

  async flaggedPaymentCount(company?: string): Promise<number> {
    await this.s.ready();
    return this.one(`SELECT COUNT(*) AS n FROM remittances WHERE needs_review = 1 AND (@company IS NULL OR company = @company)`, company);
  }

  async since(startedAt: string): Promise<RunFacts> {
    await this.s.ready();
    return runFacts(this.s.conn.db, startedAt);
  }

  /**
   * For all companies the ledger's tables are counted as they are (every line has its payment,
   * every application its line); for one company through the payments it owns.
   */
  async counts(company?: string): Promise<LedgerCounts> {
    await this.s.ready();
    const one = (sql: string): number => this.one(sql, company);
    const { db } = this.s.conn;
    const applied = (company === undefined
      ? db.prepare(`SELECT COUNT(*) AS n, SUM(cash_minor) AS minor FROM applications WHERE status = 'applied'`).get()
      : // Read from applications in their own order: starting from the company's payments would
        // visit the applications line by line, at random.
        db
          .prepare(
            `SELECT COUNT(*) AS n, SUM(a.cash_minor) AS minor FROM applications a JOIN remittance_lines l ON l.id = a.line_id
             JOIN remittances r ON r.id = l.remittance_id WHERE a.status = 'applied' AND (@company IS NULL OR r.company = @company)`,
          )
          .get({ company })) as { n: number; minor: number | null };
    return {
      documents: one('SELECT COUNT(*) AS n FROM documents WHERE (@company IS NULL OR company = @company)'),
      payments: one('SELECT COUNT(*) AS n FROM remittances WHERE (@company IS NULL OR company = @company)'),
      lines:
        company === undefined
          ? one('SELECT COUNT(*) AS n FROM remittance_lines')
          : one('SELECT COUNT(*) AS n FROM remittances r JOIN remittance_lines l ON l.remittance_id = r.id WHERE r.company = @company'),
      applied: applied.n,
      appliedMinor: applied.minor ?? 0,
      deductions:
        company === undefined
          ? one('SELECT COUNT(*) AS n FROM deductions')
          : one(`SELECT COUNT(*) AS n FROM deductions d JOIN remittance_lines l ON l.id = d.line_id JOIN remittances r ON r.id = l.remittance_id
                 WHERE r.company = @company`),
      exceptions: this.one(
        `SELECT COUNT(*) AS n FROM remittance_lines l JOIN remittances r ON r.id = l.remittance_id
         WHERE (${NEEDS_A_PERSON}) AND (@company IS NULL OR r.company = @company)`,
        company,
      ),
      failedDocuments: one(`SELECT COUNT(*) AS n FROM documents WHERE status = 'failed' AND dismissed_at IS NULL AND (@company IS NULL OR company = @company)`),
    };
  }

  async mark(): Promise<LedgerMark> {
    await this.s.ready();
    const max = (table: string): number => (this.s.conn.statement(`SELECT COALESCE(MAX(id), 0) FROM ${table}`).pluck().get() as number);
    return { documents: max('documents'), remittances: max('remittances'), lines: max('remittance_lines'), applications: max('applications'), deductions: max('deductions') };
  }

  async addedAfter(mark: LedgerMark): Promise<AddedCounts> {
    await this.s.ready();
    const { conn } = this.s;
    const count = (table: string, after: number): number => conn.statement(`SELECT COUNT(*) FROM ${table} WHERE id > ?`).pluck().get(after) as number;
    const applied = conn.statement(`SELECT COUNT(*) AS n, COALESCE(SUM(cash_minor), 0) AS minor FROM applications WHERE id > ? AND status = 'applied'`).get(mark.applications) as { n: number; minor: number };
    return {
      documents: count('documents', mark.documents),
      payments: count('remittances', mark.remittances),
      lines: count('remittance_lines', mark.lines),
      applied: applied.n,
      appliedMinor: applied.minor,
      deductions: count('deductions', mark.deductions),
    };
  }

  async intake(since: string, company?: string): Promise<IntakeRow[]> {
    await this.s.ready();
    return intake(this.s.conn.db, since, company);
  }

  async dailyApplication(fromDay: string, company?: string): Promise<DailyApplication[]> {
    await this.s.ready();
    return dailyApplication(this.s.conn.db, fromDay, company);
  }

  async workQueue(today: string, company?: string): Promise<WorkQueueFigures> {
    await this.s.ready();
    return workQueue(this.s.conn.db, today, company);
  }

  async deductionAging(today: string, company?: string): Promise<DeductionAging[]> {
    await this.s.ready();
    return deductionAging(this.s.conn.db, today, company);
  }

  private one(sql: string, company: string | undefined): number {
    return (this.s.conn.statement(sql).get({ company: company ?? null }) as { n: number | null }).n ?? 0;
  }
}
