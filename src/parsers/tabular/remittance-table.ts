/**
 * Rows of a remittance spreadsheet to remittances: header found under title rows,
 * totals rows skipped, one remittance per payment number (+ date) in file order.
 * Any bad amount or date fails the whole document with its row and column named.
 * Read row by row (RemittanceTable), so a large file can stream through it.
 */
import { ParseError } from '../../core/errors.js';
import { reasonCodeFor } from '../../core/reasons.js';
import { displayMinor } from '../../core/money.js';
import type { Adjustment, Diagnostic, ParseOptions, Remittance, RemittanceLine } from '../types.js';
import type { Row } from './cells.js';
import { DateCache, amountIn, type CellRef } from './amounts.js';
import { REMITTANCE_COLUMNS, cellAt, findHeader, type HeaderMatch } from './columns.js';
import { NotStreamable } from '../stream.js';
import { HEADER_SCAN, HeaderBuffer } from './header-buffer.js';

const REQUIRED = ['reference', 'paid', 'payment_ref', 'payment_date'] as const;
const TOTAL_ROW = /^(grand\s+)?totals?\b|^total\s+(payment|paid|amount)/i;

export function remittancesFromRows(rows: Row[], options: ParseOptions): { remittances: Remittance[]; diagnostics: Diagnostic[] } {
  const table = new RemittanceTable(options, 'whole');
  for (const row of rows) table.push(row);
  const remittances = table.finish();
  return { remittances, diagnostics: table.diagnostics };
}

/**
 * The table read row by row. 'whole' gathers every payment until the end (a payment's rows
 * may be anywhere in the file); 'stream' hands each payment on as soon as the next one
 * starts, and throws NotStreamable when a payment seen before comes back.
 */
export class RemittanceTable {
  readonly diagnostics: Diagnostic[] = [];
  private readonly rows: HeaderBuffer<HeaderMatch, Remittance>;
  private readonly payments = new Map<string, Remittance>();
  private current: { key: string; remittance: Remittance } | undefined;
  private readonly finished = new Set<string>();
  private readonly dates = new DateCache();

  constructor(
    private readonly options: ParseOptions,
    private readonly mode: 'whole' | 'stream',
  ) {
    this.rows = new HeaderBuffer((top) => remittanceHeader(top, options), (row, index) => this.readRow(row, index));
  }

  /** Read one row; in stream mode, returns the payments this row completed. */
  push(row: Row): Remittance[] {
    return this.rows.push(row);
  }

  /** The end of the file: every payment not yet handed on. */
  finish(): Remittance[] {
    const header = this.rows.finish();
    const noLines = new ParseError(`no remittance lines under the header on row ${header.rowIndex + 1}`);
    if (this.mode === 'whole') {
      if (this.payments.size === 0) throw noLines;
      return [...this.payments.values()];
    }
    if (this.current === undefined && this.finished.size === 0) throw noLines;
    if (this.current) this.rows.emit(this.current.remittance);
    this.current = undefined;
    return this.rows.drain();
  }

  private readRow(row: Row, index: number): void {
    const header = this.rows.header!;
    const { options } = this;
    const rowNo = index + 1;
    if (isBlank(row)) return;
    if (isTotalRow(row)) return;
    const at = (field: string): CellRef => ({ cell: cellFor(row, header, field), rowNo, header: headerFor(header, field) });

    const reference = cellAt(row, header.columns, 'reference');
    const po = cellAt(row, header.columns, 'po');
    const paid = amountIn(at('paid'), options);
    if (paid === undefined) {
      if (!reference && !po) return; // a note or legend line under the table
      throw new ParseError(`row ${rowNo}: "${reference || po}" has no amount in column "${headerFor(header, 'paid')}"`);
    }
    const paymentRef = cellAt(row, header.columns, 'payment_ref');
    if (!paymentRef) throw new ParseError(`row ${rowNo}: no payment number in column "${headerFor(header, 'payment_ref')}"`);
    const paymentDate = this.dates.read(at('payment_date'), options);
    if (!paymentDate) throw new ParseError(`row ${rowNo}: no payment date in column "${headerFor(header, 'payment_date')}"`);
    const currency = (cellAt(row, header.columns, 'currency') || options.currency).toUpperCase();

    const current = this.current?.remittance;
    if (current && current.paymentRef === paymentRef && current.paymentDate === paymentDate && current.currency === currency) {
      // The next row of the payment being read: the common case, without building its key.
      current.lines.push(lineFrom(row, header, rowNo, current.lines.length + 1, paid, options, this.diagnostics, this.dates));
      return;
    }
    const key = `${paymentRef}\u0000${paymentDate}\u0000${currency}`;
    let remittance: Remittance | undefined;
    if (this.mode === 'whole') remittance = this.payments.get(key);
    else {
      if (this.finished.has(key)) throw new NotStreamable(`payment ${paymentRef} comes back on row ${rowNo} after other payments`);
      if (this.current) {
        this.rows.emit(this.current.remittance);
        this.finished.add(this.current.key);
      }
    }
    if (!remittance) {
      remittance = { paymentRef, paymentDate, currency, lines: [], ...(options.payer ? { payer: options.payer } : {}) };
      if (this.mode === 'whole') this.payments.set(key, remittance);
    }
    this.current = { key, remittance };
    remittance.lines.push(lineFrom(row, header, rowNo, remittance.lines.length + 1, paid, options, this.diagnostics, this.dates));
  }
}

function remittanceHeader(top: Row[], options: ParseOptions): HeaderMatch {
  const header = findHeader(top, REMITTANCE_COLUMNS, options.columns, REQUIRED, HEADER_SCAN);
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
  return header;
}


function isBlank(row: Row): boolean {
  for (const cell of row) if (cell.text.trim() !== '') return false;
  return true;
}

function isTotalRow(row: Row): boolean {
  for (let i = 0; i < 3 && i < row.length; i += 1) if (TOTAL_ROW.test(row[i]!.text.trim())) return true;
  return false;
}


function lineFrom(
  row: Row,
  header: HeaderMatch,
  rowNo: number,
  lineNo: number,
  paid: number,
  options: ParseOptions,
  diagnostics: Diagnostic[],
  dates: DateCache,
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
  const invoiceDate = dates.read(at('invoice_date'), options);
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
