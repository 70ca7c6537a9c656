/**
 * One remittance line of the scale data set, by case. The mix is what a cash-application
 * desk sees on an ordinary day: mostly exact invoice numbers, some written the payer's way,
 * discounts, short pays with a reason, a few PO-only lines, a few invoices no longer open,
 * and the occasional deduction line of the payer's own.
 */
import type { LineCase, ModelInvoice, ModelLine } from '../demo-model.js';
import type { Random } from '../random.js';
import { SCALE_REASONS } from './payers.js';

export type ScaleCase = Extract<LineCase, 'exact' | 'format' | 'po' | 'discount' | 'short-pay' | 'deduction-only' | 'not-open'>;

/** Percent of lines per case; they add up to 100. */
export const CASE_PERCENT: ReadonlyArray<[ScaleCase, number]> = [
  ['exact', 62], ['format', 10], ['po', 5], ['discount', 12], ['short-pay', 6], ['deduction-only', 2], ['not-open', 3],
];

export function pickCase(random: Random): ScaleCase {
  let roll = random.int(0, 99);
  for (const [kind, percent] of CASE_PERCENT) {
    if (roll < percent) return kind;
    roll -= percent;
  }
  return 'exact';
}

/** True for the cases that pay one of the payer's open invoices. */
export function paysOpenInvoice(kind: ScaleCase): boolean {
  return kind !== 'deduction-only' && kind !== 'not-open';
}

/** Every field spelled out (no spread): V8 keeps a million such objects in one fast shape. */
function line(lineNo: number, kind: ScaleCase, reference: string, invoice: ModelInvoice | undefined, grossMinor: number): ModelLine {
  return {
    lineNo, case: kind, reference, po: invoice?.po ?? '', invoiceDate: invoice?.invoiceDate ?? '', grossMinor, discountMinor: 0, deductionMinor: 0,
    reasonRaw: '', reasonCode: '', paidMinor: grossMinor, expectedInvoice: '', cashMinor: 0, unappliedMinor: 0,
  };
}

/** A line paying `invoice` (open for the paying cases, already paid for `not-open`). */
export function invoiceLine(kind: ScaleCase, lineNo: number, invoice: ModelInvoice, random: Random): ModelLine {
  if (kind === 'not-open') {
    const closed = line(lineNo, kind, invoice.number, invoice, invoice.originalMinor);
    closed.unappliedMinor = invoice.originalMinor;
    return closed;
  }
  const open = invoice.openMinor;
  const reference = kind === 'format' ? reformat(invoice.number, random) : kind === 'po' ? invoice.po : invoice.number;
  const paying = line(lineNo, kind, reference, invoice, open);
  paying.expectedInvoice = invoice.number;
  paying.cashMinor = open;
  if (kind === 'discount') {
    paying.discountMinor = Math.floor(open / 50);
    paying.paidMinor = paying.cashMinor = open - paying.discountMinor;
  } else if (kind === 'short-pay') {
    const reason = random.pick(SCALE_REASONS);
    paying.deductionMinor = random.int(1_00, Math.max(2_00, Math.floor(open / 10)));
    paying.reasonRaw = reason.raw;
    paying.reasonCode = reason.code;
    paying.paidMinor = paying.cashMinor = open - paying.deductionMinor;
  }
  return paying;
}

/** A line of the payer's own: money kept against its debit memo, no invoice of ours. */
export function deductionLine(lineNo: number, random: Random): ModelLine {
  const amount = random.int(20_00, 3_000_00);
  const reason = random.pick(SCALE_REASONS);
  const own = line(lineNo, 'deduction-only', `DED${random.digits(8)}`, undefined, -amount);
  own.deductionMinor = amount;
  own.reasonRaw = reason.raw;
  own.reasonCode = reason.code;
  return own;
}

function reformat(number: string, random: Random): string {
  const digits = number.replace(/^INV-/, '');
  return random.pick([`inv-${digits}`, digits, `INV ${digits}`, `INV${digits}`, `#${digits}`]);
}
