/**
 * One table row to one remittance line, by the conventions the matcher and GL rely on:
 * reference as written (the PO when the invoice cell is empty), Net is the money paid,
 * discount and deductions are positive amounts the payer kept, and a row with a negative
 * Net and no Gross is a payer chargeback carrying its own deduction.
 */
import type { DateOrder } from '../../core/dates.js';
import { readDay } from './dates.js';
import { parseAmount, type Minor } from '../../core/money.js';
import { reasonCodeFor } from '../../core/reasons.js';
import type { Adjustment, RemittanceLine } from '../types.js';
import type { Cells } from './columns.js';
import type { ColumnKey } from './layout.js';
import type { TableRow } from './table.js';

export interface RowOptions {
  dateOrder: DateOrder;
  decimalComma: boolean;
  reasonCodes: Record<string, string>;
  maxFieldChars: number;
}

export type RowResult =
  | { kind: 'line'; line: Omit<RemittanceLine, 'lineNo'>; warnings: string[] }
  /** Not a data row (wrapped text, a title); `problem` when it looked like one but could not be read. */
  | { kind: 'skip'; problem?: string };

const AMOUNT_COLUMNS: ColumnKey[] = ['gross', 'discount', 'deduction', 'net'];

export function readRow(row: TableRow, options: RowOptions): RowResult {
  const warnings: string[] = [];
  const cells = trimmed(row.cells, options.maxFieldChars, warnings);
  const cell = (key: ColumnKey): string => cells[key] ?? '';
  const amount = (key: ColumnKey) => parseAmount(cell(key), { decimalComma: options.decimalComma });

  const net = amount('net');
  if (!net.ok) {
    if (cell('net') === '' && !looksLikeData(cells, options)) return { kind: 'skip' };
    const problem = cell('net') === '' ? 'no Net amount' : `Net ${net.reason}`;
    return { kind: 'skip', problem: `row skipped, ${problem}: "${clip(row.text)}"` };
  }
  const paidMinor = net.minor;

  const optionalAmount = (key: ColumnKey, label: string): Minor | undefined => {
    if (cell(key) === '') return undefined;
    const parsed = amount(key);
    if (parsed.ok) return parsed.minor;
    warnings.push(`${label} ${parsed.reason}, read as empty`);
    return undefined;
  };
  const grossMinor = optionalAmount('gross', 'Gross');
  // Payers print what they kept with either sign; the line stores it as kept (positive).
  const discountMinor = Math.abs(optionalAmount('discount', 'Discount') ?? 0);
  const deductionMinor = Math.abs(optionalAmount('deduction', 'Deduction') ?? 0);

  const reasonRaw = cell('reason');
  const adjustment = (amountMinor: Minor): Adjustment => ({
    amountMinor,
    reasonRaw,
    reasonCode: reasonCodeFor(reasonRaw, options.reasonCodes),
  });

  const invoiceRef = cell('reference');
  const po = cell('po');
  const isChargeback = paidMinor < 0 && (grossMinor === undefined || grossMinor === 0);

  const description = cell('description');
  const dateText = cell('invoiceDate');
  let invoiceDate: string | undefined;
  if (dateText !== '') {
    const date = readDay(dateText, options.dateOrder);
    if (date.ok) invoiceDate = date.iso;
    else warnings.push(`Invoice Date ${date.reason}, left empty`);
  }

  // Keys in reading order, so golden files read like the document.
  const line: Omit<RemittanceLine, 'lineNo'> = {
    reference: invoiceRef !== '' ? invoiceRef : po,
    referenceKind: isChargeback ? 'other' : invoiceRef === '' && po !== '' ? 'po' : 'invoice',
    ...(po !== '' ? { po } : {}),
    ...(invoiceDate !== undefined ? { invoiceDate } : {}),
    ...(description !== '' ? { description } : {}),
    ...(grossMinor !== undefined ? { grossMinor } : {}),
    discountMinor,
    paidMinor,
    adjustments: isChargeback ? [adjustment(-paidMinor)] : deductionMinor !== 0 ? [adjustment(deductionMinor)] : [],
  };
  if (line.reference === '') warnings.push('no invoice or PO reference');
  return { kind: 'line', line, warnings };
}

/** Cells without surrounding spaces, each cut to the field limit. */
function trimmed(cells: Cells, maxChars: number, warnings: string[]): Cells {
  const out: Cells = {};
  for (const [key, value] of Object.entries(cells) as Array<[ColumnKey, string]>) {
    const text = value.trim();
    if (text.length > maxChars) warnings.push(`${key} cell cut to ${maxChars} characters`);
    out[key] = text.slice(0, maxChars);
  }
  return out;
}

/** A line with an amount in an amount column is data, even when its Net cell is missing. */
function looksLikeData(cells: Cells, options: RowOptions): boolean {
  return AMOUNT_COLUMNS.some((key) => {
    const text = cells[key];
    return text !== undefined && text !== '' && parseAmount(text, { decimalComma: options.decimalComma }).ok;
  });
}

function clip(text: string): string {
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}
