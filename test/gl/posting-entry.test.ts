import { describe, expect, it } from 'vitest';
import { RemitError } from '../../src/core/errors.js';
import { awaitingReview, buildPostingEntry, checkPostingDate } from '../../src/gl/posting-entry.js';
import { netMinor } from '../../src/gl/posting.js';
import { context, p1, p1InReview, p1Late, p3 } from './formats/ledger.js';

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

  it('does not post a payment with a line still awaiting review as unapplied cash: it refuses, naming the line', () => {
    expect(awaitingReview(p1InReview())).toEqual([{ lineNo: 5, reference: 'PO 7781' }]);
    expect(awaitingReview(p1())).toEqual([]);
    expect(() => buildPostingEntry(p1InReview(), context())).toThrow(/ACH0001 \(AMZ\) has 1 line\(s\) awaiting review \(line 5\)/);
    expect(buildPostingEntry(p1(), context()).lines.find((l) => l.memo === 'unapplied cash: line 5 "PO 7781"')).toMatchObject({ role: 'unapplied', creditMinor: 2500, customer: { id: 'C0001' } });
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
    expect(() => buildPostingEntry(broken, context())).toThrow(/RM101 does not balance: debits 1,600.00, credits 1,599.99/);
  });
});
