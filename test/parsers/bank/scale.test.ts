/**
 * Scale of the bank readers, opt-in (BANK_SCALE=1, after `npm run build`): a generated
 * 1,000,000-entry BAI2 file and a 100,000-entry camt.053, each read in a fresh `node`
 * process by the built parser, whole (parseBankFile) and streamed to a counting sink
 * (readBankFile); time and peak RSS are printed. BANK_SCALE_ENTRIES overrides the BAI2 size.
 * Linear growth is checked by reading a tenth of the file too.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { writeBai2, writeCamt053 } from './support/generate-statements.js';

const BUILT = fileURLToPath(new URL('../../../dist/src/parsers/bank/index.js', import.meta.url));
const enabled = process.env.BANK_SCALE === '1';
if (!enabled) console.log('bank scale measurement skipped: set BANK_SCALE=1 (and run npm run build) to measure');
else if (!existsSync(BUILT)) console.log(`bank scale measurement skipped: ${BUILT} is not built (npm run build)`);

const MEASURE = `
import { readFileSync } from 'node:fs';
import { parseBankFile, readBankFile } from ${JSON.stringify(BUILT)};
const [file, mode] = process.argv.slice(2);
const bytes = readFileSync(file);
const started = performance.now();
let entries = 0;
let diagnostics;
if (mode === 'whole') {
  const result = parseBankFile(bytes, { strict: true });
  for (const s of result.statements) entries += s.entries.length;
  diagnostics = result.diagnostics.length;
} else {
  const result = readBankFile(bytes, { strict: true }, { begin() {}, entry() { entries += 1; }, end() {} });
  diagnostics = result.diagnostics.length;
}
const seconds = (performance.now() - started) / 1000;
console.log(JSON.stringify({ entries, diagnostics, seconds, maxRssMb: process.resourceUsage().maxRSS / 1024, fileMb: bytes.length / 1e6 }));
`;

interface Measured {
  entries: number;
  diagnostics: number;
  seconds: number;
  maxRssMb: number;
  fileMb: number;
}

describe.skipIf(!enabled || !existsSync(BUILT))('bank readers at scale', { timeout: 1_800_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'remit-bank-scale-'));
  const script = join(dir, 'measure.mjs');
  writeFileSync(script, MEASURE);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const measure = (file: string, mode: 'whole' | 'stream'): Measured => {
    const run = spawnSync(process.execPath, ['--max-old-space-size=8192', script, file, mode], { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(run.stderr);
    return JSON.parse(run.stdout.trim()) as Measured;
  };
  const report = (label: string, m: Measured) =>
    console.log(`${label}: ${m.entries} entries, ${m.fileMb.toFixed(0)} MB, ${m.seconds.toFixed(2)} s, peak RSS ${m.maxRssMb.toFixed(0)} MB, ${m.diagnostics} diagnostics`);

  it('BAI2, 1,000,000 entries (and a tenth, for growth)', () => {
    const entries = Number(process.env.BANK_SCALE_ENTRIES ?? 1_000_000);
    const big = join(dir, 'big.bai');
    const small = join(dir, 'small.bai');
    writeBai2(big, entries, 20);
    writeBai2(small, entries / 10, 20);
    const results = { small: measure(small, 'whole'), whole: measure(big, 'whole'), stream: measure(big, 'stream') };
    report('BAI2 tenth, whole', results.small);
    report('BAI2 whole (parseBankFile)', results.whole);
    report('BAI2 streamed (readBankFile)', results.stream);
    console.log(`BAI2 growth per tenfold (time per entry, 1.0 = linear): ${(results.whole.seconds / results.small.seconds / 10).toFixed(2)}`);
    expect(results.whole.entries).toBe(entries);
    expect(results.whole.diagnostics).toBe(0);
    expect(results.whole.seconds / results.small.seconds / 10).toBeLessThan(2);
  });

  it('camt.053, 100,000 entries (and a tenth, for growth)', () => {
    const big = join(dir, 'big.xml');
    const small = join(dir, 'small.xml');
    writeCamt053(big, 100_000, 5);
    writeCamt053(small, 10_000, 5);
    const results = { small: measure(small, 'whole'), whole: measure(big, 'whole'), stream: measure(big, 'stream') };
    report('camt.053 tenth, whole', results.small);
    report('camt.053 whole (parseBankFile)', results.whole);
    report('camt.053 streamed (readBankFile)', results.stream);
    console.log(`camt.053 growth per tenfold: ${(results.whole.seconds / results.small.seconds / 10).toFixed(2)}`);
    expect(results.whole.entries).toBe(100_000);
    expect(results.whole.diagnostics).toBe(0);
  });
});
