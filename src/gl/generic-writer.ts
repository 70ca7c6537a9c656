/**
 * The `generic` journal CSV: one row per GL line, amounts in decimal major units. The last
 * three columns (company, document_no, customer) are blank for lines recorded before remit
 * kept them.
 */
import { formatMinor } from '../core/money.js';
import { csvCell, textCell } from './csv-cell.js';
import type { JournalLine } from './types.js';

export const GENERIC_HEADER = ['journal_id', 'line_no', 'entry_date', 'account', 'debit', 'credit', 'currency', 'payer', 'payment_ref', 'invoice', 'memo', 'company', 'document_no', 'customer'];

export function writeGenericCsv(journalId: string, lines: JournalLine[]): string {
  return genericCsvHeader() + genericCsvRows(journalId, lines);
}

/** The header row, with its line end: a file written in pieces starts with it. */
export function genericCsvHeader(): string {
  return `${GENERIC_HEADER.join(',')}\r\n`;
}

/** The rows of some journal lines, each with its line end. */
export function genericCsvRows(journalId: string, lines: readonly JournalLine[]): string {
  const id = csvCell(journalId);
  let out = '';
  for (const line of lines) {
    out += `${[
      id,
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
      textCell(line.company),
      textCell(line.documentNo),
      textCell(line.customer),
    ].join(',')}\r\n`;
  }
  return out;
}
