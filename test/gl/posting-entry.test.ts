import { describe, expect, it } from 'vitest';
import { RemitError } from '../../src/core/errors.js';
import { awaitingReview, buildPostingEntry, checkPostingDate } from '../../src/gl/posting-entry.js';
import { netMinor } from '../../src/gl/posting.js';
import type { PostableReconciliation } from '../../src/domain/bank.js';
import { buildReconciliationEntry } from '../../src/gl/reconciliation-entry.js';
import { context, p1, p1InReview, p1Late, p3, postingAccounts } from './formats/ledger.js';

describe('posting entries', () => {
  it('posts a payment on the posting date, balanced, with the customer on every AR and unapplied line', () => {
    const entry = buildPostingEntry(p1(), context());
    expect(entry).toMatchObject({ documentNo: 'RM101', kind: 'payment', postingDate: '2026-10-05', paymentDate: '2026-09-16', company: 'ACME', cashMinor: 150000 });
    expect(netMinor(entry.lines)).toBe(0);
    for (const line of entry.lines.filter((l) => l.role === 'receivable' || l.role === 'unapplied')) expect(line.customer).toEqual({ payer: 'AMZ', id: 'C0001', name: 'Amazon.com Services LLC' });
    expect(entry.lines.map((l) => l.lineNo)).toEqual(entry.lines.map((_, k) => k + 1));
    expect(entry.lines.find((l) => l.role === 'deduction:shortage')).toMatchObject({ invoice: 'INV-101241', debitMinor: 5000, account: '1291' });
    expect(entry.lines.find((l) => l.role === 'deduction:pricing')).toMatchObject({ invoice: null, debitMinor: 3000, memo: 'deduction pricing kept from payment ACH0001 (line 3)' });
    expect(entry.lines.find((l) => l.role === 'discount')).toMatchObject({ invoice: 'INV-101240', debitMinor: 2000, memo: 'discount taken on INV-101240' });
  });

  it('does not post a line still awaiting review as unapplied cash: its cash stays in clearing until it is decided, then is posted', () => {
    expect(awaitingReview(p1InReview())).toEqual([{ lineNo: 5, reference: 'PO 7781', heldMinor: 2500 }]);
    expect(awaitingReview(p1())).toEqual([]);
    const entry = buildPostingEntry(p1InReview(), context());
    expect(netMinor(entry.lines)).toBe(0);
    expect(entry.cashMinor).toBe(150000 - 2500);
    expect(entry.lines.find((l) => l.role === 'clearing')).toMatchObject({ debitMinor: 147500, memo: 'cash received: ACH0001 from AMZ, less 25.00 held for review' });
    expect(entry.lines.some((l) => l.memo.includes('PO 7781'))).toBe(false);
    expect(buildPostingEntry(p1(), context()).lines.find((l) => l.memo === 'unapplied cash: line 5 "PO 7781"')).toMatchObject({ role: 'unapplied', creditMinor: 2500, customer: { id: 'C0001' } });
    // Decided after the export (kept as unapplied cash): the held cash is posted on the posting date, with its customer.
    const released = buildPostingEntry({ ...p1(), late: true, applications: [], deductions: [], lines: [], released: [{ lineNo: 5, reference: 'PO 7781', heldMinor: 2500 }] }, context({ postingDate: '2026-10-06' }));
    expect(released).toMatchObject({ documentNo: 'RM101-L5', kind: 'late', postingDate: '2026-10-06' });
    expect(released.lines.map((l) => [l.role, l.debitMinor, l.creditMinor, l.customer?.id ?? null, l.memo])).toEqual([
      ['clearing', 2500, 0, null, 'cash of line 5 "PO 7781" held for review at export, now decided'],
      ['unapplied', 0, 2500, 'C0001', 'moved to unapplied cash'],
    ]);
  });

  it('dates a late entry on the posting date and says what happened, not the original memo', () => {
    const entry = buildPostingEntry(p1Late(), context({ postingDate: '2026-11-02', closedThrough: '2026-10-31' }));
    expect(entry).toMatchObject({ documentNo: 'RM101-A901', kind: 'late', postingDate: '2026-11-02', cashMinor: 0 });
    expect(entry.lines.every((l) => l.role !== 'clearing')).toBe(true);
    const memos = entry.lines.map((l) => l.memo);
    expect(memos).toContain('reverses application 812: INV-101240');
    expect(memos).toContain('reverses the discount of application 812 on INV-101240');
    expect(memos).toContain('settles INV-101300 from unapplied cash (application 902)');
    expect(memos).toContain('moved to unapplied cash');
    expect(memos.some((m) => /line 1 settles|applied later/.test(m))).toBe(false);
    const unapplied = entry.lines.filter((l) => l.role === 'unapplied');
    expect(unapplied).toHaveLength(1);
    expect(unapplied[0]).toMatchObject({ creditMinor: 98000 - 7500, customer: { id: 'C0001' } });
    expect(netMinor(entry.lines)).toBe(0);
  });

  it('gives the same document numbers every time it is built from the same ids', () => {
    const again = [buildPostingEntry(p1(), context()), buildPostingEntry(p1Late(), context()), buildPostingEntry(p3(), context({ postingDate: '2027-01-04' }))];
    expect(again.map((e) => e.documentNo)).toEqual(['RM101', 'RM101-A901', 'RM103']);
    expect(buildPostingEntry(p1(), context({ documentPrefix: 'AC-' })).documentNo).toBe('AC-101');
  });

  it('refuses a posting date on or before closed_through, saying what to set', () => {
    expect(() => buildPostingEntry(p1(), context({ postingDate: '2026-09-30' }))).toThrow(RemitError);
    try {
      checkPostingDate('2026-09-15', '2026-09-30');
    } catch (err) {
      expect((err as RemitError).code).toBe('closed-period');
      expect((err as RemitError).message).toBe('posting date 2026-09-15 falls in a closed period (gl.closed_through: 2026-09-30); nothing was written');
      expect((err as RemitError).hint).toMatch(/--posting-date 2026-10-01 or later/);
    }
    expect(() => checkPostingDate('2026-02-30')).toThrow(/not a YYYY-MM-DD date/);
    expect(() => checkPostingDate('2026-10-01', '2026-09-30')).not.toThrow();
  });

  it('uses the payer code as the ERP customer id when remit.yaml maps none, with no name', () => {
    const entry = buildPostingEntry(p3(), context({ customers: {} }));
    expect(entry.customer).toEqual({ payer: 'AMZ', id: 'AMZ', name: null });
  });

  it('refuses to build an entry that does not balance', () => {
    const broken = p1();
    broken.applications[0]!.cashMinor -= 1;
    expect(() => buildPostingEntry(broken, context())).toThrow(/ACH0001 \(AMZ\) does not balance \(entry RM101\): debits 1,600.00, credits 1,599.99/);
  });
});

describe('reconciliation entries', () => {
  const rec = (accountId: string): PostableReconciliation => ({
    entryId: 7, reconciliationId: 3, company: 'ACME', accountId, currency: 'USD', bankRef: 'FW7', entryDate: '2026-10-01', amountMinor: 9850,
    status: 'reconciled', method: 'reference-wire-fee', payer: 'AMZ', invoiceNumber: null, feeMinor: 150,
    remittances: [{ remittanceId: 101, payer: 'AMZ', paymentRef: 'ACH0001', amountMinor: 10000 }],
  });

  it('posts to the bank account of the statement’s account, else gl.bank, and names the key when neither is set', () => {
    const accounts = { ...postingAccounts, bank: '1010', bankFee: '6810', bankAccounts: { '555': '1011' } };
    const entry = buildReconciliationEntry(rec('555'), context({ accounts }));
    expect(entry.lines.map((l) => [l.account, l.debitMinor, l.creditMinor])).toEqual([['1011', 9850, 0], ['6810', 150, 0], ['1090', 0, 10000]]);
    expect(entry.lines.every((l) => l.memo.includes('FW7'))).toBe(true);
    expect(entry.lines[2]!.memo).toContain('ACH0001');
    expect(buildReconciliationEntry(rec('999'), context({ accounts })).lines[0]!.account).toBe('1010');
    expect(() => buildReconciliationEntry(rec('999'), context())).toThrow(/account 999 has no GL account/);
    expect(() => buildReconciliationEntry(rec('999'), context({ postingDate: '2026-09-15', accounts }))).toThrow(/closed period/);
  });
});
