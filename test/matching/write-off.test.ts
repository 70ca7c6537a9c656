import { describe, expect, it } from 'vitest';
import { UNEARNED_DISCOUNT } from '../../src/matching/settle.js';
import { decide, invoice, line } from './build.js';

const tolerance = { writeOffToleranceMinor: 500 };

describe('write-off within tolerance', () => {
  it('writes off a short payment within the tolerance and closes the invoice', () => {
    const d = decide(line('INV-1001', 99_997), [invoice(1, 'INV-1001', 100_000)], tolerance);
    expect(d).toMatchObject({ kind: 'apply', cashMinor: 99_997, writeOffMinor: 3, unappliedMinor: 0, status: 'applied' });
    expect(d.explanation).toMatch(/short by 0.03, within the 5.00 tolerance: written off; closes it/);
  });

  it('writes off a small overpayment as a negative write-off', () => {
    const d = decide(line('INV-1001', 100_200), [invoice(1, 'INV-1001', 100_000)], tolerance);
    expect(d).toMatchObject({ kind: 'apply', cashMinor: 100_200, writeOffMinor: -200, unappliedMinor: 0 });
  });

  it('leaves a difference beyond the tolerance as a partial payment', () => {
    const d = decide(line('INV-1001', 99_000), [invoice(1, 'INV-1001', 100_000)], tolerance);
    expect(d).toMatchObject({ kind: 'apply', cashMinor: 99_000, writeOffMinor: 0 });
    expect(d.explanation).toMatch(/partial: 10.00 stays open/);
  });

  it('writes nothing off without a tolerance', () => {
    expect(decide(line('INV-1001', 99_997), [invoice(1, 'INV-1001', 100_000)])).toMatchObject({ writeOffMinor: 0, cashMinor: 99_997 });
  });

  it('does not let the tolerance make a near reference fit', () => {
    const d = decide(line('INV-1O01', 99_997), [invoice(1, 'INV-1001', 100_000)], tolerance);
    expect(d).toMatchObject({ kind: 'apply', method: 'reference-slip', status: 'proposed' });
  });
});

describe('unearned discount', () => {
  const terms = { discountPercent: 2, discountDays: 10, invoiceDate: '2026-04-01' };

  it('accepts a discount taken by the discount date', () => {
    const d = decide(line('INV-1001', 98_000, { discountMinor: 2_000, paymentDate: '2026-04-11' }), [invoice(1, 'INV-1001', 100_000, terms)]);
    expect(d).toMatchObject({ kind: 'apply', discountMinor: 2_000, deductionMinor: 0 });
  });

  it(`records a discount taken after the discount date as an ${UNEARNED_DISCOUNT} deduction`, () => {
    const d = decide(line('INV-1001', 98_000, { discountMinor: 2_000, paymentDate: '2026-04-20' }), [invoice(1, 'INV-1001', 100_000, terms)]);
    expect(d).toMatchObject({
      kind: 'apply', status: 'applied', cashMinor: 98_000, discountMinor: 0, deductionMinor: 2_000, unappliedMinor: 0,
      deductions: [{ amountMinor: 2_000, reasonCode: 'unearned-discount', reasonRaw: 'discount after 2026-04-11' }],
    });
    expect(d.explanation).toMatch(/after the discount date 2026-04-11: recorded as an unearned-discount deduction; closes it/);
  });

  it('allows the configured grace days', () => {
    const d = decide(line('INV-1001', 98_000, { discountMinor: 2_000, paymentDate: '2026-04-13' }), [invoice(1, 'INV-1001', 100_000, terms)], { discountGraceDays: 2 });
    expect(d).toMatchObject({ discountMinor: 2_000, deductionMinor: 0 });
  });

  it('records a discount above the terms as unearned for the excess', () => {
    const d = decide(line('INV-1001', 97_000, { discountMinor: 3_000, paymentDate: '2026-04-05' }), [invoice(1, 'INV-1001', 100_000, terms)]);
    expect(d).toMatchObject({ discountMinor: 2_000, deductionMinor: 1_000, deductions: [{ amountMinor: 1_000, reasonCode: UNEARNED_DISCOUNT }] });
  });

  it('takes the discount as written when the terms or dates are unknown', () => {
    expect(decide(line('INV-1001', 98_000, { discountMinor: 2_000, paymentDate: undefined }), [invoice(1, 'INV-1001', 100_000, terms)])).toMatchObject({ discountMinor: 2_000 });
    expect(decide(line('INV-1001', 98_000, { discountMinor: 2_000 }), [invoice(1, 'INV-1001', 100_000)])).toMatchObject({ discountMinor: 2_000 });
  });

  it('checks each invoice of a split on its own terms', () => {
    const d = decide(line('INV-1001/1002', 147_000, { discountMinor: 3_000, paymentDate: '2026-04-20' }), [
      invoice(1, 'INV-1001', 100_000, terms),
      invoice(2, 'INV-1002', 50_000, { ...terms, invoiceDate: '2026-04-15' }),
    ]);
    expect(d).toMatchObject({ kind: 'split', status: 'applied' });
    if (d.kind !== 'split') return;
    expect(d.parts.map((p) => [p.discountMinor, p.deductionMinor])).toEqual([[0, 2_000], [1_000, 0]]);
  });
});
