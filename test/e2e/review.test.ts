/**
 * Operators through the CLI: apply a line left for review, learn the payer's habit and use
 * it on the next payment, code a deduction and learn the payer's reason wording, undo an
 * exported application (the next journal reverses it), explain a line, forget a rule.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newWorkspace, parseCsv, remit, removeDir } from '../support/cli.js';

let home: string;
const csv = (rows: string[]) => ['Invoice Number,Amount Paid,Deduction Reason,Payment Number,Payment Date', ...rows].join('\n');
const report = (kind: string) => parseCsv(remit(['report', kind, '--format', 'csv'], { home }).stdout);
const cents = (t: string | undefined) => (t ? Math.round(Number(t) * 100) : 0);

describe('review, learning and reversals', () => {
  beforeAll(() => {
    home = newWorkspace('NWF');
    // These generated files' dates all read either way: the payer's order is a setting, as an operator would write it.
    writeFileSync(join(home, 'remit.yaml'), readFileSync(join(home, 'remit.yaml'), 'utf8').replace('payers: {}', 'payers:\n  AMZ:\n    date_order: mdy'));
    writeFileSync(join(home, 'aging.csv'), [
      'Customer ID,Invoice No,Invoice Date,Currency,Original Amount,Open Amount',
      'AMZ,FAC-700005,09/01/2026,USD,500.00,500.00',
      'AMZ,FAC-700006,09/02/2026,USD,800.00,800.00',
      'AMZ,FAC-700007,09/03/2026,USD,100.00,100.00',
      'AMZ,FAC-700008,09/04/2026,USD,100.00,100.00',
    ].join('\n'));
    expect(remit(['invoices', 'import', join(home, 'aging.csv')], { home }).code).toBe(0);
    writeFileSync(join(home, 'p1.csv'), csv(['700005,200.00,,P-1,10/01/2026', ',100.00,,P-1,10/01/2026', 'CB-1,-30.00,PX,P-1,10/01/2026']));
    expect(remit(['import', '--payer', 'AMZ', join(home, 'p1.csv')], { home }).code).toBe(0);
    expect(remit(['match'], { home }).code).toBe(0);
  });
  afterAll(() => removeDir(home));

  it('leaves a reference in a habit remit does not know, and a same-amount line, for a person', () => {
    const waiting = report('exceptions').map((e) => e['line_ref']);
    expect(waiting).toEqual(expect.arrayContaining(['700005', '']));
    expect(report('applications').filter((a) => a['status'] === 'applied')).toEqual([]);
  });

  it('explain shows the decision and the candidates weighed', () => {
    const line = report('exceptions').find((e) => e['line_ref'] === '')!;
    const result = remit(['explain', line['line_id']!], { home });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/FAC-700007/);
    expect(result.stdout).toMatch(/FAC-700008/);
  });

  it('remit apply applies a line, records who did it, and learns the payer habit', () => {
    const line = report('exceptions').find((e) => e['line_ref'] === '700005')!;
    const result = remit(['apply', line['line_id']!, 'FAC-700005'], { home, env: { REMIT_USER: 'ann' } });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/learned: prefix-dropped/);
    const app = report('applications').find((a) => a['line_ref'] === '700005' && a['status'] === 'applied');
    expect(app).toMatchObject({ invoice_number: 'FAC-700005', cash: '200.00', method: 'manual' });
    expect(app!['explanation']).toMatch(/by ann/);
    expect(report('rules')).toEqual([expect.objectContaining({ payer: 'AMZ', kind: 'prefix-dropped' })]);
  });

  it('the learned habit applies the next payment of that payer automatically, as a named method', () => {
    writeFileSync(join(home, 'p2.csv'), csv(['700006,300.00,,P-2,10/02/2026']));
    expect(remit(['import', '--payer', 'AMZ', join(home, 'p2.csv')], { home }).code).toBe(0);
    expect(remit(['match'], { home }).code).toBe(0);
    const app = report('applications').find((a) => a['payment_ref'] === 'P-2');
    expect(app).toMatchObject({ invoice_number: 'FAC-700006', status: 'applied', method: 'learned-rule:prefix-dropped' });
  });

  it('deduction code recodes a chargeback and learns the payer wording', () => {
    const line = report('deductions').find((d) => d['line_ref'] === 'CB-1')!;
    expect(line['reason_code']).toBe('other');
    expect(remit(['deduction', 'code', line['line_id']!, '--reason', 'pricing'], { home }).code).toBe(0);
    expect(report('deductions').find((d) => d['line_ref'] === 'CB-1')).toMatchObject({ reason_code: 'pricing' });
    expect(report('rules').some((r) => r['kind'] === 'reason-map' && r['value'] === 'PX' && r['reason_code'] === 'pricing')).toBe(true);
  });

  it('undoing an exported application makes the next journal reverse it, balanced', () => {
    expect(remit(['export-gl', '--out', join(home, 'j1.csv')], { home }).code).toBe(0);
    const app = report('applications').find((a) => a['payment_ref'] === 'P-2')!;
    const undone = remit(['unapply', app['application_id']!], { home });
    expect(undone.code, undone.stderr).toBe(0);
    expect(undone.stderr).toMatch(/next remit export-gl posts the reversal/);
    expect(remit(['export-gl', '--out', join(home, 'j2.csv')], { home }).code).toBe(0);
    const rows = parseCsv(readFileSync(join(home, 'j2.csv'), 'utf8'));
    expect(rows.reduce((s, r) => s + cents(r['debit']), 0)).toBe(rows.reduce((s, r) => s + cents(r['credit']), 0));
    expect(rows.find((r) => r['account'] === '1200')).toMatchObject({ debit: '300.00', invoice: 'FAC-700006' });
    expect(rows.find((r) => r['account'] === '2410')).toMatchObject({ credit: '300.00' });
    expect(rows.some((r) => r['account'] === '1090')).toBe(false);
    expect(remit(['unapply', app['application_id']!], { home }).code).toBe(2);
  });

  it('rules can be forgotten; review needs a terminal and says what to use instead', () => {
    const rule = report('rules').find((r) => r['kind'] === 'prefix-dropped')!;
    expect(remit(['rules', 'remove', rule['rule_id']!], { home }).code).toBe(0);
    expect(report('rules').some((r) => r['kind'] === 'prefix-dropped')).toBe(false);
    const review = remit(['review'], { home });
    expect(review.code).toBe(2);
    expect(review.stderr).toMatch(/remit apply LINE INVOICE/);
  });
});
