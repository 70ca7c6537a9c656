import { describe, expect, it } from 'vitest';
import { applicationsOf, isAutomatic } from '../../src/matching/decisions.js';
import { decide, expectManual, invoice, line } from './build.js';

describe('auto versus proposed', () => {
  it('applies at or above the configured confidence and proposes below it', () => {
    const invoices = [invoice(1, 'INV-104233', 125000)];
    expect(decide(line('10423', 125000), invoices)).toMatchObject({ method: 'reference-slip', confidence: 0.95, status: 'applied' });
    expect(decide(line('10423', 125000), invoices, { autoApplyConfidence: 0.96 })).toMatchObject({ method: 'reference-slip', status: 'proposed' });
  });

  it('puts what it proposes first among the ranked candidates', () => {
    const d = decide(line('10423', 100000), [invoice(1, 'INV-104233', 125000), invoice(2, 'INV-777777', 100000)]);
    expect(d).toMatchObject({ kind: 'apply', status: 'proposed', invoiceId: 1 });
    if (d.kind !== 'apply') return;
    expect(d.candidates![0]).toMatchObject({ invoiceIds: [1], score: 0.7, reason: 'proposed by reference-slip' });
    expect(d.candidates!.map((c) => c.invoiceNumbers[0])).toContain('INV-777777');
  });

  it('ranks the candidates of an ambiguous line, each with its score and reason', () => {
    const d = decide(line('104235', 125000), [invoice(1, 'INV-104233', 125000), invoice(2, 'INV-104238', 40000), invoice(3, 'INV-900000', 1)]);
    expect(d.kind).toBe('review');
    expectManual(d);
    if (d.kind !== 'review') return;
    const [first, second] = d.candidates!;
    expect(first).toMatchObject({ invoiceNumbers: ['INV-104233'] });
    expect(first!.reason).toMatch(/one slip from its number; open 1,250.00 agrees with the amount/);
    expect(second).toMatchObject({ invoiceNumbers: ['INV-104238'] });
    expect(first!.score).toBeGreaterThan(second!.score);
    expect(d.candidates!.every((c) => c.score >= 0 && c.score <= 1)).toBe(true);
  });

  it('gives unapplied cash the candidates it has', () => {
    const d = decide(line('INV-104233', 125000), [invoice(1, 'INV-104233', 0, { open: false }), invoice(2, 'INV-104234', 125000)]);
    expect(d.kind).toBe('unapplied');
    if (d.kind !== 'unapplied') return;
    expect(d.candidates!.map((c) => c.invoiceNumbers[0])).toEqual(['INV-104234', 'INV-104233']);
    expect(d.candidates![1]!.reason).toMatch(/not open/);
  });

  it('reads applied decisions the same way whether one invoice or several', () => {
    const single = decide(line('INV-104233', 125000), [invoice(1, 'INV-104233', 125000)]);
    const split = decide(line('104233/104234', 135000), [invoice(1, 'INV-104233', 125000), invoice(2, 'INV-104234', 10000)]);
    expect(isAutomatic(single) && isAutomatic(split)).toBe(true);
    expect(applicationsOf(single)).toEqual([{ invoiceId: 1, invoiceNumber: 'INV-104233', cashMinor: 125000, discountMinor: 0, deductionMinor: 0, deductions: [], writeOffMinor: 0 }]);
    expect(applicationsOf(split).map((p) => p.cashMinor)).toEqual([125000, 10000]);
  });
});
