/** Read-only queries behind `remit report`. Amounts stay in minor units here. */
import type Database from 'better-sqlite3';
import { runFacts, type RunFacts } from './run-facts.js';

/** A line that needs a person; the partial index lines_needing_person holds exactly these. */
const NEEDS_A_PERSON = `l.status IN ('unapplied', 'review') OR l.unapplied_minor <> 0`;

export type ReportRow = Record<string, string | number | null>;

/**
 * The report listings, each one SELECT and the order it is printed in, for `@company` or
 * (NULL) all companies. A listing can be a year of data: callers read it row by row (`rows`).
 */
const LISTINGS = {
  applications: {
    select: `SELECT a.id AS application_id, r.company, r.payer, r.payment_ref, r.payment_date, l.line_no, l.reference AS line_ref,
                i.number AS invoice_number, a.cash_minor, a.discount_minor, a.deduction_minor, a.write_off_minor, r.currency, a.method,
                a.confidence, a.status, a.explanation, a.journal_id
         FROM applications a JOIN remittance_lines l ON l.id = a.line_id JOIN remittances r ON r.id = l.remittance_id
         JOIN invoices i ON i.id = a.invoice_id
         WHERE (@company IS NULL OR r.company = @company)`,
    order: 'r.payment_date, r.id, l.line_no, a.id',
  },
  // Lines a person must look at: cash left unapplied or waiting for review, and payments flagged at import.
  exceptions: {
    select: `SELECT l.id AS line_id, r.company, r.payer, r.payment_ref, r.payment_date, l.line_no, l.reference AS line_ref,
                CASE WHEN l.status = 'applied' THEN 'overpaid' ELSE l.status END AS status,
                l.unapplied_minor AS amount_minor, r.currency, l.note
         FROM remittance_lines l JOIN remittances r ON r.id = l.remittance_id
         WHERE (@company IS NULL OR r.company = @company) AND (${NEEDS_A_PERSON})
         UNION ALL
         SELECT NULL, r.company, r.payer, r.payment_ref, r.payment_date, NULL, NULL, 'payment-review', r.total_minor, r.currency, r.review_reason
         FROM remittances r WHERE (@company IS NULL OR r.company = @company) AND r.needs_review = 1`,
    order: '5, 4, 6',
  },
  deductions: {
    select: `SELECT d.id AS deduction_id, l.id AS line_id, r.company, r.payer, r.payment_ref, r.payment_date, l.line_no, l.reference AS line_ref,
                i.number AS invoice_number, d.amount_minor, r.currency, d.reason_code, d.reason_raw, d.status, d.journal_id
         FROM deductions d JOIN remittance_lines l ON l.id = d.line_id JOIN remittances r ON r.id = l.remittance_id
         LEFT JOIN invoices i ON i.id = d.invoice_id
         WHERE (@company IS NULL OR r.company = @company)`,
    order: 'r.payment_date, r.id, l.line_no, d.id',
  },
  documents: {
    select: `SELECT id AS document_id, received_at, original_name, format, status, company, payer, remittance_count, duplicate_count,
                COALESCE(error, json_extract(diagnostics, '$[0].message')) AS first_problem, batch_id, substr(sha256, 1, 12) AS sha256
         FROM documents WHERE (@company IS NULL OR company = @company)`,
    order: 'id',
  },
  batches: {
    select: `SELECT b.id AS batch_id, b.company, b.kind, b.started_at, b.finished_at,
                (SELECT COUNT(*) FROM documents d WHERE d.batch_id = b.id) AS documents,
                (SELECT COUNT(*) FROM remittances r WHERE r.batch_id = b.id) AS payments,
                (SELECT COUNT(*) FROM remittance_lines l JOIN remittances r ON r.id = l.remittance_id WHERE r.batch_id = b.id) AS lines,
                (SELECT COALESCE(SUM(r.total_minor), 0) FROM remittances r WHERE r.batch_id = b.id) AS total_minor
         FROM batches b WHERE (@company IS NULL OR b.company = @company)`,
    order: 'b.id',
  },
} as const;

export type ListingKind = keyof typeof LISTINGS;

export class Reports {
  constructor(private readonly db: Database.Database) {}

  /** A listing row by row, so a year of it never sits in memory. */
  rows(kind: ListingKind, company?: string): IterableIterator<ReportRow> {
    const { select, order } = LISTINGS[kind];
    return this.db.prepare(`${select} ORDER BY ${order}`).iterate({ company: company ?? null }) as IterableIterator<ReportRow>;
  }

  /** How many rows a listing has. */
  count(kind: ListingKind, company?: string): number {
    return (this.db.prepare(`SELECT COUNT(*) AS n FROM (${LISTINGS[kind].select})`).get({ company: company ?? null }) as { n: number }).n;
  }

  applications(company?: string): ReportRow[] {
    return [...this.rows('applications', company)];
  }

  /** Lines a person must look at: cash left unapplied or waiting for review, and payments flagged at import. */
  exceptions(company?: string): ReportRow[] {
    return [...this.rows('exceptions', company)];
  }

  deductions(company?: string): ReportRow[] {
    return [...this.rows('deductions', company)];
  }

  documents(company?: string): ReportRow[] {
    return [...this.rows('documents', company)];
  }

  batches(company?: string): ReportRow[] {
    return [...this.rows('batches', company)];
  }

  /** Lines that need a person (the line rows of the exceptions report), from its partial index. */
  exceptionCount(company?: string): number {
    return this.one(
      `SELECT COUNT(*) AS n FROM remittance_lines l JOIN remittances r ON r.id = l.remittance_id
       WHERE (${NEEDS_A_PERSON}) AND (@company IS NULL OR r.company = @company)`,
      company,
    );
  }

  /** Deductions still open for follow-up, and what they add up to. */
  openDeductions(): { count: number; amountMinor: number } {
    const row = this.db.prepare(`SELECT COUNT(*) AS count, COALESCE(SUM(amount_minor), 0) AS amountMinor FROM deductions WHERE status = 'open'`).get() as {
      count: number;
      amountMinor: number;
    };
    return row;
  }

  failedDocumentCount(company?: string): number {
    return this.one(`SELECT COUNT(*) AS n FROM documents WHERE status = 'failed' AND (@company IS NULL OR company = @company)`, company);
  }

  /** What was added since a run started, for its notification. */
  since(startedAt: string): RunFacts {
    return runFacts(this.db, startedAt);
  }

  /**
   * Headline counts for summaries (demo, the nightly run). For all companies the ledger's
   * tables are counted as they are (every line has its payment, every application its line);
   * for one company through the payments it owns.
   */
  counts(company?: string): Record<string, number> {
    const one = (sql: string): number => this.one(sql, company);
    const applied = (company === undefined
      ? this.db.prepare(`SELECT COUNT(*) AS n, SUM(cash_minor) AS minor FROM applications WHERE status = 'applied'`).get()
      : // Read from applications in their own order: starting from the company's payments would
        // visit the applications line by line, at random.
        this.db
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
      exceptions: this.exceptionCount(company),
      failedDocuments: this.failedDocumentCount(company),
    };
  }

  private one(sql: string, company: string | undefined): number {
    return (this.db.prepare(sql).get({ company: company ?? null }) as { n: number | null }).n ?? 0;
  }
}
