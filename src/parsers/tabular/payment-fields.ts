/**
 * The payment-level fields in force for the rows being read: from labels above the table
 * (or above each section of a file that lists several payments one after another), else
 * from the file name, each with where it came from; and the totals a document states, which
 * its lines must reach or the document is flagged with an error naming both figures.
 */
import { displayMinor, type Minor } from '../../core/money.js';
import type { Diagnostic, PaymentField, Remittance } from '../types.js';
import type { LabelFound } from './labels.js';

export interface FieldValue {
  value: string;
  where: string;
}

export interface StatedTotal {
  minor: Minor;
  where: string;
}

/**
 * One section: the labels above its lines, the totals stated in it, and a running account
 * of the payments its lines made (only the first is kept: a stream must not hold them all).
 */
export class Section {
  readonly fields = new Map<PaymentField, FieldValue & { label?: LabelFound }>();
  /** Totals read (a totals row, a label under the lines). */
  readonly totals: StatedTotal[] = [];
  /** Total labels above the lines, read when the section closes (the decimal mark may not be known yet). */
  readonly labelTotals: LabelFound[] = [];
  first: Remittance | undefined;
  count = 0;
  sum: Minor = 0;
  readonly refs: string[] = [];
  hasLines = false;

  set(label: LabelFound): void {
    if (label.field === 'statedTotal') this.labelTotals.push(label);
    else this.fields.set(label.field, { value: label.value, where: `label "${label.label}" on row ${label.rowNo}`, label });
  }

  get(field: PaymentField): FieldValue | undefined {
    return this.fields.get(field);
  }

  /** The currency the section names: a Currency label, else the code or sign written with its total (`8 415,30 €`). */
  currency(): FieldValue | undefined {
    const labelled = this.fields.get('currency');
    if (labelled) return labelled;
    for (const label of this.labelTotals) {
      const code = currencyWritten(label.value);
      if (code) return { value: code, where: `label "${label.label}" on row ${label.rowNo} (${code})` };
    }
    return undefined;
  }

  began(remittance: Remittance): void {
    this.first ??= remittance;
    this.count += 1;
    if (this.refs.length < 5) this.refs.push(remittance.paymentRef);
  }
}

/** A payment's stated totals, from every source that gave one; checked when the payment is complete. */
export class PaymentTotals {
  private readonly byPayment = new WeakMap<Remittance, StatedTotal[]>();

  add(remittance: Remittance, total: StatedTotal): void {
    const list = this.byPayment.get(remittance) ?? [];
    if (list.some((t) => t.minor === total.minor && t.where === total.where)) return;
    list.push(total);
    this.byPayment.set(remittance, list);
    remittance.statedTotalMinor ??= total.minor;
    remittance.sources ??= {};
    remittance.sources.statedTotal ??= total.where;
  }

  /** The payment is complete: its lines against what the document states. */
  check(remittance: Remittance, diagnostics: Diagnostic[]): void {
    const totals = this.byPayment.get(remittance) ?? [];
    if (totals.length === 0) return;
    const first = totals[0]!;
    for (const other of totals.slice(1)) {
      if (other.minor !== first.minor) {
        diagnostics.push({
          level: 'error',
          location: other.where,
          message: `payment ${remittance.paymentRef}: ${other.where} states ${displayMinor(other.minor)} but ${first.where} states ${displayMinor(first.minor)}`,
        });
      }
    }
    let sum = 0;
    for (const line of remittance.lines) sum += line.paidMinor;
    if (sum !== first.minor) {
      diagnostics.push({
        level: 'error',
        location: first.where,
        message: `payment ${remittance.paymentRef}: lines add up to ${displayMinor(sum)} but the document states ${displayMinor(first.minor)} (${first.where})`,
      });
    }
  }
}

const SIGNS: Record<string, string> = { '€': 'EUR', '£': 'GBP', '¥': 'JPY' };
const CODES = /\b(USD|EUR|GBP|CAD|MXN|CHF|AUD|JPY|SEK|NOK|DKK|PLN|CZK|HUF|BRL|CNY|INR|NZD|ZAR)\b/;

/** A currency written beside an amount: an ISO code, or a sign that names one currency (not `$`). */
export function currencyWritten(text: string): string | undefined {
  const code = CODES.exec(text.toUpperCase());
  if (code) return code[1];
  for (const [sign, iso] of Object.entries(SIGNS)) if (text.includes(sign)) return iso;
  return undefined;
}
