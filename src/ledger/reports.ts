/** Read-only queries behind `remit report`. Amounts stay in minor units here. */
import type Database from 'better-sqlite3';
import { runFacts, type RunFacts } from './run-facts.js';

export type ReportRow = Record<string, string | number | null>;

export class Reports {
  constructor(private readonly db: Database.Database) {}

  applications(company?: string): ReportRow[] {
    return this.db
      .prepare(
        `SELECT a.id AS application_id, r.company, r.payer, r.payment_ref, r.payment_date, l.line_no, l.reference AS line_ref,
                i.number AS invoice_number, a.cash_minor, a.discount_minor, a.deduction_minor, a.write_off_minor, r.currency, a.method,
                a.confidence, a.status, a.explanation, a.journal_id
         FROM applications a JOIN remittance_lines l ON l.id = a.line_id JOIN remittances r ON r.id = l.remittance_id
         JOIN invoices i ON i.id = a.invoice_id
         WHERE (? IS NULL OR r.company = ?) ORDER BY r.payment_date, r.id, l.line_no, a.id`,
      )
      .all(company ?? null, company ?? null) as ReportRow[];
  }

  /** Lines a person must look at: cash left unapplied or waiting for review, and payments flagged at import. */
  exceptions(company?: string): ReportRow[] {
    return this.db
      .prepare(
        `SELECT l.id AS line_id, r.company, r.payer, r.payment_ref, r.payment_date, l.line_no, l.reference AS line_ref,
                CASE WHEN l.status = 'applied' THEN 'overpaid' ELSE l.status END AS status,
                l.unapplied_minor AS amount_minor, r.currency, l.note
         FROM remittance_lines l JOIN remittances r ON r.id = l.remittance_id
         WHERE (? IS NULL OR r.company = ?) AND (l.status IN ('unapplied', 'review') OR l.unapplied_minor <> 0)
         UNION ALL
         SELECT NULL, r.company, r.payer, r.payment_ref, r.payment_date, NULL, NULL, 'payment-review', r.total_minor, r.currency, r.review_reason
         FROM remittances r WHERE (? IS NULL OR r.company = ?) AND r.needs_review = 1
         ORDER BY 5, 4, 6`,
      )
      .all(company ?? null, company ?? null, company ?? null, company ?? null) as ReportRow[];
  }

  deductions(company?: string): ReportRow[] {
    return this.db
      .prepare(
        `SELECT d.id AS deduction_id, l.id AS line_id, r.company, r.payer, r.payment_ref, r.payment_date, l.line_no, l.reference AS line_ref,
                i.number AS invoice_number, d.amount_minor, r.currency, d.reason_code, d.reason_raw, d.status, d.journal_id
         FROM deductions d JOIN remittance_lines l ON l.id = d.line_id JOIN remittances r ON r.id = l.remittance_id
         LEFT JOIN invoices i ON i.id = d.invoice_id
         WHERE (? IS NULL OR r.company = ?) ORDER BY r.payment_date, r.id, l.line_no, d.id`,
      )
      .all(company ?? null, company ?? null) as ReportRow[];
  }

  documents(company?: string): ReportRow[] {
    return this.db
      .prepare(
        `SELECT id AS document_id, received_at, original_name, format, status, company, payer, remittance_count, duplicate_count,
                COALESCE(error, json_extract(diagnostics, '$[0].message')) AS first_problem, batch_id, substr(sha256, 1, 12) AS sha256
         FROM documents WHERE (? IS NULL OR company = ?) ORDER BY id`,
      )
      .all(company ?? null, company ?? null) as ReportRow[];
  }

  batches(company?: string): ReportRow[] {
    return this.db
      .prepare(
        `SELECT b.id AS batch_id, b.company, b.kind, b.started_at, b.finished_at,
                (SELECT COUNT(*) FROM documents d WHERE d.batch_id = b.id) AS documents,
                (SELECT COUNT(*) FROM remittances r WHERE r.batch_id = b.id) AS payments,
                (SELECT COUNT(*) FROM remittance_lines l JOIN remittances r ON r.id = l.remittance_id WHERE r.batch_id = b.id) AS lines,
                (SELECT COALESCE(SUM(r.total_minor), 0) FROM remittances r WHERE r.batch_id = b.id) AS total_minor
         FROM batches b WHERE (? IS NULL OR b.company = ?) ORDER BY b.id`,
      )
      .all(company ?? null, company ?? null) as ReportRow[];
  }

  /** What was added since a run started, for its notification. */
  since(startedAt: string): RunFacts {
    return runFacts(this.db, startedAt);
  }

  /** Headline counts for summaries (demo, match). */
  counts(company?: string): Record<string, number> {
    const one = (sql: string): number =>
      (this.db.prepare(sql).get(company ?? null, company ?? null) as { n: number | null }).n ?? 0;
    return {
      documents: one('SELECT COUNT(*) AS n FROM documents WHERE (? IS NULL OR company = ?)'),
      payments: one('SELECT COUNT(*) AS n FROM remittances WHERE (? IS NULL OR company = ?)'),
      lines: one('SELECT COUNT(*) AS n FROM remittance_lines l JOIN remittances r ON r.id = l.remittance_id WHERE (? IS NULL OR r.company = ?)'),
      applied: one(`SELECT COUNT(*) AS n FROM applications a JOIN remittance_lines l ON l.id = a.line_id JOIN remittances r ON r.id = l.remittance_id
                    WHERE a.status = 'applied' AND (? IS NULL OR r.company = ?)`),
      appliedMinor: one(`SELECT SUM(a.cash_minor) AS n FROM applications a JOIN remittance_lines l ON l.id = a.line_id JOIN remittances r ON r.id = l.remittance_id
                    WHERE a.status = 'applied' AND (? IS NULL OR r.company = ?)`),
      deductions: one(`SELECT COUNT(*) AS n FROM deductions d JOIN remittance_lines l ON l.id = d.line_id JOIN remittances r ON r.id = l.remittance_id
                    WHERE (? IS NULL OR r.company = ?)`),
      exceptions: one(`SELECT COUNT(*) AS n FROM remittance_lines l JOIN remittances r ON r.id = l.remittance_id
                    WHERE (l.status IN ('unapplied', 'review') OR l.unapplied_minor <> 0) AND (? IS NULL OR r.company = ?)`),
      failedDocuments: one(`SELECT COUNT(*) AS n FROM documents WHERE status = 'failed' AND (? IS NULL OR company = ?)`),
    };
  }
}
