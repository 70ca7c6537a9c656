/**
 * The cash side in the nightly run, through the built binary: `remit run` imports the
 * statements dropped into bank.inbox and reconciles them before it matches; with
 * matching.require_cash only the remittances whose cash arrived are applied, the rest wait
 * (new) until a later night's statement brings their money. `remit explain` shows an
 * entry's decision, and `remit status` counts the cash side.
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLES as BESIDE, newWorkspace, parseCsv, remit, removeDir } from '../support/cli.js';

const SAMPLES = process.env['REMIT_SAMPLES'] ?? BESIDE;
let home: string;
const applied = () => new Set(parseCsv(remit(['report', 'applications', '--format', 'csv'], { home }).stdout).map((r) => `${r['payer']}|${r['payment_ref']}`));
const cash = () => parseCsv(remit(['report', 'cash', '--format', 'csv'], { home }).stdout);

describe('remit run with bank.inbox and matching.require_cash', () => {
  beforeAll(() => {
    home = newWorkspace('NWF');
    const yaml = readFileSync(join(home, 'remit.yaml'), 'utf8').replace('  require_cash: false', '  require_cash: true').replace('  # inbox: bank-in  ', '  inbox: bank-in    ');
    writeFileSync(join(home, 'remit.yaml'), yaml);
    mkdirSync(join(home, 'bank-in'));
    expect(remit(['invoices', 'import', join(SAMPLES, 'open_invoices.csv')], { home }).code).toBe(0);
    const manifest = parseCsv(readFileSync(join(SAMPLES, 'manifest.csv'), 'utf8')).filter((row) => row['payer'] === 'AMZ');
    expect(remit(['import', '--payer', 'AMZ', ...manifest.map((row) => join(SAMPLES, row['file']!))], { home }).code).toBe(0);
  }, 120_000);
  afterAll(() => removeDir(home));

  it('applies only what the bank paid, and the rest once its cash comes', () => {
    copyFileSync(join(SAMPLES, 'bank', 'BAI2_20240916.bai'), join(home, 'bank-in', 'BAI2_20240916.bai'));
    const first = remit(['run'], { home });
    expect(first.stderr).toMatch(/imported +BAI2_20240916\.bai: bai2, 1 statement\(s\), 7 new entries/);
    expect(first.stderr).toMatch(/line\(s\) wait for their cash \(matching.require_cash\)/);
    expect([...applied()]).toEqual(['AMZ|83725439']);
    expect(cash().find((r) => r['entry_ref'] === 'AC24091601019')).toMatchObject({ status: 'reconciled', payment_refs: 'AMZ|83725439' });

    copyFileSync(join(SAMPLES, 'bank', 'BAI2_20240918.bai'), join(home, 'bank-in', 'BAI2_20240918.bai'));
    const second = remit(['run'], { home });
    expect(second.stderr).toMatch(/skipped +BAI2_20240916\.bai: already imported/);
    expect(second.stderr).toMatch(/imported +BAI2_20240918\.bai/);
    expect(applied()).toEqual(new Set(['AMZ|83725439', 'AMZ|46982040']));
  }, 120_000);

  it('remit explain shows an entry\'s decision; remit status counts the cash side', () => {
    const explained = remit(['explain', 'AC24091601019'], { home });
    expect(explained.code).toBe(0);
    expect(explained.stdout).toMatch(/outcome: reconciled, payer AMZ, pays AMZ\|83725439/);
    expect(explained.stdout).toMatch(/method: reference \(confidence 1\.00\)/);
    const status = remit(['status'], { home });
    expect(status.stdout).toMatch(/cash +\d+ bank entries reconciled, \d+ unidentified \([\d,.]+\), 0 returned, \d+ not receipts; remittances: \d+ in transit, \d+ cash not received/);
  }, 60_000);
});
