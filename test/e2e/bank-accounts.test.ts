/**
 * Several accounts and currencies in one BAI2 file, through the built binary: each entry is
 * kept with its own account and currency, and a credit is paired only with a remittance of
 * its own currency: the same amount and reference in EUR does not pay a USD remittance.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bai2File } from '../support/bai2.js';
import { workspaceWithPayer } from '../support/bank-workspace.js';
import { parseCsv, remit, removeDir } from '../support/cli.js';
let home: string;

describe('one BAI2 file, two accounts in two currencies', () => {
  beforeAll(() => {
    home = workspaceWithPayer('AMZ');
  }, 120_000);
  afterAll(() => removeDir(home));

  it('keeps each entry with its account and currency, and pairs across no currency', () => {
    const file = join(home, 'two-accounts.bai');
    const credit = { type: '165', amountMinor: 3641371, customerRef: '70638281', text: 'ORIG CO NAME:Amazon.com Services LLC SEC:CCD' };
    writeFileSync(file, bai2File('2024-09-18', '9', [
      { account: '3849100273', currency: 'USD', openingMinor: 5000_00, entries: [{ ...credit, bankRef: 'US1' }, { type: '475', amountMinor: -120_00, bankRef: 'US2', customerRef: '8812' }] },
      { account: 'DE89370400440532013000', currency: 'EUR', openingMinor: 700_00, entries: [{ ...credit, bankRef: 'EU1' }] },
    ]));
    const imported = remit(['bank', 'import', '--strict', file], { home });
    expect(imported.stderr).toMatch(/imported +two-accounts\.bai: bai2, 2 statement\(s\), 3 new entries/);
    expect(imported.code).toBe(0);
    const dry = remit(['reconcile', '--dry-run'], { home });
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/US1 .*reconciled.*AMZ\|70638281/);
    expect(dry.stderr).toMatch(/dry run: nothing written/);
    expect(parseCsv(remit(['report', 'cash', '--format', 'csv'], { home }).stdout).every((r) => r['kind'] !== 'bank-entry' || /not reconciled yet/.test(r['explanation']!))).toBe(true);
    expect(remit(['reconcile'], { home }).code).toBe(0);
    const rows = parseCsv(remit(['report', 'cash', '--format', 'csv'], { home }).stdout).filter((r) => r['kind'] === 'bank-entry');
    const view = rows.map((r) => [r['entry_ref'], r['account'], r['currency'], r['amount'], r['status'], r['payment_refs']].join(' '));
    expect(view).toEqual([
      'US1 3849100273 USD 36413.71 reconciled AMZ|70638281',
      'US2 3849100273 USD -120.00 ignored ',
      'EU1 DE89370400440532013000 EUR 36413.71 unidentified ',
    ]);
  }, 60_000);
});
