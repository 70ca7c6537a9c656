/**
 * One table row to one remittance line: reference, PO, dates, gross, discount, and every
 * adjustment amount with its reason. An adjustment whose reason says it is a cash discount
 * ("2% 10", "early payment discount", Skonto, escompte, pronto pago, or what the payer's
 * `reason_codes` map to `discount`) is the line's discount, not a deduction, so it settles
 * the invoice as a discount does and the journal posts it to discounts allowed.
 */
import { DISCOUNT, reasonCodeFor } from '../../core/reasons.js';
import { displayMinor, type Minor } from '../../core/money.js';
import type { Adjustment, Diagnostic, ParseOptions, RemittanceLine } from '../types.js';
import type { Row } from './cells.js';
import type { Conventions } from './conventions.js';
import type { TableLayout } from './layout.js';

export interface LineContext {
  layout: TableLayout;
  conventions: Conventions;
  options: ParseOptions;
  diagnostics: Diagnostic[];
}

export function textAt(row: Row, index: number | undefined): string {
  return index === undefined ? '' : (row[index]?.text ?? '').trim();
}

export function amountAt(row: Row, index: number | undefined, rowNo: number, t: LineContext): Minor | undefined {
  return index === undefined ? undefined : t.conventions.amount(row[index], rowNo, t.layout.headers[index] ?? '');
}

/** The payer's reason as one text, and our code for it: the payer's mapping of any part wins. */
export function reasonOf(parts: string[], reasonCodes: Record<string, string>): { raw: string; code: string } {
  const filled = parts.filter((part) => part !== '');
  for (const part of filled) {
    const mapped = reasonCodes[part] ?? reasonCodes[part.toUpperCase()] ?? reasonCodes[part.toLowerCase()];
    if (mapped) return { raw: filled.join(' - '), code: mapped };
  }
  const raw = filled.join(' - ');
  if (filled.length <= 1) return { raw, code: reasonCodeFor(raw, reasonCodes) };
  // "SH - Shortage": the code table may know the code, the words say the rest.
  const byPart = filled.map((part) => reasonCodeFor(part, reasonCodes)).find((code) => code !== 'other');
  return { raw, code: byPart ?? reasonCodeFor(raw, reasonCodes) };
}

export function lineFrom(row: Row, rowNo: number, lineNo: number, paid: Minor, t: LineContext): RemittanceLine {
  const { layout, options } = t;
  const columns = layout.columns;
  const reference = textAt(row, columns.reference);
  const po = textAt(row, columns.po);
  const description = textAt(row, columns.description);
  const gross = amountAt(row, columns.gross, rowNo, t);
  let discount = Math.abs(amountAt(row, columns.discount, rowNo, t) ?? 0);
  const adjustments: Adjustment[] = [];

  const deductionLine = paid < 0 && (gross === undefined || gross === 0 || gross === paid);
  if (deductionLine) {
    const reason = reasonOf(layout.lineReasons.map((i) => textAt(row, i)), options.reasonCodes);
    const why = reason.raw || description || reference;
    adjustments.push({ amountMinor: -paid, reasonRaw: why, reasonCode: reason.raw ? reason.code : reasonCodeFor(why, options.reasonCodes) });
  } else {
    const kept: Array<{ amount: Minor; raw: string; code: string }> = [];
    for (const pair of layout.adjustments) {
      const amount = amountAt(row, pair.amount, rowNo, t);
      if (amount === undefined || amount === 0) continue;
      const reason = reasonOf(pair.reasons.map((i) => textAt(row, i)), options.reasonCodes);
      const raw = reason.raw || (layout.adjustments.length === 1 ? description : '');
      const code = reason.raw ? reason.code : reasonCodeFor(raw, options.reasonCodes);
      if (code === DISCOUNT) discount += Math.abs(amount);
      else kept.push({ amount, raw, code });
    }
    adjustments.push(...signed(kept, gross, discount, paid, rowNo, t.diagnostics));
  }

  const referenceKind: RemittanceLine['referenceKind'] = reference ? (deductionLine ? 'other' : 'invoice') : po ? 'po' : 'other';
  const invoiceDate = columns.invoice_date === undefined ? undefined : t.conventions.date(row[columns.invoice_date], rowNo, layout.headers[columns.invoice_date] ?? '');
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

/**
 * Payers print deductions negative or positive; the gross tells which way they went: the
 * amounts kept are what takes the gross (less discount) down to the net.
 */
function signed(kept: Array<{ amount: Minor; raw: string; code: string }>, gross: Minor | undefined, discount: Minor, paid: Minor, rowNo: number, diagnostics: Diagnostic[]): Adjustment[] {
  if (kept.length === 0) return [];
  const total = kept.reduce((sum, k) => sum + Math.abs(k.amount), 0);
  let sign = 1;
  if (gross !== undefined) {
    const implied = gross - discount - paid;
    if (implied === -total) sign = -1;
    else if (implied !== total) {
      diagnostics.push({
        level: 'warning',
        location: `row ${rowNo}`,
        message: `gross ${displayMinor(gross)} less discount ${displayMinor(discount)} and adjustment ${displayMinor(total)} is not the net ${displayMinor(paid)}`,
      });
    }
  }
  return kept.map((k) => ({ amountMinor: sign * Math.abs(k.amount), reasonRaw: k.raw, reasonCode: k.code }));
}
