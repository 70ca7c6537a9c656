/** The `generic` journal CSV: one row per GL line, amounts in decimal major units. */
import { formatMinor } from '../core/money.js';
import { csvCell, textCell } from './csv-cell.js';
import type { JournalLine } from './types.js';

export const GENERIC_HEADER = ['journal_id', 'line_no', 'entry_date', 'account', 'debit', 'credit', 'currency', 'payer', 'payment_ref', 'invoice', 'memo'];

export function writeGenericCsv(journalId: string, lines: JournalLine[]): string {
  const rows = [GENERIC_HEADER.join(',')];
  for (const line of lines) {
    rows.push(
      [
        csvCell(journalId),
        String(line.lineNo),
        line.entryDate,
        textCell(line.account),
        line.debitMinor ? formatMinor(line.debitMinor) : '',
        line.creditMinor ? formatMinor(line.creditMinor) : '',
        line.currency,
        textCell(line.payer),
        textCell(line.paymentRef),
        textCell(line.invoice),
        textCell(line.memo),
      ].join(','),
    );
  }
  return `${rows.join('\r\n')}\r\n`;
}
