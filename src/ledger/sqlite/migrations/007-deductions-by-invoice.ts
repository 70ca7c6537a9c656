/**
 * Deductions by invoice. Writing an open-invoice snapshot (an upsert on invoices, the
 * parent of deductions.invoice_id) plans a look-up of the invoice's deductions; without
 * this index that look-up is a scan of every deduction of the year.
 */
export const name = '007-deductions-by-invoice';

export const sql = `
CREATE INDEX deductions_by_invoice ON deductions(invoice_id);
`;
