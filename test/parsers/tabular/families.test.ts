/**
 * Every payer layout family in fixtures/payers, read with no configuration at all (no
 * columns, no date order, no decimal mark, no header fields): the whole result must equal
 * its golden file, and a CSV streamed in chunks must give the same. The files under
 * `ambiguous/` must fail, naming the setting that would decide them.
 */
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseRemittanceFile, streamRemittanceFile } from '../../../src/parsers/index.js';
import { parseOptions } from '../../support/parse-options.js';
import { updateGolden, writeGolden } from '../../support/golden.js';
import { WORKBOOKS, workbookBytes } from './workbook-fixtures.js';

const ROOT = fileURLToPath(new URL('../../../fixtures/payers/', import.meta.url));

if (process.env.UPDATE_FIXTURES === '1') {
  for (const fixture of WORKBOOKS) writeFileSync(join(ROOT, fixture.path), workbookBytes(fixture));
}

const families = readdirSync(ROOT, { withFileTypes: true }).filter((e) => e.isDirectory() && e.name !== 'ambiguous').map((e) => e.name).sort();
const documents = (folder: string): string[] => readdirSync(join(ROOT, folder)).filter((name) => /\.(csv|xlsx)$/i.test(name)).sort();

/** No configuration: what a new operator has before writing any payers.<ID> block. */
const unconfigured = (file: string) => parseOptions(file, { payer: 'P' });

function* chunks(bytes: Uint8Array, size: number): Generator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

describe('payer layout families, read with no configuration', () => {
  it('has at least 12 families, each with a README naming its source', () => {
    expect(families.length).toBeGreaterThanOrEqual(12);
    for (const family of families) {
      const readme = join(ROOT, family, 'README.md');
      expect(existsSync(readme), `${family}/README.md`).toBe(true);
      expect(readFileSync(readme, 'utf8'), `${family}/README.md names a source`).toMatch(/https?:\/\//);
    }
  });

  for (const family of families) {
    for (const name of documents(family)) {
      it(`${family}/${name}`, async () => {
        const path = join(ROOT, family, name);
        const bytes = readFileSync(path);
        const result = await parseRemittanceFile(bytes, unconfigured(name));
        const golden = `${path}.expected.json`;
        if (updateGolden) writeGolden(golden, result);
        expect(JSON.parse(JSON.stringify(result))).toEqual(JSON.parse(readFileSync(golden, 'utf8')));
        if (name.endsWith('.csv')) {
          for (const size of [7, 300, 1 << 20]) {
            const stream = streamRemittanceFile(bytes.subarray(0, 65_536), chunks(bytes, size), unconfigured(name))!;
            expect([...stream.remittances], `streamed in chunks of ${size}`).toEqual(result.remittances);
            expect(stream.diagnostics()).toEqual(result.diagnostics);
          }
        }
      });
    }
  }
});

describe('files whose dates or amounts cannot tell their conventions fail, naming the setting', () => {
  const cases: Array<[string, RegExp]> = [
    ['semicolon-day-first-days-under-13.csv', /dates such as "02\.08\.2024" \(row 2, column "Rechnungsdatum"\).*set payers\.P\.date_order to dmy or mdy/],
    ['lockbox-deposit-dates-under-13.csv', /"10\/01\/2024".*payers\.P\.date_order/],
    ['label-date-only.csv', /"05\/09\/2024" \(label "Payment Date" on row 3\).*payers\.P\.date_order/],
    ['day-first-and-month-first.csv', /day-first "13\/09\/2024".*month-first "09\/20\/2024".*payers\.P\.date_order/],
    ['xlsx-text-dates-all-under-13.xlsx', /payers\.P\.date_order/],
    ['amounts-three-decimals.csv', /amounts such as "1\.250".*payers\.P\.decimal_comma/],
  ];
  for (const [name, message] of cases) {
    it(name, async () => {
      const bytes = readFileSync(join(ROOT, 'ambiguous', name));
      await expect(parseRemittanceFile(bytes, unconfigured(name))).rejects.toThrow(message);
      if (name.endsWith('.csv')) {
        const stream = streamRemittanceFile(bytes.subarray(0, 65_536), chunks(bytes, 5), unconfigured(name))!;
        expect(() => [...stream.remittances]).toThrow(message);
      }
    });
  }

  it('the same files read once the payer says which order (or mark) it writes', async () => {
    const read = async (name: string, extra: object) =>
      parseRemittanceFile(readFileSync(join(ROOT, 'ambiguous', name)), { ...unconfigured(name), ...extra });
    const german = await read('semicolon-day-first-days-under-13.csv', { knownDateOrder: 'dmy' });
    expect(german.remittances[0]).toMatchObject({ paymentRef: 'ZA-77120', paymentDate: '2024-09-10', lines: [{ invoiceDate: '2024-08-02', paidMinor: 125000 }, {}, {}] });
    const lockbox = await read('lockbox-deposit-dates-under-13.csv', { knownDateOrder: 'mdy' });
    expect(lockbox.remittances[0]).toMatchObject({ paymentRef: '5521', paymentDate: '2024-10-01' });
    const decimals = await read('amounts-three-decimals.csv', { knownDecimalComma: false });
    expect(decimals.remittances[0]!.lines.map((l) => l.paidMinor)).toEqual([125, 98050]);
    // The payer's order wins, and a date impossible in it is an error naming the setting.
    await expect(read('day-first-and-month-first.csv', { knownDateOrder: 'dmy' })).rejects.toThrow(/"09\/20\/2024" is not a date in the order payers\.P\.date_order gives \(dmy\)/);
  });
});
