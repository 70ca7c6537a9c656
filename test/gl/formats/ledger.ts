/**
 * A ledger-like input for the format tests: what the ledger hands export-gl after a month
 * of cash application (discounts, short pays with reason codes, an overpayment taken in, a
 * short payment written off, a chargeback with no invoice, unapplied cash, a line awaiting
 * review, and a reversal plus a later application after the first export).
 */
import type { PostingAccounts, PostingContext } from '../../../src/gl/posting.js';
import type { GlSettings } from '../../../src/gl/settings.js';
import type { PostableRemittance } from '../../../src/gl/types.js';

export const baseAccounts = {
  bankClearing: '1090', accountsReceivable: '1200', discountsAllowed: '4910', unappliedCash: '2410', writeOff: '6990',
  deductions: { default: '1290', shortage: '1291', pricing: '1293' },
};

export const postingAccounts: PostingAccounts = {
  clearing: '1090', receivable: '1200', unapplied: '2410', discount: '4910', writeOff: '6990', deductions: { default: '1290', shortage: '1291', pricing: '1293' },
};

export const customers = { AMZ: { id: 'C0001', name: 'Amazon.com Services LLC' }, WMT: { id: 'C0002', name: 'Walmart Inc.' } };

export function context(over: Partial<PostingContext> = {}): PostingContext {
  return { company: 'ACME', postingDate: '2026-10-05', closedThrough: '2026-09-30', customers, accounts: postingAccounts, ...over };
}

export const glSettings: GlSettings = {
  closedThrough: '2026-09-30', documentPrefix: 'RM', customers,
  formats: {
    'netsuite-journal': { accounts: {}, dateFormat: 'MM/DD/YYYY', maxLinesPerEntry: 5000, subsidiary: 'ACME Corp' },
    'netsuite-payment': { accounts: {}, dateFormat: 'MM/DD/YYYY', maxLinesPerEntry: 5000, paymentMethod: 'ACH' },
    'qbo-journal': { accounts: {}, dateFormat: 'DD/MM/YYYY' },
    'xero-journal': { accounts: {}, taxRate: 'Tax Exempt', maxLinesPerFile: 300 },
    'bc-cash-receipt': { accounts: {}, journalTemplate: 'CASHRCPT', journalBatch: 'REMIT', balAccountType: 'Bank Account', balAccountNo: 'CHECKING', localCurrency: 'USD' },
    'intacct-journal': { accounts: {}, journal: 'CRJ', dateFormat: 'MM/DD/YYYY', locationId: 'US' },
    'sap-lockbox': {
      accounts: {}, destination: 'ACMEAR', origin: '021000021', lockboxNumber: '1234567',
      reasonCodes: { discount: 'DIS', 'write-off': 'WO', shortage: 'S01', pricing: 'P01', default: 'D99' }, payers: { AMZ: { routing: '121000248', account: '4001234567' } },
    },
  },
};

/** P1: discount, a shortage on B, a pricing chargeback with no invoice, and unapplied cash on two lines (a line awaiting review is not posted: see p1InReview). */
export function p1(): PostableRemittance {
  return {
    id: 101, payer: 'AMZ', paymentRef: 'ACH0001', paymentDate: '2026-09-16', currency: 'USD', totalMinor: 98000 + 45000 - 3000 + 7500 + 2500,
    lines: [
      { lineNo: 4, reference: 'INV-999', paidMinor: 7500, unappliedMinor: 7500, status: 'unapplied' },
      { lineNo: 5, reference: 'PO 7781', paidMinor: 2500, unappliedMinor: 2500, status: 'unapplied' },
    ],
    applications: [
      { id: 812, lineNo: 1, invoiceNumber: 'INV-101240', cashMinor: 98000, discountMinor: 2000, deductionMinor: 0, writeOffMinor: 0 },
      { id: 813, lineNo: 2, invoiceNumber: 'INV-101241', cashMinor: 45000, discountMinor: 0, deductionMinor: 5000, writeOffMinor: 0 },
    ],
    deductions: [
      { id: 41, lineNo: 2, invoiceNumber: 'INV-101241', amountMinor: 5000, reasonCode: 'shortage' },
      { id: 42, lineNo: 3, invoiceNumber: null, amountMinor: 3000, reasonCode: 'pricing' },
    ],
  };
}

/** P1 while its line 5 still waits for a person: not postable. */
export function p1InReview(): PostableRemittance {
  const r = p1();
  r.lines[1]!.status = 'review';
  return r;
}

/** P2: an overpayment of 0.05 taken in on C, a short payment of 0.03 written off on D. */
export function p2(): PostableRemittance {
  return {
    id: 102, payer: 'WMT', paymentRef: 'CHK 55012', paymentDate: '2026-09-20', currency: 'USD', totalMinor: 100005 + 19997,
    lines: [],
    applications: [
      { id: 820, lineNo: 1, invoiceNumber: 'INV-2001', cashMinor: 100005, discountMinor: 0, deductionMinor: 0, writeOffMinor: -5 },
      { id: 821, lineNo: 2, invoiceNumber: 'INV-2002', cashMinor: 19997, discountMinor: 0, deductionMinor: 0, writeOffMinor: 3 },
    ],
    deductions: [],
  };
}

/** P1 again after its export: application 812 undone, then 75.00 of unapplied cash applied to INV-101300. */
export function p1Late(): PostableRemittance {
  return {
    id: 101, late: true, payer: 'AMZ', paymentRef: 'ACH0001', paymentDate: '2026-09-16', currency: 'USD', totalMinor: p1().totalMinor,
    lines: [],
    applications: [
      { id: 901, lineNo: 1, invoiceNumber: 'INV-101240', cashMinor: -98000, discountMinor: -2000, deductionMinor: 0, writeOffMinor: 0, reversesId: 812 },
      { id: 902, lineNo: 4, invoiceNumber: 'INV-101300', cashMinor: 7500, discountMinor: 0, deductionMinor: 0, writeOffMinor: 0 },
    ],
    deductions: [],
  };
}

/** P3: a payment with nothing to apply: all unapplied cash of its customer. */
export function p3(): PostableRemittance {
  return {
    id: 103, payer: 'AMZ', paymentRef: 'WIRE-88', paymentDate: '2026-10-01', currency: 'USD', totalMinor: 30000,
    lines: [{ lineNo: 1, reference: 'ADVANCE', paidMinor: 30000, unappliedMinor: 30000, status: 'unapplied' }],
    applications: [], deductions: [],
  };
}

/** P4: a chargeback line of -80.00 with no invoice, so the invoice settles more than the cash (420.00 brings 500.00 to INV-3001). */
export function p4(): PostableRemittance {
  return {
    id: 104, payer: 'WMT', paymentRef: 'CHK 7001', paymentDate: '2026-10-02', currency: 'USD', totalMinor: 42000,
    lines: [],
    applications: [{ id: 830, lineNo: 1, invoiceNumber: 'INV-3001', cashMinor: 50000, discountMinor: 0, deductionMinor: 0, writeOffMinor: 0 }],
    deductions: [{ id: 43, lineNo: 2, invoiceNumber: null, amountMinor: 8000, reasonCode: 'default' }],
  };
}

export function ledger(): PostableRemittance[] {
  return [p1(), p2(), p1Late(), p3()];
}

/** A minimal RFC 4180 reader for checking what the writers produce. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; i += 1; } else if (c === '"') quoted = false; else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(cell); cell = ''; } else if (c === '\r' && text[i + 1] === '\n') { row.push(cell); rows.push(row); row = []; cell = ''; i += 1; } else cell += c;
  }
  if (cell !== '' || row.length > 0) { row.push(cell); rows.push(row); }
  return rows;
}

/** Rows as records keyed by the header row. */
export function records(text: string): Array<Record<string, string>> {
  const [header = [], ...rows] = parseCsv(text);
  return rows.map((r) => Object.fromEntries(header.map((h, k) => [h, r[k] ?? ''])));
}
