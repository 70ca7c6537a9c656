/**
 * The figures of the morning report: what arrived since a time, the daily share applied
 * without a person, what waits for a person by age, open deductions by reason and age.
 * Each is one statement over the indexes that hold exactly those rows (documents of the
 * night's batches, lines needing a person, open deductions), never a scan of the year.
 */
import type Database from 'better-sqlite3';
import type { AgeBucket, DailyApplication, DeductionAging, IntakeRow, WorkQueueFigures } from '../records.js';

/** A line that needs a person (the partial index lines_needing_person holds exactly these). */
const NEEDS_A_PERSON = `(l.status IN ('unapplied', 'review') OR l.unapplied_minor <> 0)`;

/** Days from a payment date to @today, as the bucket an operator reads. */
const AGE = (date: string): string => `CASE
    WHEN julianday(@today) - julianday(${date}) <= 7 THEN '0-7'
    WHEN julianday(@today) - julianday(${date}) <= 30 THEN '8-30'
    WHEN julianday(@today) - julianday(${date}) <= 60 THEN '31-60'
    WHEN julianday(@today) - julianday(${date}) <= 90 THEN '61-90'
    ELSE '90+' END`;

export const AGE_BUCKETS = ['0-7', '8-30', '31-60', '61-90', '90+'] as const;

/** A document's source up to its first space: `mail:ar-inbox <message-id>` is intake of mail:ar-inbox. */
const SOURCE = "CASE WHEN instr(source, ' ') > 0 THEN substr(source, 1, instr(source, ' ') - 1) ELSE source END";
const D_SOURCE = "CASE WHEN instr(d.source, ' ') > 0 THEN substr(d.source, 1, instr(d.source, ' ') - 1) ELSE d.source END";

export function intake(db: Database.Database, since: string, company: string | undefined): IntakeRow[] {
  const params = { since, company: company ?? null };
  const rows = db
    .prepare(
      `SELECT ${SOURCE} AS source, payer, COUNT(*) AS files, SUM(status = 'failed') AS failed, SUM(remittance_count) AS payments
       FROM documents WHERE received_at >= @since AND (@company IS NULL OR company = @company) GROUP BY 1, payer ORDER BY 1, payer`,
    )
    .all(params) as Array<Omit<IntakeRow, 'amounts' | 'failures'>>;
  // Payments of the night's documents, through their batches (remittances are indexed by batch).
  const amounts = db
    .prepare(
      `SELECT ${D_SOURCE} AS source, d.payer, r.currency, SUM(r.total_minor) AS amountMinor
       FROM remittances r JOIN documents d ON d.id = r.document_id
       WHERE r.batch_id IN (SELECT DISTINCT batch_id FROM documents WHERE received_at >= @since AND batch_id IS NOT NULL)
         AND d.received_at >= @since AND (@company IS NULL OR d.company = @company)
       GROUP BY 1, d.payer, r.currency ORDER BY r.currency`,
    )
    .all(params) as Array<{ source: string; payer: string | null; currency: string; amountMinor: number }>;
  const failures = db
    .prepare(
      `SELECT ${SOURCE} AS source, payer, original_name AS name, COALESCE(error, '') AS message FROM documents
       WHERE received_at >= @since AND status = 'failed' AND (@company IS NULL OR company = @company) ORDER BY received_at, id`,
    )
    .all(params) as Array<{ source: string; payer: string | null; name: string; message: string }>;
  const key = (r: { source: string; payer: string | null }): string => `${r.source}\u0000${r.payer ?? ''}`;
  return rows.map((row) => ({
    ...row,
    amounts: amounts.filter((a) => key(a) === key(row)).map((a) => ({ currency: a.currency, amountMinor: a.amountMinor })),
    failures: failures.filter((f) => key(f) === key(row)).map((f) => ({ name: f.name, message: f.message })),
  }));
}

export function dailyApplication(db: Database.Database, fromDay: string, company: string | undefined): DailyApplication[] {
  // A line decided without a person: applied or a deduction, nothing left unapplied, no manual application.
  // From the batches of the days asked for (CROSS JOIN keeps that order), not from every payment.
  const auto = `(l.status IN ('applied', 'deduction') AND l.unapplied_minor = 0
    AND NOT EXISTS (SELECT 1 FROM applications a WHERE a.line_id = l.id AND a.method IN ('manual', 'reversal')))`;
  return db
    .prepare(
      `SELECT day, SUM(lines) AS lines, SUM(auto) AS autoLines, COUNT(*) AS payments, SUM(auto = lines) AS autoPayments FROM (
         SELECT substr(b.started_at, 1, 10) AS day, r.id, COUNT(l.id) AS lines, SUM(${auto}) AS auto
         FROM batches b CROSS JOIN remittances r ON r.batch_id = b.id CROSS JOIN remittance_lines l ON l.remittance_id = r.id
         WHERE b.started_at >= @from AND (@company IS NULL OR b.company = @company)
         GROUP BY day, r.id)
       GROUP BY day ORDER BY day`,
    )
    .all({ from: fromDay, company: company ?? null }) as DailyApplication[];
}

export function workQueue(db: Database.Database, today: string, company: string | undefined): WorkQueueFigures {
  const params = { today, company: company ?? null };
  const review = db
    .prepare(`SELECT COUNT(*) FROM remittance_lines l JOIN remittances r ON r.id = l.remittance_id WHERE ${NEEDS_A_PERSON} AND l.status = 'review' AND (@company IS NULL OR r.company = @company)`)
    .pluck()
    .get(params) as number;
  // A proposal leaves its line for review; one withdrawn has a mirror on the same line. From
  // the lines (CROSS JOIN keeps that order): the proposals of history are many, the lines waiting few.
  const proposals = db
    .prepare(
      `SELECT COUNT(*) FROM remittance_lines l CROSS JOIN applications a ON a.line_id = l.id JOIN remittances r ON r.id = l.remittance_id
       WHERE ${NEEDS_A_PERSON} AND (@company IS NULL OR r.company = @company) AND a.status = 'proposed' AND a.reverses_id IS NULL
         AND NOT EXISTS (SELECT 1 FROM applications b WHERE b.line_id = a.line_id AND b.reverses_id = a.id)`,
    )
    .pluck()
    .get(params) as number;
  const unapplied = db
    .prepare(
      `SELECT ${AGE('r.payment_date')} AS bucket, COUNT(*) AS count, SUM(l.unapplied_minor) AS amountMinor, r.currency
       FROM remittance_lines l JOIN remittances r ON r.id = l.remittance_id
       WHERE ${NEEDS_A_PERSON} AND l.unapplied_minor > 0 AND (@company IS NULL OR r.company = @company)
       GROUP BY bucket, r.currency ORDER BY r.currency`,
    )
    .all(params) as AgeBucket[];
  return { review, proposals, unapplied: ordered(unapplied) };
}

export function deductionAging(db: Database.Database, today: string, company: string | undefined): DeductionAging[] {
  const rows = db
    .prepare(
      `SELECT d.reason_code AS reasonCode, ${AGE('r.payment_date')} AS bucket, COUNT(*) AS count, SUM(d.amount_minor) AS amountMinor, r.currency
       FROM deductions d JOIN remittance_lines l ON l.id = d.line_id JOIN remittances r ON r.id = l.remittance_id
       WHERE d.status = 'open' AND (@company IS NULL OR r.company = @company)
       GROUP BY d.reason_code, bucket, r.currency ORDER BY d.reason_code, r.currency`,
    )
    .all({ today, company: company ?? null }) as DeductionAging[];
  return ordered(rows);
}

function ordered<T extends AgeBucket>(rows: T[]): T[] {
  return rows.sort((a, b) => AGE_BUCKETS.indexOf(a.bucket as (typeof AGE_BUCKETS)[number]) - AGE_BUCKETS.indexOf(b.bucket as (typeof AGE_BUCKETS)[number]));
}
