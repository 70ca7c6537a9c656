/**
 * The shared sample batch (four payers, CSV / XLSX / X12 820 / PDF) through the real CLI:
 * imported with --payer per manifest.csv, matched, and compared line by line with key.csv.
 */
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLES, newWorkspace, parseCsv, remit, removeDir } from '../support/cli.js';
import { compareWithKey, readKey } from '../support/key.js';

const manifest = parseCsv(readFileSync(join(SAMPLES, 'manifest.csv'), 'utf8'));
const payers = [...new Set(manifest.map((row) => row['payer']!))];
let home: string;

function importAll(): number[] {
  return payers.map((payer) => {
    const files = manifest.filter((row) => row['payer'] === payer).map((row) => join(SAMPLES, row['file']!));
    return remit(['import', '--payer', payer, ...files], { home }).code;
  });
}

describe('shared samples through the CLI', () => {
  beforeAll(() => {
    expect(existsSync(SAMPLES), `the shared samples must be at ${SAMPLES}`).toBe(true);
    home = newWorkspace('NWF');
    expect(remit(['invoices', 'import', join(SAMPLES, 'open_invoices.csv')], { home }).code).toBe(0);
    expect(importAll()).toEqual(payers.map(() => 0));
    const matched = remit(['match'], { home });
    expect(matched.code).toBe(0);
  });
  afterAll(() => removeDir(home));

  it('imports every payment once, with the totals of payments.csv', () => {
    const payments = parseCsv(readFileSync(join(SAMPLES, 'payments.csv'), 'utf8'));
    const batches = parseCsv(remit(['report', 'batches', '--format', 'csv'], { home }).stdout);
    const total = batches.reduce((sum, b) => sum + Number(b['payments']), 0);
    expect(total).toBe(payments.length);
    const expectedTotal = payments.reduce((sum, p) => sum + Number(p['total_minor']), 0);
    const importedTotal = batches.reduce((sum, b) => sum + Math.round(Number(b['total']) * 100), 0);
    expect(importedTotal).toBe(expectedTotal);
  });

  it('applies every line as key.csv says: invoice, cash, discount, deduction, nothing for not-open', () => {
    const result = compareWithKey(home, readKey(SAMPLES));
    console.log(`samples: ${result.checked} key lines checked, ${result.applied} applications (key expects ${result.expectedApplied}), ${result.mismatches.length} mismatches`);
    expect(result.mismatches).toEqual([]);
    expect(result.applied).toBe(result.expectedApplied);
  });

  it('importing every file again and matching again changes no figure', () => {
    const snapshot = () => ['applications', 'deductions', 'exceptions', 'batches'].map((kind) => remit(['report', kind, '--format', 'csv'], { home }).stdout);
    const before = snapshot();
    const again = payers.map((payer) => {
      const files = manifest.filter((row) => row['payer'] === payer).map((row) => join(SAMPLES, row['file']!));
      return remit(['import', '--payer', payer, ...files], { home });
    });
    for (const result of again) {
      expect(result.code).toBe(0);
      expect(result.stderr).toMatch(/already imported/);
    }
    const rematch = remit(['match'], { home });
    expect(rematch.code).toBe(0);
    expect(rematch.stderr).toMatch(/nothing new to match/);
    const after = snapshot();
    // Batches gain the empty re-import runs; everything else is identical.
    expect(after.slice(0, 3)).toEqual(before.slice(0, 3));
    const payments = (csv: string) => parseCsv(csv).reduce((sum, b) => sum + Number(b['payments']), 0);
    expect(payments(after[3]!)).toBe(payments(before[3]!));
  });
});
