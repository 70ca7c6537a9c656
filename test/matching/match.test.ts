import { describe, expect, it } from 'vitest';
import { matchPayer } from '../../src/matching/match.js';
import type { InvoiceCandidate, LineDecision, LineToMatch } from '../../src/matching/types.js';

const settings = { autoApplyConfidence: 0.95, invoicePrefixes: ['INV', 'INVOICE', 'IN', 'NO'] };
let nextId = 1;

function line(reference: string, paidMinor: number, extra: Partial<LineToMatch> = {}): LineToMatch {
  const id = nextId++;
  return { id, lineNo: id, paymentRef: 'P1', reference, referenceKind: 'invoice', currency: 'USD', discountMinor: 0, paidMinor, adjustments: [], ...extra };
}

function invoice(id: number, number: string, remainingMinor: number, extra: Partial<InvoiceCandidate> = {}): InvoiceCandidate {
  return { id, number, currency: 'USD', originalMinor: remainingMinor, remainingMinor, open: true, ...extra };
}

function only(decisions: LineDecision[]): LineDecision {
  expect(decisions).toHaveLength(1);
  return decisions[0]!;
}

describe('matchPayer', () => {
  it('applies an exact reference in full', () => {
    const d = only(matchPayer([line('INV-1001', 50000)], [invoice(1, 'INV-1001', 50000), invoice(2, 'INV-1002', 50000)], settings));
    expect(d).toMatchObject({ kind: 'apply', invoiceId: 1, cashMinor: 50000, method: 'exact-reference', confidence: 1, status: 'applied' });
    if (d.kind === 'apply') expect(d.explanation).toMatch(/INV-1001.*closes it/);
  });

  it.each(['inv-1001', '1001', '0001001', '#1001', 'INV 1001'])('finds %j by the normalised reference', (written) => {
    const d = only(matchPayer([line(written, 50000)], [invoice(1, 'INV-1001', 50000)], settings));
    expect(d).toMatchObject({ kind: 'apply', invoiceId: 1, method: 'normalised-reference', status: 'applied' });
  });

  it('finds an invoice by its PO, from the PO column or the reference', () => {
    const invoices = [invoice(1, 'INV-1001', 50000, { po: '4500072715' }), invoice(2, 'INV-1002', 7000, { po: 'KW4KLV97' })];
    const byColumn = line('', 50000, { po: '4500072715', referenceKind: 'po' });
    const byReference = line('KW4KLV97', 7000);
    const [a, b] = matchPayer([byColumn, byReference], invoices, settings);
    expect(a).toMatchObject({ kind: 'apply', invoiceId: 1, method: 'po-number' });
    expect(b).toMatchObject({ kind: 'apply', invoiceId: 2, method: 'po-number' });
  });

  it('closes an invoice with a discount taken', () => {
    const d = only(matchPayer([line('INV-1001', 98000, { discountMinor: 2000 })], [invoice(1, 'INV-1001', 100000)], settings));
    expect(d).toMatchObject({ kind: 'apply', cashMinor: 98000, discountMinor: 2000, deductionMinor: 0, unappliedMinor: 0 });
    if (d.kind === 'apply') expect(d.explanation).toMatch(/discount 20.00 taken; closes it/);
  });

  it('closes a short-paid invoice with a deduction carrying its reason', () => {
    const short = line('INV-1001', 90000, { adjustments: [{ amountMinor: 10000, reasonRaw: 'SH', reasonCode: 'shortage' }] });
    const d = only(matchPayer([short], [invoice(1, 'INV-1001', 100000)], settings));
    expect(d).toMatchObject({ kind: 'apply', cashMinor: 90000, deductionMinor: 10000, deductions: [{ amountMinor: 10000, reasonCode: 'shortage', reasonRaw: 'SH' }] });
  });

  it('leaves a partly paid invoice open for the rest', () => {
    const d = only(matchPayer([line('INV-1001', 30000)], [invoice(1, 'INV-1001', 100000)], settings));
    expect(d).toMatchObject({ kind: 'apply', cashMinor: 30000, unappliedMinor: 0 });
    if (d.kind === 'apply') expect(d.explanation).toMatch(/partial: 700.00 stays open/);
  });

  it('applies only what is open and leaves an overpayment as unapplied cash', () => {
    const d = only(matchPayer([line('INV-1001', 105000)], [invoice(1, 'INV-1001', 100000)], settings));
    expect(d).toMatchObject({ kind: 'apply', cashMinor: 100000, unappliedMinor: 5000 });
  });

  it('records a payer deduction line with no invoice as a deduction', () => {
    const chargeback = line('392135139PCR', -50988, { referenceKind: 'other', adjustments: [{ amountMinor: 50988, reasonRaw: 'Price Claim', reasonCode: 'pricing' }] });
    const d = only(matchPayer([chargeback], [invoice(1, 'INV-1001', 100000)], settings));
    expect(d).toMatchObject({ kind: 'deduction', deductions: [{ amountMinor: 50988, reasonCode: 'pricing' }] });
  });

  it('never moves a line that names a closed invoice onto another invoice', () => {
    const invoices = [invoice(1, 'INV-1001', 0, { open: false, po: 'PO77' }), invoice(2, 'INV-1002', 100000, { po: 'PO77' })];
    const d = only(matchPayer([line('INV-1001', 100000, { po: 'PO77' })], invoices, settings));
    expect(d).toMatchObject({ kind: 'unapplied', unappliedMinor: 100000 });
    if (d.kind === 'unapplied') expect(d.explanation).toMatch(/INV-1001 is not open/);
  });

  it('leaves an unknown reference unapplied', () => {
    const d = only(matchPayer([line('INV-098275', 1875125)], [invoice(1, 'INV-1001', 100000)], settings));
    expect(d).toMatchObject({ kind: 'unapplied', unappliedMinor: 1875125 });
  });

  it('trap: two open invoices fit the normalised reference -> review, nothing applied', () => {
    const invoices = [invoice(1, 'INV-01001', 100000), invoice(2, 'INV-1001', 100000)];
    const d = only(matchPayer([line('1001', 100000)], invoices, settings));
    expect(d).toMatchObject({ kind: 'review', candidateIds: [1, 2] });
  });

  it('trap: a PO shared by two open invoices -> review, even when one amount fits', () => {
    const invoices = [invoice(1, 'INV-1001', 100000, { po: '4500000001' }), invoice(2, 'INV-1002', 20000, { po: '4500000001' })];
    const d = only(matchPayer([line('', 100000, { po: '4500000001', referenceKind: 'po' })], invoices, settings));
    expect(d.kind).toBe('review');
  });

  it('trap: an invoice in another currency is not applied', () => {
    const d = only(matchPayer([line('INV-1001', 100000)], [invoice(1, 'INV-1001', 100000, { currency: 'CAD' })], settings));
    expect(d.kind).toBe('review');
  });

  it('a stronger pass takes the invoice first; a weaker line naming it then finds it closed', () => {
    const weak = line('1001', 100000); // normalised
    const strong = line('INV-1001', 100000); // exact, later in the file
    const [w, s] = matchPayer([weak, strong], [invoice(1, 'INV-1001', 100000)], settings);
    expect(s).toMatchObject({ kind: 'apply', method: 'exact-reference' });
    expect(w).toMatchObject({ kind: 'unapplied' });
  });

  it('proposes rather than applies below the configured confidence', () => {
    const d = only(matchPayer([line('KW4KLV97', 7000)], [invoice(2, 'INV-1002', 7000, { po: 'KW4KLV97' })], { ...settings, autoApplyConfidence: 0.99 }));
    expect(d).toMatchObject({ kind: 'apply', status: 'proposed', method: 'po-number' });
  });

  it('is pure: the invoices passed in are not changed', () => {
    const invoices = [invoice(1, 'INV-1001', 100000)];
    matchPayer([line('INV-1001', 100000)], invoices, settings);
    expect(invoices[0]!.remainingMinor).toBe(100000);
  });
});
