/**
 * Hostile files for the CSV/XLSX readers, through the real CLI: each gets a one-line
 * error, stays in the inbox, leaves the ledger's figures unchanged, exits 1, and the
 * good file given in the same run still imports.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { writeZip } from '../../src/fetch/evidence/zip.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLES, newWorkspace, parseCsv, remit, removeDir, tempDir } from '../support/cli.js';
import { expectOneFailure, hostileWorkspace, keptInInbox, ledgerFigures } from '../support/failed-import.js';

let home: string;
let dir: string;

const GOOD = join(SAMPLES, 'remittances', 'amazon_remittance_13142949.csv');

const CASES: Array<{ name: string; file: string; make: () => Buffer | string; error: RegExp }> = [
  { name: 'an empty file', file: 'empty.csv', make: () => '', error: /the file is empty/ },
  { name: 'random bytes named .xlsx', file: 'random.xlsx', make: () => randomBytes(64 * 1024), error: /binary content|not a text file|not a readable workbook/ },
  { name: 'a zip that is not a workbook', file: 'notes.xlsx', make: () => writeZip([{ name: 'notes.txt', data: Buffer.from('hello') }]), error: /zip archive is not an Excel workbook/ },
  { name: 'a 20 MB single field', file: 'huge.csv', make: () => `"Invoice Number","Amount Paid"\n"${'A'.repeat(20 * 1024 * 1024)}","1.00"\n`, error: /field of 20,971,520 characters is over the limit/ },
  { name: 'a zip bomb named .xlsx', file: 'bomb.xlsx', make: () => bomb(), error: /expand/ },
  { name: 'a CSV with no remittance columns', file: 'recipes.csv', make: () => 'Name,Colour\nApple,Red\n', error: /no header row with remittance columns/ },
  { name: 'a CSV with a bad amount', file: 'bad-amount.csv', make: () => 'Invoice Number,Amount Paid,Payment Number,Payment Date\nINV-1,12.3.4,P1,01/02/2026\n', error: /row 2, column "Amount Paid": not an amount/ },
];

/** A zip whose directory declares a 600 MB workbook part: refused before anything is inflated. */
function bomb(): Buffer {
  const entry = writeZip([{ name: 'xl/workbook.xml', data: Buffer.alloc(0) }]);
  // Rewrite the declared uncompressed size in the central directory to 600 MB.
  const centralAt = entry.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
  entry.writeUInt32LE(600 * 1024 * 1024, centralAt + 24);
  return entry;
}

describe('hostile CSV/XLSX input through the CLI', () => {
  hostileWorkspace((workspace) => ({ home, dir } = workspace));

  it.each(CASES)('$name: one-line error, kept in the inbox, ledger unchanged, exit 1, the other file imports', ({ file, make, error }) => {
    const path = join(dir, file);
    writeFileSync(path, make());
    const before = ledgerFigures(home);
    expectOneFailure(remit(['import', '--payer', 'AMZ', path], { home }), error);
    expect(keptInInbox(home, path)).toBe(true);
    expect(ledgerFigures(home)).toEqual(before);
    const documents = parseCsv(remit(['report', 'documents', '--format', 'csv'], { home }).stdout);
    expect(documents.find((d) => d['original_name'] === file)).toMatchObject({ status: 'failed' });
  });

  it('a bad file beside a good one: the good one imports, the run exits 1', () => {
    const path = join(dir, 'empty-again.csv');
    writeFileSync(path, '   \n');
    const result = remit(['import', '--payer', 'AMZ', path, GOOD], { home });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/imported\s+amazon_remittance_13142949.csv: csv, 1 payment\(s\), 13 line\(s\)/);
    expect(result.stderr).toMatch(/failed\s+empty-again.csv/);
  });
});
