/**
 * A seeded model of one supplier's receivables: open invoices and the payments its
 * customers send, with the cases cash application meets every day (exact and
 * reformatted references, PO instead of invoice, discounts, short pays, partials,
 * payer deductions, overpayments, references to invoices no longer open, re-sent files).
 * It also writes the answer key. Used by the demo fixtures, tests and benchmarks.
 */
import { addDays } from '../../core/dates.js';
import { Random } from './random.js';

export type LineCase = 'exact' | 'format' | 'po' | 'discount' | 'short-pay' | 'partial' | 'deduction-only' | 'overpay' | 'not-open';

export interface ModelInvoice {
  customer: string;
  customerName: string;
  number: string;
  po: string;
  invoiceDate: string;
  dueDate: string;
  currency: string;
  originalMinor: number;
  openMinor: number;
  /** False for invoices already paid: they are referenced by `not-open` lines only. */
  listed: boolean;
}

export interface ModelLine {
  lineNo: number;
  reference: string;
  po: string;
  invoiceDate: string;
  grossMinor: number;
  discountMinor: number;
  deductionMinor: number;
  reasonRaw: string;
  reasonCode: string;
  paidMinor: number;
  case: LineCase;
  expectedInvoice: string;
  cashMinor: number;
  unappliedMinor: number;
}

export interface ModelPayment {
  payer: string;
  paymentRef: string;
  paymentDate: string;
  currency: string;
  lines: ModelLine[];
  totalMinor: number;
}

export interface PayerProfile {
  code: string;
  name: string;
  reasons: Array<{ raw: string; code: string }>;
  deductionPrefix: string;
  paymentDigits: number;
  poStyle: 'alnum8' | 'digits10' | 'digits7';
}

export interface Model {
  invoices: ModelInvoice[];
  payments: ModelPayment[];
}

export interface ModelOptions {
  seed: number;
  payers: PayerProfile[];
  invoicesPerPayer: number;
  paymentsPerPayer: number;
  linesPerPayment: [number, number];
  firstInvoiceNumber: number;
  startDate: string;
}

const CASE_WEIGHTS: Array<[LineCase, number]> = [
  ['exact', 40], ['format', 12], ['po', 8], ['discount', 14], ['short-pay', 8], ['partial', 4], ['deduction-only', 6], ['overpay', 3], ['not-open', 5],
];

export function buildModel(options: ModelOptions): Model {
  const random = new Random(options.seed);
  const invoices: ModelInvoice[] = [];
  const payments: ModelPayment[] = [];
  let nextNumber = options.firstInvoiceNumber;

  for (const payer of options.payers) {
    const own: ModelInvoice[] = [];
    for (let i = 0; i < options.invoicesPerPayer; i += 1) {
      const invoiceDate = addDays(options.startDate, random.int(0, 60));
      const original = random.int(150_00, 40_000_00) + random.int(0, 99);
      const partlyPaid = random.chance(0.08);
      const invoice: ModelInvoice = {
        customer: payer.code,
        customerName: payer.name,
        number: `INV-${nextNumber++}`,
        po: poFor(payer.poStyle, random),
        invoiceDate,
        dueDate: addDays(invoiceDate, 30),
        currency: 'USD',
        originalMinor: original,
        openMinor: partlyPaid ? original - Math.floor(original / 4) : original,
        listed: !random.chance(0.06),
      };
      own.push(invoice);
      invoices.push(invoice);
    }
    const available = own.filter((invoice) => invoice.listed);
    const closed = own.filter((invoice) => !invoice.listed);
    for (let p = 0; p < options.paymentsPerPayer; p += 1) {
      const paymentDate = addDays(options.startDate, 62 + p * 3 + random.int(0, 2));
      const count = random.int(options.linesPerPayment[0], options.linesPerPayment[1]);
      const lines: ModelLine[] = [];
      for (let l = 0; l < count; l += 1) {
        let kind = weighted(random);
        if (kind === 'not-open' && closed.length === 0) kind = 'exact';
        if (kind !== 'deduction-only' && kind !== 'not-open' && available.length === 0) kind = 'deduction-only';
        lines.push(lineFor(kind, lines.length + 1, payer, available, closed, random));
      }
      payments.push({
        payer: payer.code,
        paymentRef: random.digits(payer.paymentDigits).replace(/^0/, '1'),
        paymentDate,
        currency: 'USD',
        lines,
        totalMinor: lines.reduce((sum, line) => sum + line.paidMinor, 0),
      });
    }
  }
  return { invoices, payments };
}

function lineFor(kind: LineCase, lineNo: number, payer: PayerProfile, available: ModelInvoice[], closed: ModelInvoice[], random: Random): ModelLine {
  const base = { lineNo, discountMinor: 0, deductionMinor: 0, reasonRaw: '', reasonCode: '', unappliedMinor: 0, case: kind };
  if (kind === 'deduction-only') {
    const amount = random.int(20_00, 3_000_00);
    const reason = random.pick(payer.reasons);
    return {
      ...base,
      reference: `${payer.deductionPrefix}${random.digits(8)}`,
      po: '',
      invoiceDate: '',
      grossMinor: -amount,
      deductionMinor: amount,
      reasonRaw: reason.raw,
      reasonCode: reason.code,
      paidMinor: -amount,
      expectedInvoice: '',
      cashMinor: 0,
    };
  }
  if (kind === 'not-open') {
    const invoice = random.pick(closed);
    return {
      ...base,
      reference: invoice.number,
      po: invoice.po,
      invoiceDate: invoice.invoiceDate,
      grossMinor: invoice.originalMinor,
      paidMinor: invoice.originalMinor,
      expectedInvoice: '',
      cashMinor: 0,
      unappliedMinor: invoice.originalMinor,
    };
  }
  // Each invoice is paid by one line only, so the key never depends on line order.
  const invoice = available.splice(random.int(0, available.length - 1), 1)[0]!;
  const open = invoice.openMinor;
  const line: ModelLine = {
    ...base,
    reference: invoice.number,
    po: invoice.po,
    invoiceDate: invoice.invoiceDate,
    grossMinor: open,
    paidMinor: open,
    expectedInvoice: invoice.number,
    cashMinor: open,
  };
  switch (kind) {
    case 'format':
      line.reference = reformat(invoice.number, random);
      break;
    case 'po':
      line.reference = invoice.po;
      break;
    case 'discount':
      line.discountMinor = Math.round(open / 50);
      line.paidMinor = line.cashMinor = open - line.discountMinor;
      break;
    case 'short-pay': {
      const reason = random.pick(payer.reasons);
      line.deductionMinor = random.int(1_00, Math.max(2_00, Math.floor(open / 10)));
      line.reasonRaw = reason.raw;
      line.reasonCode = reason.code;
      line.paidMinor = line.cashMinor = open - line.deductionMinor;
      break;
    }
    case 'partial':
      line.paidMinor = line.cashMinor = Math.floor(open / 200) * 100;
      line.grossMinor = invoice.originalMinor;
      break;
    case 'overpay':
      line.unappliedMinor = random.int(10_00, 200_00);
      line.paidMinor = open + line.unappliedMinor;
      line.grossMinor = line.paidMinor;
      break;
    default:
      break;
  }
  return line;
}

function reformat(number: string, random: Random): string {
  const digits = number.replace(/^INV-/, '');
  return random.pick([`inv-${digits}`, digits, `0000${digits}`, `#${digits}`, `INV ${digits}`, `INV${digits}`]);
}

function poFor(style: PayerProfile['poStyle'], random: Random): string {
  if (style === 'digits10') return `45${random.digits(8)}`;
  if (style === 'digits7') return random.digits(7).replace(/^0/, '7');
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  let out = '';
  for (let i = 0; i < 8; i += 1) out += alphabet[random.int(0, alphabet.length - 1)];
  return out;
}

function weighted(random: Random): LineCase {
  const total = CASE_WEIGHTS.reduce((sum, [, weight]) => sum + weight, 0);
  let roll = random.int(0, total - 1);
  for (const [kind, weight] of CASE_WEIGHTS) {
    if (roll < weight) return kind;
    roll -= weight;
  }
  return 'exact';
}
