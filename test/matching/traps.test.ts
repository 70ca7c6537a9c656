/** Traps: cases where the only right automatic answer is none. Each must reach a person with candidates. */
import { describe, expect, it } from 'vitest';
import { isAutomatic } from '../../src/matching/decisions.js';
import { matchPayer } from '../../src/matching/match.js';
import { SETTINGS, decide, expectManual, invoice, line } from './build.js';

describe('traps: nothing applied automatically', () => {
  it('two open invoices one edit away from the reference', () => {
    const d = decide(line('INV-104235', 125000), [invoice(1, 'INV-104233', 125000), invoice(2, 'INV-104238', 90000)]);
    expect(d.kind).toBe('review');
    expect(d.explanation).toMatch(/close to 2 invoices .*INV-104233, INV-104238/);
    expectManual(d);
  });

  it('two open invoices with the same amount and no reference', () => {
    const d = decide(line('', 125000), [invoice(1, 'INV-104233', 125000), invoice(2, 'INV-207781', 125000)]);
    expect(d.kind).toBe('review');
    expect(d.explanation).toMatch(/2 open invoices of this payer are for 1,250.00/);
    expectManual(d);
  });

  it('two open invoices with the same amount, one of them older than the window', () => {
    const d = decide(line('', 125000), [invoice(1, 'INV-104233', 125000), invoice(2, 'INV-207781', 125000, { invoiceDate: '2025-01-01' })]);
    expectManual(d);
  });

  it('a subset sum with two solutions', () => {
    const d = decide(line('', 500000), [invoice(1, 'INV-1', 100000), invoice(2, 'INV-2', 400000), invoice(3, 'INV-3', 200000), invoice(4, 'INV-4', 300000)]);
    expect(d.kind).toBe('review');
    expect(d.explanation).toMatch(/2 sets of this payer's open invoices add up to 5,000.00/);
    if (d.kind === 'review') expect(d.candidates!.filter((c) => c.invoiceIds.length === 2)).toHaveLength(2);
    expectManual(d);
  });

  it('a reference one edit from a closed invoice and one edit from an open one', () => {
    const d = decide(line('INV-104235', 125000), [invoice(1, 'INV-104233', 0, { open: false }), invoice(2, 'INV-104238', 125000)]);
    expect(d.kind).toBe('review');
    expect(d.explanation).toMatch(/INV-104233 \(not open\)/);
    expectManual(d);
  });

  it('a truncated reference fitting two invoices', () => {
    const d = decide(line('4233', 125000), [invoice(1, 'INV-104233', 125000), invoice(2, 'INV-994233', 70000)]);
    expect(d.kind).toBe('review');
    expectManual(d);
  });

  it('a typo that is another real invoice number, the amount being the other one\'s', () => {
    const d = decide(line('INV-104238', 125000), [invoice(1, 'INV-104233', 125000), invoice(2, 'INV-104238', 90000)]);
    expect(d.kind).toBe('review');
    expectManual(d);
  });

  it('two lines whose slips both point at one invoice', () => {
    const decisions = matchPayer([line('INV-1O4233', 125000), line('INV-104223', 125000)], [invoice(1, 'INV-104233', 125000)], SETTINGS);
    expect(decisions.every((d) => !isAutomatic(d))).toBe(true);
  });

  it('a payment for nothing we hold', () => {
    const d = decide(line('PAYMENT', 777777), [invoice(1, 'INV-1', 100000), invoice(2, 'INV-2', 400000)]);
    expect(d.kind).toBe('unapplied');
  });

  it('a reference in another currency', () => {
    expectManual(decide(line('INV-1O4233', 125000), [invoice(1, 'INV-104233', 125000, { currency: 'CAD' })]));
  });
});

describe('a weaker pass never takes an invoice a stronger pass applied', () => {
  it('a slip of a partly paid invoice is only proposed', () => {
    const [strong, weak] = matchPayer([line('INV-104233', 100000), line('INV-1O4233', 25000)], [invoice(1, 'INV-104233', 125000)], SETTINGS);
    expect(strong).toMatchObject({ kind: 'apply', status: 'applied', method: 'exact-reference' });
    expect(weak).toMatchObject({ kind: 'apply', status: 'proposed', method: 'reference-slip' });
  });

  it('a set including a partly paid invoice is only proposed', () => {
    const invoices = [invoice(1, 'INV-5001', 312050), invoice(2, 'INV-5002', 87519), invoice(3, 'INV-5003', 1450000)];
    const [, weak] = matchPayer([line('INV-5001', 12050), line('', 300000 + 87519)], invoices, SETTINGS);
    expect(weak).toMatchObject({ kind: 'split', status: 'proposed', method: 'subset-sum' });
  });
});
