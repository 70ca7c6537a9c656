/**
 * `qbo-journal`: QuickBooks Online journal entry import (Settings > Import data > Journal
 * Entries). Follows Intuit's "Import journal entries"
 * (https://quickbooks.intuit.com/learn-support/en-au/help-article/import-export-files/import-journal-entries-quickbooks-online/L4tQBwbs7_AU_en_AU):
 * columns Journal No., Journal Date, Account Name, Debits, Credits, Description and Name;
 * rows sharing a Journal No. form one entry and must balance; an A/R line needs a customer
 * in Name; a sub-account is written `Parent:Sub`; account numbers off during the import.
 *
 * Choices: dates in the company's locale (`date_format`: MM/DD/YYYY or DD/MM/YYYY, no default:
 * a wrong guess would swap day and month); Name carries the customer's QuickBooks display
 * name on every A/R and unapplied-cash line; Journal No. is remit's document number (at
 * most 21 characters, QuickBooks' DocNumber); a `Currency Code` column for multicurrency
 * companies (leave it unmapped otherwise).
 */
import { formatDate, amountCell, clip, csvRow, customerName, identifier, type ExportFile } from './common.js';
import type { PostingEntry } from '../posting.js';
import type { QboJournalSettings } from '../settings.js';

export const QBO_JOURNAL_HEADER = ['Journal No.', 'Journal Date', 'Account Name', 'Debits', 'Credits', 'Description', 'Name', 'Currency Code'];

export function writeQboJournal(entries: readonly PostingEntry[], settings: QboJournalSettings): ExportFile[] {
  let out = csvRow(QBO_JOURNAL_HEADER);
  for (const entry of entries) {
    const number = identifier(entry.documentNo, 21, 'Journal No.', 'qbo-journal');
    const date = formatDate(entry.postingDate, settings.dateFormat);
    for (const line of entry.lines) {
      const description = `${entry.paymentRef}: ${line.memo}${line.invoice ? ` [invoice ${line.invoice}]` : ''}`;
      out += csvRow([number, date, line.account, amountCell(line.debitMinor), amountCell(line.creditMinor), clip(description, 4000),
        line.customer ? customerName(entry, 'qbo-journal') : '', entry.currency]);
    }
  }
  return [{ suffix: '.csv', content: out }];
}
