import { describe, expect, it } from 'vitest';
import { describeRule, learnReasonRule, learnRule } from '../../src/matching/learn.js';
import type { LearnedRule } from '../../src/matching/types.js';
import { SETTINGS, decide, invoice, line } from './build.js';

const prefixes = SETTINGS.invoicePrefixes;

describe('learnRule: the habit behind a confirmed match', () => {
  it.each<[string, { number: string; po?: string }, Omit<LearnedRule, 'payer'> | undefined]>([
    ['20011', { number: 'SO-20011' }, { kind: 'prefix-dropped', value: 'SO' }],
    ['KT0048213', { number: 'KT48213' }, { kind: 'zeros-padded', value: '9' }],
    ['PO 4500072715', { number: 'INV-1001', po: '4500072715' }, { kind: 'po-instead-of-invoice', value: 'PO' }],
    ['4500072715', { number: 'INV-1001', po: '4500072715' }, { kind: 'po-instead-of-invoice', value: '' }],
    ['INV-1001', { number: 'INV-1001' }, undefined],
    ['1001', { number: 'INV-1001' }, undefined],
    ['1O01', { number: 'INV-1001' }, undefined],
  ])('%j for %j', (reference, inv, rule) => {
    const learned = learnRule('ACME', { reference }, inv, prefixes);
    expect(learned).toEqual(rule ? { payer: 'ACME', ...rule } : undefined);
  });

  it('remembers a reason code', () => {
    expect(learnReasonRule('ACME', ' SH ', 'shortage')).toEqual({ payer: 'ACME', kind: 'reason-map', value: 'SH', reasonCode: 'shortage' });
  });

  it('says the habit in words', () => {
    expect(describeRule({ payer: 'ACME', kind: 'prefix-dropped', value: 'SO' })).toBe('payer ACME leaves out "SO" in front of our invoice numbers');
  });
});

describe('learned-rule pass', () => {
  it('uses a dropped prefix the payer has', () => {
    const rules: LearnedRule[] = [{ payer: 'ACME', kind: 'prefix-dropped', value: 'SO' }];
    const d = decide(line('20011', 40000), [invoice(1, 'SO-20011', 100000)], { learnedRules: rules });
    expect(d).toMatchObject({ kind: 'apply', invoiceId: 1, method: 'learned-rule:prefix-dropped', confidence: 0.96, status: 'applied', cashMinor: 40000 });
    expect(d.explanation).toMatch(/payer ACME leaves out "SO" in front of our invoice numbers \(learned from an operator\)/);
  });

  it('uses zeros padded and the PO written instead', () => {
    const invoices = [invoice(1, 'KT48213', 1000), invoice(2, 'INV-1001', 2000, { po: '4500072715' })];
    const rules: LearnedRule[] = [{ payer: 'ACME', kind: 'zeros-padded', value: '9' }, { payer: 'ACME', kind: 'po-instead-of-invoice', value: 'PO' }];
    expect(decide(line('KT0048213', 1000), invoices, { learnedRules: rules })).toMatchObject({ invoiceId: 1, method: 'learned-rule:zeros-padded' });
    expect(decide(line('PO 4500072715', 2000), invoices, { learnedRules: rules })).toMatchObject({ invoiceId: 2, method: 'learned-rule:po-instead-of-invoice' });
  });

  it('uses a rule only for its own payer', () => {
    const rules: LearnedRule[] = [{ payer: 'OTHER', kind: 'prefix-dropped', value: 'SO' }];
    const d = decide(line('20011', 40000), [invoice(1, 'SO-20011', 100000)], { learnedRules: rules });
    expect(d.kind === 'apply' && d.method.startsWith('learned-rule')).toBe(false);
  });

  it('still leaves ambiguity to a person', () => {
    const rules: LearnedRule[] = [{ payer: 'ACME', kind: 'zeros-padded', value: '9' }];
    expect(decide(line('KT0048213', 1000), [invoice(1, 'KT48213', 1000), invoice(2, 'KT048213', 1000)], { learnedRules: rules }).kind).toBe('review');
  });

  it('maps the payer\'s reason codes and says so', () => {
    const rules: LearnedRule[] = [learnReasonRule('ACME', 'SH', 'shortage')];
    const d = decide(line('INV-1001', 90000, { adjustments: [{ amountMinor: 10000, reasonRaw: 'SH', reasonCode: 'other' }] }), [invoice(1, 'INV-1001', 100000)], { learnedRules: rules });
    expect(d).toMatchObject({ kind: 'apply', method: 'exact-reference', deductions: [{ amountMinor: 10000, reasonCode: 'shortage', reasonRaw: 'SH' }] });
    expect(d.explanation).toMatch(/reason "SH" read as shortage \(learned-rule:reason-map, payer ACME\)/);
  });
});
