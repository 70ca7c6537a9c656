/**
 * `netsuite-journal`: NetSuite journal entry CSV import (Setup > Import/Export > Import CSV
 * Records, Transactions, Journal Entry, single file). Follows
 * https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1534492479.html (header
 * fields) and https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1534492737.html
 * (line fields: Account required, Debit/Credit at most 10 digits before the decimal point and 2
 * after, at least two lines that balance). In a single-file import the rows of one journal
 * entry share its External ID and repeat the header values on every row. Line limits:
 * https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/article_159361099314.html; an
 * entry over `max_lines_per_entry` (default 5,000) is split into balanced parts.
 *
 * Choices: `Name` carries the customer's name on every AR and unapplied-cash line (and on
 * deduction lines); the line memo column is headed `Line Memo` (the header memo is `Memo`),
 * mapped to the line Memo field in the import map; dates in the account's date format
 * (`date_format`); `Subsidiary` only when set (OneWorld accounts).
 */
import { formatDate, amountCell, checkAmountDigits, clip, csvRow, customerName, identifier, splitEntry, type ExportFile } from './common.js';
import type { PostingEntry } from '../posting.js';
import type { NetsuiteJournalSettings } from '../settings.js';

export function netsuiteJournalHeader(settings: Pick<NetsuiteJournalSettings, 'subsidiary'>): string[] {
  return ['External ID', ...(settings.subsidiary !== undefined ? ['Subsidiary'] : []), 'Currency', 'Date', 'Memo', 'Account', 'Debit', 'Credit', 'Line Memo', 'Name'];
}

/** The rows of some entries, without the header row (a payment-application export appends its residual journal with it). */
export function netsuiteJournalRows(entries: readonly PostingEntry[], settings: Pick<NetsuiteJournalSettings, 'subsidiary' | 'dateFormat' | 'maxLinesPerEntry'>): string {
  let out = '';
  for (const whole of entries) {
    for (const entry of splitEntry(whole, settings.maxLinesPerEntry)) {
      const header = [
        identifier(entry.documentNo, 40, 'External ID', 'netsuite-journal'),
        ...(settings.subsidiary !== undefined ? [settings.subsidiary] : []),
        entry.currency,
        formatDate(entry.postingDate, settings.dateFormat),
        clip(`${entry.memo} [${entry.paymentRef}]`, 999),
      ];
      for (const line of entry.lines) {
        checkAmountDigits(line.debitMinor + line.creditMinor, 10, 'netsuite-journal', entry);
        out += csvRow([
          ...header, line.account, amountCell(line.debitMinor), amountCell(line.creditMinor),
          clip(line.invoice ? `${line.memo} [invoice ${line.invoice}]` : line.memo, 999),
          line.customer ? customerName(entry, 'netsuite-journal') : '',
        ]);
      }
    }
  }
  return out;
}

/** The whole import file. */
export function writeNetsuiteJournal(entries: readonly PostingEntry[], settings: NetsuiteJournalSettings): ExportFile[] {
  return [{ suffix: '.csv', content: csvRow(netsuiteJournalHeader(settings)) + netsuiteJournalRows(entries, settings) }];
}
