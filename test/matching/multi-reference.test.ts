import { describe, expect, it } from 'vitest';
import { severalReferences } from '../../src/matching/several.js';
import { decide, expectManual, invoice, line } from './build.js';

const invoices = () => [invoice(1, 'INV-104233', 100000), invoice(2, 'INV-104234', 50000), invoice(3, 'INV-104235', 25000)];

describe('severalReferences', () => {
  it.each([
    ['104233/104234', [['104233', '104234']]],
    ['104233, 104234', [['104233', '104234']]],
    ['104233-34', [['104233', '104234']]],
    ['104233/34', [['104233', '104234']]],
    ['INV-104233 & 104234', [['INV-104233', 'INV-104234']]],
    ['INV 104233 AND INV 104234', [['INV 104233', 'INV 104234']]],
    ['SO-20011/20012', [['SO-20011', 'SO-20012']]],
    ['104233-104235', [['104233', '104235'], ['104233', '104234', '104235']]],
  ])('%j names %j', (written, readings) => {
    expect(severalReferences(written)).toEqual(readings);
  });

  it.each(['INV-104233', 'INV 104233', '104233', 'PAYMENT', ''])('%j names one invoice or none', (written) => {
    expect(severalReferences(written)).toEqual([]);
  });
});

describe('multi-reference pass', () => {
  it.each(['104233/104234', '104233, 104234', '104233-34', 'INV-104233 & 104234'])('splits %j across both invoices when the amounts add up', (written) => {
    const d = decide(line(written, 150000), invoices());
    expect(d).toMatchObject({ kind: 'split', method: 'multi-reference', confidence: 0.96, status: 'applied', unappliedMinor: 0 });
    if (d.kind !== 'split') return;
    expect(d.parts.map((p) => [p.invoiceNumber, p.cashMinor])).toEqual([['INV-104233', 100000], ['INV-104234', 50000]]);
    expect(d.explanation).toMatch(/names 2 invoices .* add up to the line's 1,500.00/);
  });

  it('takes the reading of a range that fits the amount', () => {
    const d = decide(line('104233-104235', 175000), invoices());
    expect(d).toMatchObject({ kind: 'split', status: 'applied' });
    if (d.kind === 'split') expect(d.parts).toHaveLength(3);
  });

  it('shares a discount in proportion and places deductions so every invoice closes', () => {
    const d = decide(line('104233/104234', 140000, { discountMinor: 3000, adjustments: [{ amountMinor: 7000, reasonCode: 'shortage', reasonRaw: 'SH' }] }), invoices());
    expect(d).toMatchObject({ kind: 'split', status: 'applied' });
    if (d.kind !== 'split') return;
    expect(d.parts.map((p) => [p.cashMinor, p.discountMinor, p.deductionMinor])).toEqual([[91000, 2000, 7000], [49000, 1000, 0]]);
    expect(d.parts.reduce((sum, p) => sum + p.cashMinor, 0)).toBe(140000);
  });

  it('leaves it for review when the amounts do not add up', () => {
    const d = decide(line('104233/104234', 120000), invoices());
    expect(d.kind).toBe('review');
    expect(d.explanation).toMatch(/add up to 1,500.00, not the line's 1,200.00/);
    expectManual(d);
  });

  it('leaves it for review when one of the invoices is not open', () => {
    const d = decide(line('104233/104234', 150000), [invoice(1, 'INV-104233', 100000), invoice(2, 'INV-104234', 0, { open: false })]);
    expect(d.kind).toBe('review');
    expectManual(d);
  });

  it('uses a learned prefix habit for the numbers', () => {
    const d = decide(line('20011, 20012', 3000), [invoice(1, 'SO-20011', 1000), invoice(2, 'SO-20012', 2000)], {
      learnedRules: [{ payer: 'ACME', kind: 'prefix-dropped', value: 'SO' }],
    });
    expect(d).toMatchObject({ kind: 'split', status: 'applied' });
  });
});
