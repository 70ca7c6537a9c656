import { describe, expect, it } from 'vitest';
import { buildJournal, UnbalancedJournalError } from '../../src/gl/journal.js';
import { writeGenericCsv } from '../../src/gl/generic-writer.js';
import type { PostableRemittance } from '../../src/gl/types.js';

const accounts = {
  bankClearing: '1090',
  accountsReceivable: '1200',
  discountsAllowed: '4910',
  unappliedCash: '2410',
  writeOff: '6990',
  deductions: { default: '1290', shortage: '1291', pricing: '1293' },
};

function payment(): PostableRemittance {
  // Invoice A 1,000.00 paid 980.00 with 20.00 discount; invoice B 500.00 short-paid 450.00 (50.00 shortage);
  // a 30.00 pricing chargeback; 75.00 on an invoice that is not open.
  return {
    id: 1, payer: 'AMZ', paymentRef: 'P1', paymentDate: '2026-10-01', currency: 'USD',
    totalMinor: 98000 + 45000 - 3000 + 7500,
    lines: [
      { lineNo: 1, reference: 'A', paidMinor: 98000, unappliedMinor: 0, status: 'applied' },
      { lineNo: 2, reference: 'B', paidMinor: 45000, unappliedMinor: 0, status: 'applied' },
      { lineNo: 3, reference: 'CB1', paidMinor: -3000, unappliedMinor: 0, status: 'deduction' },
      { lineNo: 4, reference: 'OLD', paidMinor: 7500, unappliedMinor: 7500, status: 'unapplied' },
    ],
    applications: [
      { id: 1, lineNo: 1, invoiceNumber: 'A', cashMinor: 98000, discountMinor: 2000, deductionMinor: 0, writeOffMinor: 0 },
      { id: 2, lineNo: 2, invoiceNumber: 'B', cashMinor: 45000, discountMinor: 0, deductionMinor: 5000, writeOffMinor: 0 },
    ],
    deductions: [
      { id: 1, lineNo: 2, invoiceNumber: 'B', amountMinor: 5000, reasonCode: 'shortage' },
      { id: 2, lineNo: 3, invoiceNumber: null, amountMinor: 3000, reasonCode: 'pricing' },
    ],
  };
}

describe('buildJournal', () => {
  it('posts cash, AR, discounts, deductions by reason and unapplied cash, balanced to the cent', () => {
    const lines = buildJournal([payment()], accounts);
    const byAccount = (account: string) => lines.filter((l) => l.account === account).reduce((s, l) => s + l.debitMinor - l.creditMinor, 0);
    expect(byAccount('1090')).toBe(147500);
    expect(byAccount('1200')).toBe(-(100000 + 50000));
    expect(byAccount('4910')).toBe(2000);
    expect(byAccount('1291')).toBe(5000);
    expect(byAccount('1293')).toBe(3000);
    expect(byAccount('2410')).toBe(-7500);
    const debit = lines.reduce((s, l) => s + l.debitMinor, 0);
    const credit = lines.reduce((s, l) => s + l.creditMinor, 0);
    expect(debit).toBe(credit);
    expect(lines.every((l) => l.debitMinor >= 0 && l.creditMinor >= 0 && Number.isInteger(l.debitMinor))).toBe(true);
    expect(lines.map((l) => l.lineNo)).toEqual(lines.map((_, i) => i + 1));
  });

  it('posts a small difference written off, and keeps the entry balanced', () => {
    const p = payment();
    // Invoice A was 1,000.03: the payer paid 980.00 with a 20.00 discount; 0.03 is written off.
    p.applications[0]!.writeOffMinor = 3;
    const lines = buildJournal([p], accounts);
    expect(lines.find((l) => l.account === '6990')).toMatchObject({ debitMinor: 3, creditMinor: 0 });
    expect(lines.filter((l) => l.account === '1200').reduce((s, l) => s + l.creditMinor, 0)).toBe(100003 + 50000);
    expect(lines.reduce((s, l) => s + l.debitMinor, 0)).toBe(lines.reduce((s, l) => s + l.creditMinor, 0));
  });

  it('refuses to build anything when an entry does not balance', () => {
    const broken = payment();
    broken.applications[0]!.cashMinor -= 1; // one cent lost
    expect(() => buildJournal([payment(), broken], accounts)).toThrow(UnbalancedJournalError);
    expect(() => buildJournal([broken], accounts)).toThrow(/does not balance: debits 1,575.00, credits 1,574.99/);
  });

  it('falls back to the default deduction account for an unmapped reason', () => {
    const p = payment();
    p.deductions[1]!.reasonCode = 'freight';
    expect(buildJournal([p], accounts).some((l) => l.account === '1290' && l.debitMinor === 3000)).toBe(true);
  });

  it('writes amounts as decimals and neutralises text from outside', () => {
    const p = payment();
    p.paymentRef = '=1+1';
    const csv = writeGenericCsv('J1', buildJournal([p], accounts));
    expect(csv.split('\r\n')[0]).toBe('journal_id,line_no,entry_date,account,debit,credit,currency,payer,payment_ref,invoice,memo,company,document_no,customer');
    expect(csv).toContain(",'=1+1,");
    expect(csv).toContain(',1475.00,');
    expect(csv).not.toMatch(/,=1\+1,/);
  });
});
