/**
 * `xero-journal`: Xero manual journal import (Accounting > Manual Journals > Import). Follows
 * https://help.xero.com/nz/ManualJournalsImport: columns Narration (one per journal: rows with
 * the same narration and date form one journal), Date (dd/mm/yyyy or dd mmm yyyy), Description
 * (per line), AccountCode (the code, not the name), TaxRate (the tax rate's full name as Xero
 * shows it), Amount (positive a debit, negative a credit), tracking columns; at most 300 lines
 * in one file. Required columns carry Xero's `*` in the template's header.
 *
 * Choices: dates as `30 Jun 2015` (no day/month ambiguity); the journal's narration is remit's
 * document number with the payment reference; files split at `max_lines_per_file` (at most
 * 300) without cutting a journal, and a journal longer than that is split into balanced parts.
 * Xero manual journals have no contact field and cannot post to Xero's system Accounts
 * Receivable account: map `accounts_receivable` to an ordinary account (a receipts clearing
 * account) and allocate the payment to the invoices in Xero; the customer is named in every
 * customer line's Description.
 */
import { formatMinor } from '../../core/money.js';
import { formatDate, clip, csvRow, identifier, splitEntry, type ExportFile } from './common.js';
import type { PostingEntry } from '../posting.js';
import type { XeroJournalSettings } from '../settings.js';

export const XERO_JOURNAL_HEADER = ['*Narration', '*Date', 'Description', '*AccountCode', '*TaxRate', '*Amount', 'TrackingName1', 'TrackingOption1', 'TrackingName2', 'TrackingOption2'];

export function writeXeroJournal(entries: readonly PostingEntry[], settings: XeroJournalSettings): ExportFile[] {
  const files: string[] = [];
  let current = '';
  let linesInFile = 0;
  for (const whole of entries) {
    for (const entry of splitEntry(whole, settings.maxLinesPerFile)) {
      if (linesInFile + entry.lines.length > settings.maxLinesPerFile) {
        files.push(current);
        current = '';
        linesInFile = 0;
      }
      const narration = clip(`${identifier(entry.documentNo, 60, 'Narration', 'xero-journal')} ${entry.paymentRef} ${entry.payer}`, 255);
      const date = formatDate(entry.postingDate, 'D MMM YYYY');
      for (const line of entry.lines) {
        const who = line.customer ? `customer ${line.customer.id}${line.customer.name ? ` ${line.customer.name}` : ''}: ` : '';
        const amount = line.debitMinor > 0 ? formatMinor(line.debitMinor) : formatMinor(-line.creditMinor);
        current += csvRow([narration, date, clip(`${who}${line.memo}${line.invoice ? ` [invoice ${line.invoice}]` : ''}`, 4000), line.account, settings.taxRate, amount, '', '', '', '']);
      }
      linesInFile += entry.lines.length;
    }
  }
  if (current !== '' || files.length === 0) files.push(current);
  const header = csvRow(XERO_JOURNAL_HEADER);
  return files.map((body, k) => ({ suffix: files.length === 1 ? '.csv' : `-${k + 1}.csv`, content: header + body }));
}
