/** The stronger matcher through the CLI and the ledger: one line for two invoices, a written-off cent difference, a same-amount trap. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newWorkspace, parseCsv, remit, removeDir } from '../support/cli.js';

let home: string;

describe('matching passes through the ledger', () => {
  beforeAll(() => {
    home = newWorkspace('NWF');
    // These generated files' dates all read either way: the payer's order is a setting, as an operator would write it.
    writeFileSync(join(home, 'remit.yaml'), readFileSync(join(home, 'remit.yaml'), 'utf8').replace('payers: {}', 'payers:\n  AMZ:\n    date_order: mdy'));
    const yaml = readFileSync(join(home, 'remit.yaml'), 'utf8').replace('write_off_tolerance: "0.00"', 'write_off_tolerance: "0.05"');
    writeFileSync(join(home, 'remit.yaml'), yaml);
    writeFileSync(join(home, 'aging.csv'), [
      'Customer ID,Invoice No,Invoice Date,Currency,Original Amount,Open Amount',
      'AMZ,INV-900001,09/01/2026,USD,100.00,100.00',
      'AMZ,INV-900002,09/02/2026,USD,50.00,50.00',
      'AMZ,INV-900003,09/03/2026,USD,20.03,20.03',
      'AMZ,INV-900004,09/04/2026,USD,77.77,77.77',
      'AMZ,INV-900005,09/05/2026,USD,77.77,77.77',
    ].join('\n'));
    writeFileSync(join(home, 'remit.csv'), [
      'Invoice Number,Amount Paid,Payment Number,Payment Date',
      '900001/900002,150.00,P-77,10/01/2026',
      'INV-900003,20.00,P-77,10/01/2026',
      ',77.77,P-77,10/01/2026',
    ].join('\n'));
    expect(remit(['invoices', 'import', join(home, 'aging.csv')], { home }).code).toBe(0);
    expect(remit(['import', '--payer', 'AMZ', join(home, 'remit.csv')], { home }).code).toBe(0);
    expect(remit(['match'], { home }).code).toBe(0);
  });
  afterAll(() => removeDir(home));

  it('applies one line naming two invoices as two applications', () => {
    const apps = parseCsv(remit(['report', 'applications', '--format', 'csv'], { home }).stdout).filter((a) => a['line_no'] === '1');
    expect(apps.map((a) => [a['invoice_number'], a['cash'], a['status']])).toEqual([
      ['INV-900001', '100.00', 'applied'],
      ['INV-900002', '50.00', 'applied'],
    ]);
  });

  it('closes an invoice short by three cents with a write-off inside the tolerance', () => {
    const app = parseCsv(remit(['report', 'applications', '--format', 'csv'], { home }).stdout).find((a) => a['line_no'] === '2');
    expect(app).toMatchObject({ invoice_number: 'INV-900003', cash: '20.00', write_off: '0.03', status: 'applied' });
  });

  it('leaves a line that fits two same-amount invoices for a person', () => {
    const exceptions = parseCsv(remit(['report', 'exceptions', '--format', 'csv'], { home }).stdout);
    expect(exceptions.find((e) => e['line_no'] === '3')).toMatchObject({ unapplied: '77.77' });
    const apps = parseCsv(remit(['report', 'applications', '--format', 'csv'], { home }).stdout).filter((a) => a['line_no'] === '3' && a['status'] === 'applied');
    expect(apps).toEqual([]);
  });

  it('exports a balanced journal with the write-off on its own account, holding the line that waits for a person until it is decided', () => {
    const first = remit(['export-gl', '--out', join(home, 'j.csv')], { home });
    expect(first.code).toBe(0);
    expect(first.stderr).toMatch(/held for review: payment P-77 \(AMZ\) line 3, 77\.77 stays in bank clearing/);
    const rows = parseCsv(readFileSync(join(home, 'j.csv'), 'utf8'));
    const cents = (t: string | undefined) => (t ? Math.round(Number(t) * 100) : 0);
    expect(rows.reduce((s, r) => s + cents(r['debit']), 0)).toBe(rows.reduce((s, r) => s + cents(r['credit']), 0));
    expect(rows.find((r) => r['account'] === '6990')).toMatchObject({ debit: '0.03' });
    expect(rows.find((r) => r['account'] === '1090')).toMatchObject({ debit: '170.00' });
    const line = parseCsv(remit(['report', 'exceptions', '--format', 'csv'], { home }).stdout).find((e) => e['line_no'] === '3')!;
    expect(remit(['apply', line['line_id']!, 'INV-900004'], { home }).code).toBe(0);
    expect(remit(['export-gl', '--out', join(home, 'j2.csv')], { home }).code).toBe(0);
    const late = parseCsv(readFileSync(join(home, 'j2.csv'), 'utf8'));
    expect(late.map((r) => [r['account'], r['debit'], r['credit'], r['invoice']])).toEqual([['1090', '77.77', '', ''], ['1200', '', '77.77', 'INV-900004']]);
  }, 60_000);
});
