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
import { bai2File } from '../support/bai2.js';
import { SAMPLES, workspaceWithPayer } from '../support/bank-workspace.js';
import { parseCsv, remit, removeDir } from '../support/cli.js';
let home: string;
const applied = () => new Set(parseCsv(remit(['report', 'applications', '--format', 'csv'], { home }).stdout).map((r) => `${r['payer']}|${r['payment_ref']}`));
const cash = () => parseCsv(remit(['report', 'cash', '--format', 'csv'], { home }).stdout);

describe('remit run with bank.inbox and matching.require_cash', () => {
  beforeAll(() => {
    home = workspaceWithPayer('AMZ', (ws) => {
      const yaml = readFileSync(join(ws, 'remit.yaml'), 'utf8').replace('  require_cash: false', '  require_cash: true').replace('  # inbox: bank-in  ', '  inbox: bank-in    ');
      writeFileSync(join(ws, 'remit.yaml'), yaml);
      mkdirSync(join(ws, 'bank-in'));
    });
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

describe('a person confirms what a credit pays; remit learns the bank name', () => {
  let ws: string;
  beforeAll(() => {
    ws = workspaceWithPayer('AMZ');
  }, 120_000);
  afterAll(() => removeDir(ws));

  it('an unknown debtor name stays unidentified; once confirmed, its next credit is found by the name', () => {
    const day1 = join(ws, 'day1.bai');
    writeFileSync(day1, bai2File('2024-09-18', '7', [{ account: '3849100273', currency: 'USD', openingMinor: 1000_00, entries: [
      { type: '165', amountMinor: 3641371, bankRef: 'XA1', text: 'ORIG CO NAME:AMZN MKTP US ORIG ID:7788 SEC:CCD' },
    ] }]));
    expect(remit(['bank', 'import', '--strict', day1], { home: ws }).code).toBe(0);
    expect(remit(['reconcile'], { home: ws }).code).toBe(0);
    const before = parseCsv(remit(['report', 'cash', '--format', 'csv'], { home: ws }).stdout).find((r) => r['entry_ref'] === 'XA1')!;
    expect(before).toMatchObject({ status: 'unidentified', method: 'no-payer', payment_refs: '' });
    expect(before['explanation']).toMatch(/debtor "AMZN MKTP US" is no payer's name \(add it under payers.<ID>.bank_names\)/);

    const confirmed = remit(['bank', 'confirm', 'XA1', '--payment', 'AMZ|70638281'], { home: ws });
    expect(confirmed.code).toBe(0);
    expect(confirmed.stderr).toMatch(/learned: payers.AMZ.bank_names now has "AMZN MKTP US"/);
    expect(readFileSync(join(ws, 'remit.yaml'), 'utf8')).toMatch(/bank_names: \[ AMZN MKTP US \]/);
    expect(remit(['reconcile'], { home: ws }).stderr).toMatch(/nothing new to reconcile/);

    const day2 = join(ws, 'day2.bai');
    writeFileSync(day2, bai2File('2024-09-19', '8', [{ account: '3849100273', currency: 'USD', openingMinor: 1000_00, entries: [
      { type: '165', amountMinor: 589524, bankRef: 'XA2', text: 'ORIG CO NAME:AMZN MKTP US ORIG ID:9911 SEC:CCD' },
    ] }]));
    expect(remit(['bank', 'import', '--strict', day2], { home: ws }).code).toBe(0);
    expect(remit(['reconcile'], { home: ws }).code).toBe(0);
    const rows = parseCsv(remit(['report', 'cash', '--format', 'csv'], { home: ws }).stdout);
    expect(rows.find((r) => r['entry_ref'] === 'XA1')).toMatchObject({ status: 'reconciled', method: 'manual', payment_refs: 'AMZ|70638281' });
    expect(rows.find((r) => r['entry_ref'] === 'XA2')).toMatchObject({ status: 'reconciled', method: 'payer-amount', payment_refs: 'AMZ|46982040' });
  }, 120_000);
});
