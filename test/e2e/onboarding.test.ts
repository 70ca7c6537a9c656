/**
 * Onboarding a payer remit has never seen, through the real CLI: `payers propose` says how
 * the file reads and what to paste; `import --dry-run` writes nothing; a file refused for
 * its dates is read again with `import --retry-failed` once remit.yaml says the order; a
 * payment whose lines do not reach its stated total is counted in `remit status`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ledgerValue } from '../support/ledger-query.js';
import { ROOT, newWorkspace, parseCsv, remit, removeDir } from '../support/cli.js';

const PAYERS = join(ROOT, 'fixtures', 'payers');
const homes: string[] = [];
afterAll(() => homes.forEach(removeDir));

function workspace(): string {
  const home = newWorkspace('NWF');
  homes.push(home);
  return home;
}

const count = ledgerValue;

describe('onboarding a new payer', () => {
  it('payers propose shows the columns, payment fields and dates it found, and a block to paste', () => {
    const home = workspace();
    const result = remit(['payers', 'propose', join(PAYERS, 'quickbooks-bill-payment', 'BillPayment_Stub_20417.csv'), '--payer', 'ALDER'], { home });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^columns:$/m);
    expect(result.stdout).toMatch(/payment fields:\n\s+paymentRef = /);
    expect(result.stdout).toMatch(/# paste into remit.yaml:\npayers:\n {2}ALDER:/);
    expect(remit(['payers', 'propose', join(PAYERS, 'quickbooks-bill-payment', 'BillPayment_Stub_20417.csv')], { home }).code).toBe(2);
  });

  it('import --dry-run reads and reports, and writes nothing', () => {
    const home = workspace();
    const file = join(PAYERS, 'quickbooks-bill-payment', 'BillPayment_Stub_20417.csv');
    const result = remit(['import', '--dry-run', '--payer', 'ALDER', '--new-payer', file], { home });
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/would import BillPayment_Stub_20417\.csv: csv, 1 payment\(s\), \d+ line\(s\)/);
    expect(result.stderr).toMatch(/dry run: nothing written/);
    expect(count(home, 'SELECT COUNT(*) FROM documents')).toBe(0);
    expect(count(home, 'SELECT COUNT(*) FROM batches')).toBe(0);
  });

  it('a file refused for its dates imports with --retry-failed once the order is set', () => {
    const home = workspace();
    const file = join(PAYERS, 'ambiguous', 'semicolon-day-first-days-under-13.csv');
    const first = remit(['import', '--payer', 'LIEF', '--new-payer', file], { home });
    expect(first.code).toBe(1);
    expect(first.stderr).toMatch(/payers\.LIEF\.date_order/);
    expect(remit(['import', '--retry-failed'], { home }).code).toBe(1);
    const yaml = readFileSync(join(home, 'remit.yaml'), 'utf8').replace('payers: {}', 'payers:\n  LIEF:\n    date_order: dmy\n    decimal_comma: true');
    writeFileSync(join(home, 'remit.yaml'), yaml);
    const retry = remit(['import', '--retry-failed'], { home });
    expect(retry.code).toBe(0);
    expect(retry.stderr).toMatch(/imported\s+semicolon-day-first-days-under-13\.csv/);
    const documents = parseCsv(remit(['report', 'documents', '--format', 'csv'], { home }).stdout);
    expect(documents).toHaveLength(1);
    expect(documents[0]).toMatchObject({ status: 'imported' });
    expect(count(home, "SELECT payment_date FROM remittances LIMIT 1" ) as unknown).toBe('2024-09-10');
    expect(remit(['import', '--retry-failed'], { home }).stderr).toMatch(/no failed document/);
  });

  it('a stated total the lines do not reach imports flagged, exits 1, and status counts it', () => {
    const home = workspace();
    const file = join(PAYERS, 'walmart-apis-invoices', 'check_amount_not_reached.csv');
    const result = remit(['import', '--payer', 'WMT', '--new-payer', file], { home });
    expect(result.code).toBe(1);
    const status = JSON.parse(remit(['status', '--json'], { home }).stdout) as { flaggedPayments: number };
    expect(status.flaggedPayments).toBeGreaterThan(0);
    expect(remit(['import', '--strict', '--payer', 'WMT', '--new-payer', file], { home: workspace() }).code).toBe(1);
  });
});
