/**
 * A plain CSV of posting entries, one row per line with its document number, role and
 * customer: the residual journal of `sap-lockbox` (what the lockbox cannot carry), to be
 * posted with the ERP's own journal upload.
 */
import { amountCell, csvRow } from './common.js';
import type { PostingEntry } from '../posting.js';

export const POSTING_CSV_HEADER = ['document_no', 'line_no', 'posting_date', 'company', 'role', 'account', 'debit', 'credit', 'currency', 'customer_id', 'payment_ref', 'invoice', 'memo'];

export function postingCsv(entries: readonly PostingEntry[]): string {
  let out = csvRow(POSTING_CSV_HEADER);
  for (const entry of entries) {
    for (const line of entry.lines) {
      out += csvRow([entry.documentNo, String(line.lineNo), entry.postingDate, entry.company, line.role, line.account, amountCell(line.debitMinor),
        amountCell(line.creditMinor), entry.currency, line.customer?.id ?? '', entry.paymentRef, line.invoice ?? '', line.memo]);
    }
  }
  return out;
}
