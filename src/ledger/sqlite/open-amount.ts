/**
 * "What is still open on an invoice", written once. The ERP's open amount, less what remit
 * applied that the ERP has not seen yet (not exported in a journal before the snapshot that
 * gave the open amount was loaded); an invoice the newest snapshot no longer lists has
 * nothing open, whatever was applied.
 */

/** What application `a` relieves its invoice by: domain/application.ts settledMinor, in SQL. */
export function settled(a: string): string {
  return `(${a}.cash_minor + ${a}.discount_minor + ${a}.deduction_minor + ${a}.write_off_minor)`;
}

/** Still open on invoice `i` (an `invoices` row). */
export const REMAINING = `CASE WHEN i.in_latest_snapshot THEN i.open_minor - COALESCE((
    SELECT SUM(${settled('a')}) FROM applications a LEFT JOIN journals j ON j.id = a.journal_id
    WHERE a.invoice_id = i.id AND a.status = 'applied' AND NOT (j.id IS NOT NULL AND COALESCE(j.last_snapshot_id, 0) < i.snapshot_id)
  ), 0) ELSE 0 END`;
