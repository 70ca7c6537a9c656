/**
 * Reconciliation entries through the built binary: bank import + reconcile + export-gl posts
 * the reconciled cash from bank clearing to the bank account (gl.bank), a wire fee to
 * gl.bank_fees, a payer's credit with no remittance to its unapplied cash; once: a second
 * export posts nothing, a re-export is the same bytes. A posting date in a closed period, or
 * a bank account with no GL account, is refused with the key to set, recording nothing.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bai2File } from '../support/bai2.js';
import { SAMPLES, workspaceWithPayer } from '../support/bank-workspace.js';
import { parseCsv, remit, removeDir } from '../support/cli.js';

let home: string;
const setYaml = (from: string, to: string): void => {
  const file = join(home, 'remit.yaml');
  const yaml = readFileSync(file, 'utf8');
  expect(yaml).toContain(from);
  writeFileSync(file, yaml.replace(from, to));
};

describe('export-gl posts reconciled bank entries', () => {
  beforeAll(() => {
    home = workspaceWithPayer('AMZ');
    // AMZ's payment 70638281 of 36,413.71 arrives by wire, less a 15.00 fee.
    const wire = bai2File('2024-09-18', 'W1', [{ account: '3849100273', currency: 'USD', openingMinor: 0, entries: [
      { type: '195', amountMinor: 3641371 - 1500, bankRef: 'FW24091800001', customerRef: '70638281', text: 'AMAZON.COM SERVICES LLC' },
    ] }]);
    writeFileSync(join(home, 'wire.bai'), wire);
    expect(remit(['bank', 'import', join(SAMPLES, 'bank', 'BAI2_20240916.bai'), join(home, 'wire.bai')], { home }).code).toBe(0);
    expect(remit(['reconcile'], { home }).code).toBe(0);
  }, 120_000);
  afterAll(() => removeDir(home));

  it('refuses a bank account with no GL account, and a closed period, recording nothing', () => {
    const unset = remit(['export-gl', '--posting-date', '2024-10-01'], { home });
    expect(unset.code).not.toBe(0);
    expect(unset.stderr).toMatch(/account 3849100273 has no GL account/);
    expect(unset.stderr).toMatch(/gl\.bank/);
    setYaml('      # bank: "1010"  ', '      bank: "1010"    ');
    setYaml('      # bank_fees: "6810"  ', '      bank_fees: "6810"    ');
    setYaml('      # closed_through: 2026-10-31 ', '      closed_through: 2024-09-30 ');
    const closed = remit(['export-gl', '--posting-date', '2024-09-20'], { home });
    expect(closed.code).toBe(2);
    expect(closed.stderr).toMatch(/falls in a closed period \(gl\.closed_through: 2024-09-30\)/);
    expect(parseCsv(remit(['report', 'journals', '--format', 'csv'], { home }).stdout)).toEqual([]);
  }, 60_000);

  it('posts bank debits, the fee and the clearing credits once, and re-exports the same bytes', () => {
    const first = remit(['export-gl', '--posting-date', '2024-10-01'], { home });
    expect(first.code, first.stderr).toBe(0);
    const file = join(home, 'exports', 'journal-1.csv');
    const bytes = readFileSync(file);
    const lines = parseCsv(bytes.toString('utf8'));
    const bankLines = lines.filter((l) => l['document_no']!.startsWith('RMB'));
    expect(bankLines.every((l) => l['entry_date'] === '2024-10-01')).toBe(true);
    const net = (account: string, doc?: string): string => {
      const cents = bankLines.filter((l) => l['account'] === account && (doc === undefined || l['memo']!.includes(doc)))
        .reduce((sum, l) => sum + Math.round(Number(l['debit'] || '0') * 100) - Math.round(Number(l['credit'] || '0') * 100), 0);
      return (cents / 100).toFixed(2);
    };
    // The reference-paired credit and the wire: the bank debit is the cash received, the clearing credit the payment's total.
    expect(net('1010', 'AC24091601019')).toBe('39997.86');
    expect(net('1090', 'AC24091601019')).toBe('-39997.86');
    expect(net('1010', 'FW24091800001')).toBe('36398.71');
    expect(net('6810', 'FW24091800001')).toBe('15.00');
    expect(net('1090', 'FW24091800001')).toBe('-36413.71');
    expect(bankLines.find((l) => l['account'] === '1090' && l['memo']!.includes('FW24091800001'))).toMatchObject({ payer: 'AMZ', payment_ref: '70638281' });
    // Credits of a known payer with no remittance: unapplied cash with the customer.
    const hd = bankLines.find((l) => l['account'] === '2410' && l['memo']!.includes('AC24091601041'));
    expect(hd).toMatchObject({ credit: '16028.54', customer: 'HD' });
    expect(net('1010', 'AC24091601041')).toBe('16028.54');
    expect(net('1010')).toBe((3999786 + 3639871 + 1602854 + 7484286 + 4388139) / 100 + '');

    const second = remit(['export-gl', '--posting-date', '2024-10-01'], { home });
    expect(second.code, second.stderr).toBe(0);
    expect(second.stderr).not.toMatch(/journal J2/);
    const again = remit(['export-gl', '--reexport', 'J1', '--out', join(home, 'again.csv')], { home });
    expect(again.code, again.stderr).toBe(0);
    expect(readFileSync(join(home, 'again.csv')).equals(bytes)).toBe(true);
  }, 60_000);
});
