/**
 * The shared sample statements (../shared/samples/bank: BAI2, camt.053 and MT940 of the same
 * money) through the real CLI: the samples' invoices and remittances imported, then each
 * format's statements into its own copy of that workspace, reconciled and compared with
 * bank/key.csv entry by entry: the status, the remittances paid and the invoice each key
 * case calls for, zero wrong pairings, and the same result from each of the three formats.
 *
 * The `mail-remit` credits pay remittances that exist only as e-mails (mail/); this test
 * imports no mail, so those credits must stay unidentified with their payer found (unapplied
 * cash of that customer), never paired with another payment.
 */
import { cpSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLES as BESIDE, newWorkspace, parseCsv, remit, removeDir, tempDir } from '../support/cli.js';

/** The samples beside the checkout, or where REMIT_SAMPLES says (a worktree one level deeper). */
const SAMPLES = process.env['REMIT_SAMPLES'] ?? BESIDE;
const BANK = join(SAMPLES, 'bank');
const FORMATS = { bai2: /^BAI2_/, camt053: /^camt053_/, mt940: /^MT940_/ } as const;
type Format = keyof typeof FORMATS;
const STATUS: Record<string, string> = {
  single: 'reconciled', 'combined-deposit': 'reconciled', 'wire-fee': 'reconciled', 'mail-remit': 'unidentified', 'no-remit-unmatched': 'unidentified',
  return: 'returned', interest: 'ignored', 'bank-fee': 'ignored', payroll: 'ignored', 'vendor-payment': 'ignored',
};

const sorted = (refs: string) => refs.split(';').filter((r) => r).sort().join(';');
const homes: string[] = [];
let base: string;
const key = existsSync(BANK) ? parseCsv(readFileSync(join(BANK, 'key.csv'), 'utf8')) : [];
const cash: Partial<Record<Format, Array<Record<string, string>>>> = {};

function workspaceFor(format: Format): string {
  const home = join(tempDir('remit-bank-'), 'ws');
  cpSync(base, home, { recursive: true });
  homes.push(home);
  const files = readdirSync(BANK).filter((name) => FORMATS[format].test(name)).sort().map((name) => join(BANK, name));
  const imported = remit(['bank', 'import', '--strict', ...files], { home });
  expect(imported.stderr).not.toMatch(/failed {4}/);
  expect(imported.code).toBe(0);
  const reconciled = remit(['reconcile'], { home });
  expect(reconciled.code).toBe(0);
  return home;
}

describe('bank samples: import, reconcile, compare with key.csv', () => {
  beforeAll(() => {
    expect(existsSync(BANK), `the shared samples must be at ${BANK}`).toBe(true);
    base = newWorkspace('NWF');
    homes.push(base);
    expect(remit(['invoices', 'import', join(SAMPLES, 'open_invoices.csv')], { home: base }).code).toBe(0);
    const manifest = parseCsv(readFileSync(join(SAMPLES, 'manifest.csv'), 'utf8'));
    for (const payer of new Set(manifest.map((row) => row['payer']!))) {
      const files = manifest.filter((row) => row['payer'] === payer).map((row) => join(SAMPLES, row['file']!));
      expect(remit(['import', '--payer', payer, ...files], { home: base }).code).toBe(0);
    }
    for (const format of Object.keys(FORMATS) as Format[]) {
      const home = workspaceFor(format);
      cash[format] = parseCsv(remit(['report', 'cash', '--format', 'csv'], { home }).stdout);
    }
  }, 300_000);
  afterAll(() => homes.forEach((home) => removeDir(home)));

  it('the cash report has the columns the issue defines', () => {
    const home = homes[1]!;
    const header = remit(['report', 'cash', '--format', 'csv'], { home }).stdout.split(/\r?\n/)[0]!;
    expect(header.startsWith('kind,entry_ref,value_date,amount,currency,status,payer,payment_refs,invoice')).toBe(true);
  });

  for (const format of Object.keys(FORMATS) as Format[]) {
    it(`${format}: every entry as key.csv says, zero wrong pairings`, () => {
      const rows = cash[format]!;
      const entries = new Map(rows.filter((r) => r['kind'] === 'bank-entry').map((r) => [r['entry_ref']!, r]));
      const waiting = new Map(rows.filter((r) => r['kind'] === 'remittance').map((r) => [r['payment_refs']!, r]));
      const mismatches: string[] = [];
      let wrongPairings = 0;
      let checked = 0;
      const ofFormat = key.filter((k) => k['format'] === format);
      expect(ofFormat.length).toBeGreaterThan(100);
      for (const k of ofFormat) {
        checked += 1;
        const got = entries.get(k['entry_id']!);
        if (!got) {
          mismatches.push(`${k['entry_id']} (${k['case']}): not in the cash report`);
          continue;
        }
        const mail = k['case'] === 'mail-remit';
        const want = { status: STATUS[k['case']!], payment_refs: mail ? '' : sorted(k['expected_payments']!), invoice: k['expected_invoice'] ?? '' };
        const have = { status: got['status'], payment_refs: sorted(got['payment_refs']!), invoice: got['invoice'] ?? '' };
        if (have.payment_refs && have.payment_refs !== want.payment_refs) wrongPairings += 1;
        if (JSON.stringify(have) !== JSON.stringify(want)) mismatches.push(`${k['entry_id']} (${k['case']}): got ${JSON.stringify(have)}, key says ${JSON.stringify(want)}: ${got['explanation']}`);
        if (mail && got['payer'] !== k['expected_payments']!.split('|')[0]) mismatches.push(`${k['entry_id']} (mail-remit): payer ${got['payer']}, key says ${k['expected_payments']}`);
      }
      expect(entries.size).toBe(ofFormat.length);
      // cash-missing: the remittance is there and no credit came.
      for (const k of key.filter((row) => row['case'] === 'cash-missing')) {
        checked += 1;
        if (waiting.get(k['expected_payments']!)?.['status'] !== 'not-received') mismatches.push(`${k['expected_payments']} (cash-missing): ${JSON.stringify(waiting.get(k['expected_payments']!))}`);
      }
      const reconciled = [...entries.values()].filter((r) => r['status'] === 'reconciled').length;
      console.log(`${format}: ${checked} key rows checked, ${reconciled} entries reconciled, ${wrongPairings} wrong pairings, ${mismatches.length} mismatches`);
      expect(mismatches).toEqual([]);
      expect(wrongPairings).toBe(0);
    });
  }

  it('the three formats give the same result for every entry', () => {
    const view = (format: Format) =>
      cash[format]!.map((r) => [r['kind'], r['entry_ref'], r['status'], r['payer'], sorted(r['payment_refs']!), r['invoice'], r['amount'], r['value_date'], r['bank_fee']].join(',')).sort();
    expect(view('camt053')).toEqual(view('bai2'));
    expect(view('mt940')).toEqual(view('bai2'));
  });

  it('reconciling again, importing the same files again or another format of the same days changes nothing', () => {
    const home = homes[1]!;
    const before = remit(['report', 'cash', '--format', 'csv'], { home }).stdout;
    const again = remit(['reconcile'], { home });
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(/nothing new to reconcile/);
    const bai2 = readdirSync(BANK).filter((name) => FORMATS.bai2.test(name)).map((name) => join(BANK, name));
    const repeat = remit(['bank', 'import', ...bai2], { home });
    expect(repeat.code).toBe(0);
    expect(repeat.stderr).toMatch(/already imported as bank file/);
    const camt = readdirSync(BANK).filter((name) => FORMATS.camt053.test(name)).map((name) => join(BANK, name));
    const other = remit(['bank', 'import', ...camt], { home });
    expect(other.code).toBe(0);
    expect(other.stderr).toMatch(/0 new entries, \d+ already in the ledger/);
    expect(remit(['reconcile'], { home }).stderr).toMatch(/nothing new to reconcile/);
    expect(remit(['report', 'cash', '--format', 'csv'], { home }).stdout).toBe(before);
  }, 120_000);
});
