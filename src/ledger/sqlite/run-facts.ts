/**
 * What one run added to the ledger, for its notification: everything since it started, each
 * found by time through its own index (applications_by_time, deductions_by_time,
 * documents_by_time, batches_by_time) and listed in that order (the order they were made).
 */
import type Database from 'better-sqlite3';
import type { RunFacts } from '../records.js';

export function runFacts(db: Database.Database, since: string): RunFacts {
  const all = <T>(sql: string): T[] => db.prepare(sql).all({ since }) as T[];
  const newRemittances = `SELECT r.id FROM remittances r JOIN batches b ON b.id = r.batch_id WHERE b.started_at >= @since`;
  return {
    documentsImported: (db.prepare(`SELECT COUNT(*) AS n FROM documents WHERE received_at >= @since AND status <> 'failed'`).get({ since }) as { n: number }).n,
    failedDocuments: all(`SELECT original_name AS name, COALESCE(error, '') AS message FROM documents WHERE received_at >= @since AND status = 'failed'`),
    payments: all(`SELECT currency, COUNT(*) AS count, SUM(total_minor) AS amountMinor FROM remittances WHERE id IN (${newRemittances}) GROUP BY currency`),
    applied: all(
      `SELECT r.currency, COUNT(*) AS lines, SUM(a.cash_minor) AS amountMinor FROM applications a
       JOIN remittance_lines l ON l.id = a.line_id JOIN remittances r ON r.id = l.remittance_id
       WHERE a.status = 'applied' AND a.created_at >= @since GROUP BY r.currency`,
    ),
    deductions: all(
      `SELECT r.payer, r.payment_ref AS paymentRef, d.amount_minor AS amountMinor, d.reason_code AS reasonCode, r.currency, i.number AS invoice
       FROM deductions d JOIN remittance_lines l ON l.id = d.line_id JOIN remittances r ON r.id = l.remittance_id
       LEFT JOIN invoices i ON i.id = d.invoice_id WHERE d.created_at >= @since ORDER BY d.created_at, d.id`,
    ),
    unapplied: all(
      `SELECT r.payer, r.payment_ref AS paymentRef, l.reference AS lineRef, l.unapplied_minor AS amountMinor, r.currency
       FROM remittance_lines l JOIN remittances r ON r.id = l.remittance_id
       WHERE r.id IN (${newRemittances}) AND l.unapplied_minor <> 0 ORDER BY r.id, l.line_no`,
    ),
    unbalanced: all(`SELECT payer, payment_ref AS paymentRef, COALESCE(review_reason, '') AS reason FROM remittances WHERE id IN (${newRemittances}) AND needs_review = 1`),
    shortPays: all(
      `SELECT i.number AS invoice, r.payer, r.payment_ref AS paymentRef, r.currency, i.open_minor AS openMinor, a.cash_minor AS paidMinor,
              a.deduction_minor AS deductionMinor
       FROM applications a JOIN invoices i ON i.id = a.invoice_id JOIN remittance_lines l ON l.id = a.line_id JOIN remittances r ON r.id = l.remittance_id
       WHERE a.status = 'applied' AND a.deduction_minor > 0 AND a.created_at >= @since ORDER BY a.created_at, a.id`,
    ),
  };
}
