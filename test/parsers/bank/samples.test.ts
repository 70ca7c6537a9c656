/**
 * The shared sample statements (../shared/samples/bank, described in
 * ../shared/samples/README.md) against their key: every key row of BAI2, camt.053 and
 * MT940 is found by its entry id with the same value date, signed amount and currency; the
 * three formats give the same entries; every balance and control-total check passes; and
 * classifyEntry gives each key case the same kind in every format (printed as a table).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { classifyEntry, parseBankFile, type BankEntry } from '../../../src/parsers/bank/index.js';

const BANK = fileURLToPath(new URL('../../../../shared/samples/bank/', import.meta.url));
const present = existsSync(BANK);
if (!present) console.log(`bank samples skipped: ${BANK} is not there`);

const FORMATS = { bai2: /^BAI2_/, camt053: /^camt053_/, mt940: /^MT940_/ } as const;
type Format = keyof typeof FORMATS;

interface KeyRow {
  flow_id: string;
  file: string;
  format: string;
  entry_id: string;
  value_date: string;
  amount_minor: string;
  currency: string;
  case: string;
}

function entriesOf(format: Format): { entries: Map<string, BankEntry>; diagnostics: string[]; duplicates: string[]; files: number } {
  const entries = new Map<string, BankEntry>();
  const diagnostics: string[] = [];
  const duplicates: string[] = [];
  const files = readdirSync(BANK).filter((name) => FORMATS[format].test(name));
  for (const name of files) {
    const result = parseBankFile(readFileSync(`${BANK}${name}`), { fileName: name, strict: true });
    for (const d of result.diagnostics) diagnostics.push(`${name} ${d.location ?? ''}: ${d.message}`);
    for (const statement of result.statements) {
      for (const entry of statement.entries) {
        const ref = entry.bankRef ?? `(no ref) ${name} ${entry.location}`;
        if (entries.has(ref)) duplicates.push(ref);
        entries.set(ref, entry);
      }
    }
  }
  return { entries, diagnostics, duplicates, files: files.length };
}

describe.skipIf(!present)('bank samples against key.csv', () => {
  const key = present
    ? Papa.parse<KeyRow>(readFileSync(`${BANK}key.csv`, 'utf8'), { header: true, skipEmptyLines: true }).data.filter((row) => row.entry_id)
    : [];
  const read = present ? { bai2: entriesOf('bai2'), camt053: entriesOf('camt053'), mt940: entriesOf('mt940') } : undefined;

  for (const format of Object.keys(FORMATS) as Format[]) {
    describe(format, () => {
      it('reads every file with every balance and control total checking out (strict, no diagnostics)', () => {
        expect(read![format].files).toBeGreaterThan(0);
        expect(read![format].diagnostics).toEqual([]);
        expect(read![format].duplicates).toEqual([]);
      });

      it('finds every key row by entry id with its value date, signed amount and currency', () => {
        const rows = key.filter((row) => row.format === format);
        expect(rows.length).toBeGreaterThan(100);
        const mismatches: string[] = [];
        for (const row of rows) {
          const entry = read![format].entries.get(row.entry_id);
          if (!entry) {
            mismatches.push(`${row.entry_id} (${row.file}): not found`);
            continue;
          }
          const got = { value_date: entry.valueDate, amount_minor: String(entry.amountMinor), currency: entry.currency };
          const want = { value_date: row.value_date, amount_minor: row.amount_minor, currency: row.currency };
          if (JSON.stringify(got) !== JSON.stringify(want)) mismatches.push(`${row.entry_id}: got ${JSON.stringify(got)}, key says ${JSON.stringify(want)}`);
        }
        expect(mismatches).toEqual([]);
        expect(read![format].entries.size).toBe(rows.length);
      });
    });
  }

  it('the three formats give the same set of entries', () => {
    const fingerprint = (format: Format) =>
      [...read![format].entries.values()].map((e) => `${e.bankRef}|${e.valueDate}|${e.amountMinor}|${e.currency}`).sort();
    expect(fingerprint('camt053')).toEqual(fingerprint('bai2'));
    expect(fingerprint('mt940')).toEqual(fingerprint('bai2'));
  });

  it('classifyEntry gives each flow the same kind in every format, as expected per case', () => {
    const table = new Map<string, Map<string, number>>();
    const disagreements: string[] = [];
    const flows = new Map<string, Map<Format, string>>();
    for (const row of key) {
      const format = row.format as Format;
      const entry = read![format].entries.get(row.entry_id)!;
      const c = classifyEntry(entry);
      const label = `${c.kind}${c.channel ? `/${c.channel}` : ''}`;
      const cell = `${row.case} | ${format}`;
      const counts = table.get(cell) ?? new Map<string, number>();
      counts.set(`${label} (${c.basis.scheme} ${c.basis.code})`, (counts.get(`${label} (${c.basis.scheme} ${c.basis.code})`) ?? 0) + 1);
      table.set(cell, counts);
      const flow = flows.get(row.flow_id) ?? new Map<Format, string>();
      flow.set(format, c.kind);
      flows.set(row.flow_id, flow);
    }
    for (const [flow, kinds] of flows) if (new Set(kinds.values()).size !== 1) disagreements.push(`${flow}: ${JSON.stringify([...kinds])}`);
    console.log(
      ['classifyEntry on the samples (case | format: kind/channel (basis) x count)']
        .concat([...table].sort(([a], [b]) => a.localeCompare(b)).map(([cell, counts]) => `  ${cell}: ${[...counts].map(([k, n]) => `${k} x${n}`).join(', ')}`))
        .join('\n'),
    );
    expect(disagreements).toEqual([]);

    const expected: Record<string, string[]> = {
      single: ['customer-receipt'],
      'combined-deposit': ['customer-receipt'],
      'wire-fee': ['customer-receipt'],
      'mail-remit': ['customer-receipt'],
      return: ['returned-item'],
      interest: ['interest'],
      'bank-fee': ['bank-fee'],
      // Checks paid and outgoing wires are vendor payments by their codes; the samples' ACH debits
      // (BAI2 455, camt RDDT/PMDD, MT940 NDDT: an insurer's premium, ADP payroll) are only "a debit
      // someone else pulled" by theirs.
      'vendor-payment': ['vendor-payment', 'other-debit'],
      payroll: ['other-debit'],
      // ACH credits that match nothing (customer receipts by code) and one miscellaneous credit (BAI2 399).
      'no-remit-unmatched': ['customer-receipt', 'other-credit'],
    };
    const wrong = key.filter((row) => !expected[row.case]?.includes(classifyEntry(read![row.format as Format].entries.get(row.entry_id)!).kind)).map((row) => `${row.entry_id} ${row.format} ${row.case}`);
    expect(wrong).toEqual([]);
  });
});
