/**
 * Rows of a remittance spreadsheet to remittances: header found under title rows,
 * totals rows skipped, one remittance per payment number (+ date) in file order.
 * Any bad amount or date fails the whole document with its row and column named.
 */
import { ParseError } from '../../core/errors.js';
import { reasonCodeFor } from '../../core/reasons.js';
import { displayMinor } from '../../core/money.js';
import type { Adjustment, Diagnostic, ParseOptions, Remittance, RemittanceLine } from '../types.js';
import type { Row } from './cells.js';
import { amountIn, dateIn, type CellRef } from './amounts.js';
import { REMITTANCE_COLUMNS, cellAt, findHeader, type HeaderMatch } from './columns.js';

const REQUIRED = ['reference', 'paid', 'payment_ref', 'payment_date'] as const;
const TOTAL_ROW = /^(grand\s+)?totals?\b|^total\s+(payment|paid|amount)/i;

export function remittancesFromRows(rows: Row[], options: ParseOptions): { remittances: Remittance[]; diagnostics: Diagnostic[] } {
  const header = findHeader(rows, REMITTANCE_COLUMNS, options.columns, REQUIRED);
  if (!header) {
    throw new ParseError(
      `no header row with remittance columns in the first 50 rows (looked for: invoice number, amount paid, payment number, payment date)`,
      `map the columns in remit.yaml under payers.${options.payer ?? '<ID>'}.columns`,
    );
  }
  const missing = REQUIRED.filter((field) => header.columns[field] === undefined && !(field === 'reference' && header.columns['po'] !== undefined));
  if (missing.length > 0) {
    throw new ParseError(
      `row ${header.rowIndex + 1} has no column for ${missing.join(', ')} (headers: ${header.headers.filter(Boolean).join(' | ').slice(0, 160)})`,
      `map them in remit.yaml under payers.${options.payer ?? '<ID>'}.columns`,
    );
  }

  const diagnostics: Diagnostic[] = [];
  const payments = new Map<string, Remittance>();
  for (let index = header.rowIndex + 1; index < rows.length; index += 1) {
    const row = rows[index] ?? [];
    const rowNo = index + 1;
    if (row.every((cell) => cell.text.trim() === '')) continue;
    if (row.slice(0, 3).some((cell) => TOTAL_ROW.test(cell.text.trim()))) continue;
    const at = (field: string): CellRef => ({ cell: cellFor(row, header, field), rowNo, header: headerFor(header, field) });

    const reference = cellAt(row, header.columns, 'reference');
    const po = cellAt(row, header.columns, 'po');
    const paid = amountIn(at('paid'), options);
    if (paid === undefined) {
      if (!reference && !po) continue; // a note or legend line under the table
      throw new ParseError(`row ${rowNo}: "${reference || po}" has no amount in column "${headerFor(header, 'paid')}"`);
    }
    const paymentRef = cellAt(row, header.columns, 'payment_ref');
    if (!paymentRef) throw new ParseError(`row ${rowNo}: no payment number in column "${headerFor(header, 'payment_ref')}"`);
    const paymentDate = dateIn(at('payment_date'), options);
    if (!paymentDate) throw new ParseError(`row ${rowNo}: no payment date in column "${headerFor(header, 'payment_date')}"`);
    const currency = (cellAt(row, header.columns, 'currency') || options.currency).toUpperCase();

    const key = `${paymentRef}\u0000${paymentDate}\u0000${currency}`;
    let remittance = payments.get(key);
    if (!remittance) {
      remittance = { paymentRef, paymentDate, currency, lines: [], ...(options.payer ? { payer: options.payer } : {}) };
      payments.set(key, remittance);
    }
    remittance.lines.push(lineFrom(row, header, rowNo, remittance.lines.length + 1, paid, options, diagnostics));
  }
  if (payments.size === 0) throw new ParseError(`no remittance lines under the header on row ${header.rowIndex + 1}`);
  return { remittances: [...payments.values()], diagnostics };
}

function lineFrom(
  row: Row,
  header: HeaderMatch,
  rowNo: number,
  lineNo: number,
  paid: number,
  options: ParseOptions,
  diagnostics: Diagnostic[],
): RemittanceLine {
  const at = (field: string): CellRef => ({ cell: cellFor(row, header, field), rowNo, header: headerFor(header, field) });
  const reference = cellAt(row, header.columns, 'reference');
  const po = cellAt(row, header.columns, 'po');
  const description = cellAt(row, header.columns, 'description');
  const gross = amountIn(at('gross'), options);
  const discount = Math.abs(amountIn(at('discount'), options) ?? 0);
  const adjustment = amountIn(at('adjustment'), options) ?? 0;
  const reasonRaw = cellAt(row, header.columns, 'reason');
  const adjustments: Adjustment[] = [];

  const deductionLine = paid < 0 && (gross === undefined || gross === 0 || gross === paid);
  if (deductionLine) {
    const why = reasonRaw || description || reference;
    adjustments.push({ amountMinor: -paid, reasonRaw: why, reasonCode: reasonCodeFor(why, options.reasonCodes) });
  } else if (adjustment !== 0) {
    // Payers print deductions negative or positive; the gross tells which way it went.
    let kept = Math.abs(adjustment);
    if (gross !== undefined) {
      const implied = gross - discount - paid;
      if (implied === -kept) kept = -kept;
      else if (implied !== kept) {
        diagnostics.push({
          level: 'warning',
          location: `row ${rowNo}`,
          message: `gross ${displayMinor(gross)} less discount ${displayMinor(discount)} and adjustment ${displayMinor(kept)} is not the net ${displayMinor(paid)}`,
        });
      }
    }
    const why = reasonRaw || description;
    adjustments.push({ amountMinor: kept, reasonRaw: why, reasonCode: reasonCodeFor(why, options.reasonCodes) });
  }

  const referenceKind: RemittanceLine['referenceKind'] = reference ? (deductionLine ? 'other' : 'invoice') : po ? 'po' : 'other';
  const invoiceDate = dateIn(at('invoice_date'), options);
  return {
    lineNo,
    reference: reference || po,
    referenceKind,
    ...(po ? { po } : {}),
    ...(invoiceDate ? { invoiceDate } : {}),
    ...(description ? { description } : {}),
    ...(gross !== undefined ? { grossMinor: gross } : {}),
    discountMinor: discount,
    paidMinor: paid,
    adjustments,
  };
}

function cellFor(row: Row, header: HeaderMatch, field: string) {
  const index = header.columns[field];
  return index === undefined ? undefined : row[index];
}

function headerFor(header: HeaderMatch, field: string): string {
  const index = header.columns[field];
  return index === undefined ? field : (header.headers[index] ?? field);
}
