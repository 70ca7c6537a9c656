/**
 * `intacct-journal`: Sage Intacct General Ledger journal entry CSV import (Company > Setup >
 * Import data > General Ledger journal entries). Follows
 * https://www.intacct.com/ia/docs/en_US/help_action/More/Uploading_Data/GL/import-GL-journal-entries.htm
 * and .../Examples/example-line-numbers.htm: the header values (JOURNAL, DATE, DESCRIPTION)
 * only on the first row of each entry, the line rows below it with LINE_NO from 1, ACCT_NO
 * (the account number), DEBIT or CREDIT without symbols or thousands separators, MEMO; the
 * description has a 30 character limit, and a field over its limit fails the import.
 *
 * Choices: DATE in `date_format` (default MM/DD/YYYY; choose the same at import);
 * DESCRIPTION is the document number and payment reference, cut to 30; REFERENCE_NO the
 * document number (refused over 30 characters); DOCUMENT the invoice a line settles or reduces;
 * CUSTOMER_ID on every AR and unapplied-cash line (the ERP customer id); MEMO cut to 1,000
 * characters; LOCATION_ID on every line when set (entities that require it).
 */
import { formatDate, amountCell, clip, csvRow, identifier, type ExportFile } from './common.js';
import type { PostingEntry } from '../posting.js';
import type { IntacctJournalSettings } from '../settings.js';

export const INTACCT_JOURNAL_HEADER = ['JOURNAL', 'DATE', 'DESCRIPTION', 'REFERENCE_NO', 'LINE_NO', 'ACCT_NO', 'LOCATION_ID', 'DOCUMENT', 'MEMO', 'DEBIT', 'CREDIT', 'CURRENCY', 'CUSTOMER_ID'];
/** Field limits the writer keeps to; DESCRIPTION's 30 is Intacct's, the others remit's conservative choice. */
export const INTACCT_LIMITS = { description: 30, referenceNo: 30, document: 30, memo: 1000, customerId: 20 } as const;

export function writeIntacctJournal(entries: readonly PostingEntry[], settings: IntacctJournalSettings): ExportFile[] {
  let out = csvRow(INTACCT_JOURNAL_HEADER);
  for (const entry of entries) {
    const reference = identifier(entry.documentNo, INTACCT_LIMITS.referenceNo, 'REFERENCE_NO', 'intacct-journal');
    entry.lines.forEach((line, k) => {
      const first = k === 0;
      out += csvRow([
        first ? settings.journal : '', first ? formatDate(entry.postingDate, settings.dateFormat) : '',
        first ? clip(`${entry.documentNo} ${entry.paymentRef}`, INTACCT_LIMITS.description) : '', first ? reference : '',
        String(k + 1), line.account, settings.locationId ?? '',
        line.invoice ? identifier(line.invoice, INTACCT_LIMITS.document, 'DOCUMENT', 'intacct-journal') : '',
        clip(`${entry.paymentRef}: ${line.memo}`, INTACCT_LIMITS.memo), amountCell(line.debitMinor), amountCell(line.creditMinor), entry.currency,
        line.customer ? identifier(line.customer.id, INTACCT_LIMITS.customerId, 'CUSTOMER_ID', 'intacct-journal') : '',
      ]);
    });
  }
  return [{ suffix: '.csv', content: out }];
}
