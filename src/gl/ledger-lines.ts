/**
 * A posting entry as the ledger keeps it (journal_lines) and as the `generic` journal writes
 * it: one line per posting line, numbered across the journal, dated on the posting date, with
 * the entry's document number, its company and the customer where the line has one.
 */
import type { JournalLine } from './types.js';
import type { PostingEntry } from './posting.js';

export function ledgerLines(entry: PostingEntry, firstLineNo: number): JournalLine[] {
  return entry.lines.map((line, k) => ({
    lineNo: firstLineNo + k,
    entryDate: entry.postingDate,
    account: line.account,
    debitMinor: line.debitMinor,
    creditMinor: line.creditMinor,
    currency: entry.currency,
    payer: entry.payer,
    paymentRef: entry.paymentRef,
    invoice: line.invoice,
    memo: line.memo,
    documentNo: entry.documentNo,
    company: entry.company,
    customer: line.customer?.id ?? null,
  }));
}
