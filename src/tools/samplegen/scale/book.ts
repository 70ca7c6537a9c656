/**
 * One payer's receivables at scale, built in time linear in its size: open invoices (and
 * some already paid, which only `not-open` lines name), and the payments that pay them.
 * Each open invoice is paid by at most one line: invoices are taken in a shuffled order,
 * never searched for, so a million lines cost a million steps.
 */
import type { ModelInvoice, ModelLine, ModelPayment } from '../demo-model.js';
import { Random } from '../random.js';
import type { Calendar } from './calendar.js';
import { deductionLine, invoiceLine, paysOpenInvoice, pickCase } from './lines.js';
import type { ScalePayer } from './payers.js';

export interface PayerBook {
  payer: ScalePayer;
  /** Open invoices first (listed in the open-invoice file), then the closed ones (not listed). */
  invoices: ModelInvoice[];
  payments: ModelPayment[];
}

export interface BookOptions {
  seed: number;
  payer: ScalePayer;
  /** Lines of each payment, in order; their sum is the payer's line count. */
  paymentSizes: readonly number[];
  openInvoices: number;
  closedInvoices: number;
  /** Invoice numbers are INV-<first>, INV-<first + 1>, ...; POs follow them. */
  firstInvoiceNumber: number;
  /** Payment numbers are <first>, <first + 1>, ... */
  firstPaymentNumber: number;
  /** Invoices dated on days 0-60, payments on days 62-92. */
  calendar: Calendar;
}

export function buildPayerBook(options: BookOptions): PayerBook {
  const random = new Random(options.seed);
  const { payer, calendar } = options;
  const invoices: ModelInvoice[] = [];
  for (let k = 0; k < options.openInvoices + options.closedInvoices; k += 1) {
    const number = options.firstInvoiceNumber + k;
    const day = random.int(0, 60);
    const original = random.int(150_00, 40_000_00);
    invoices.push({
      customer: payer.code,
      customerName: payer.name,
      number: `INV-${number}`,
      po: `45${String(number).padStart(8, '0')}`,
      invoiceDate: calendar.day(day),
      dueDate: calendar.day(day + 30),
      currency: 'USD',
      originalMinor: original,
      openMinor: random.chance(0.05) ? original - Math.floor(original / 4) : original,
      listed: k < options.openInvoices,
    });
  }
  const order = shuffled(options.openInvoices, random);
  let nextOpen = 0;
  const total = options.paymentSizes.reduce((sum, size) => sum + size, 0);
  let done = 0;
  const payments: ModelPayment[] = options.paymentSizes.map((size, p) => {
    const lines: ModelLine[] = [];
    for (let l = 1; l <= size; l += 1) {
      let kind = pickCase(random);
      if (kind === 'not-open' && options.closedInvoices === 0) kind = 'exact';
      if (paysOpenInvoice(kind) && nextOpen >= order.length) kind = 'deduction-only';
      if (kind === 'deduction-only') lines.push(deductionLine(l, random));
      else if (kind === 'not-open') lines.push(invoiceLine(kind, l, invoices[options.openInvoices + random.int(0, options.closedInvoices - 1)]!, random));
      else lines.push(invoiceLine(kind, l, invoices[order[nextOpen++]!]!, random));
    }
    const day = 62 + Math.floor((30 * done) / Math.max(1, total));
    done += size;
    return {
      payer: payer.code,
      paymentRef: String(options.firstPaymentNumber + p),
      paymentDate: calendar.day(day),
      currency: 'USD',
      lines,
      totalMinor: lines.reduce((sum, line) => sum + line.paidMinor, 0),
    };
  });
  return { payer, invoices, payments };
}

/** Sizes between min and max (inclusive) adding up to exactly `lines`; the last may be smaller. */
export function paymentSizes(lines: number, min: number, max: number, random: Random): number[] {
  const sizes: number[] = [];
  let left = lines;
  while (left > 0) {
    const size = Math.min(left, random.int(min, max));
    sizes.push(size);
    left -= size;
  }
  return sizes;
}

/** 0..count-1 in a seeded random order (Fisher-Yates). */
function shuffled(count: number, random: Random): Int32Array {
  const order = new Int32Array(count);
  for (let i = 0; i < count; i += 1) order[i] = i;
  for (let i = count - 1; i > 0; i -= 1) {
    const j = random.int(0, i);
    const swap = order[i]!;
    order[i] = order[j]!;
    order[j] = swap;
  }
  return order;
}
