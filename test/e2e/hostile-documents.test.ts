/**
 * Hostile EDI and PDF files, and files whose name lies about their format, through the
 * real CLI: a one-line error, the file kept in the inbox, the ledger's figures unchanged,
 * the other files imported, exit code 1.
 */
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writePdf } from '../../src/tools/samplegen/pdf/index.js';
import { ROOT, SAMPLES, newWorkspace, parseCsv, remit, removeDir, tempDir } from '../support/cli.js';
import { expectOneFailure, hostileWorkspace, keptInInbox, ledgerFigures } from '../support/failed-import.js';

let home: string;
let dir: string;
const WMT = join(SAMPLES, 'remittances', 'WMT_820_20240920_000004637.edi');
const HD = join(SAMPLES, 'remittances', 'HomeDepot_RemittanceAdvice_2000053093.pdf');
const REMADV = join(ROOT, 'fixtures', 'parsers', 'edifact', 'remadv-custom-una-several-docs.edi');
const GOOD = join(SAMPLES, 'remittances', 'amazon_remittance_14458271.csv');

const wmt = (): string => readFileSync(WMT, 'latin1');

const CASES: Array<{ name: string; file: string; payer: string; make: () => Buffer; error: RegExp }> = [
  { name: 'an 820 with a missing IEA', file: 'no-iea.edi', payer: 'WMT', make: () => Buffer.from(wmt().replace(/IEA\*[^~]*~\s*$/, '')), error: /IEA/ },
  { name: 'an 820 with a wrong SE count', file: 'bad-se.edi', payer: 'WMT', make: () => Buffer.from(wmt().replace(/SE\*(\d+)\*/, (_m, n: string) => `SE*${Number(n) + 3}*`)), error: /SE.*segment \d+/ },
  { name: 'a REMADV cut in half', file: 'half.edi', payer: 'WMT', make: () => readFileSync(REMADV).subarray(0, Math.floor(readFileSync(REMADV).length / 2)), error: /UN[TZ]|cut|missing|no .*trailer/i },
  { name: 'binary junk named .edi', file: 'junk.edi', payer: 'WMT', make: () => Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)), error: /binary|not an X12|not a text/ },
  { name: 'a truncated PDF', file: 'cut.pdf', payer: 'HD', make: () => readFileSync(HD).subarray(0, Math.floor(readFileSync(HD).length / 2)), error: /truncated|corrupt|unreadable/ },
  { name: 'a PDF with no text layer', file: 'scan.pdf', payer: 'HD', make: () => Buffer.from(writePdf([{ texts: [], rects: [{ x: 50, y: 50, width: 200, height: 100 }], width: 612, height: 792 }])), error: /no text layer; OCR is not supported/ },
];

describe('hostile EDI and PDF through the CLI', () => {
  hostileWorkspace((workspace) => ({ home, dir } = workspace));

  it.each(CASES)('$name: one-line error, kept, ledger unchanged, exit 1, the good file imports', ({ file, payer, make, error }) => {
    const bytes = make();
    const path = join(dir, file);
    writeFileSync(path, bytes);
    const good = join(dir, `good-${file}.csv`);
    writeFileSync(good, readFileSync(GOOD, 'utf8').replace(/14458271/g, String(100000 + CASES.findIndex((c) => c.file === file))));
    const before = ledgerFigures(home);
    expectOneFailure(remit(['import', '--payer', payer, path], { home }), error);
    expect(keptInInbox(home, path)).toBe(true);
    expect(ledgerFigures(home)).toEqual(before);
    const both = remit(['import', '--payer', 'AMZ', good, path], { home });
    expect(both.code).toBe(1);
    expect(both.stderr).toMatch(/imported\s+good-/);
  });

  it('finds the format by content, not by the name', () => {
    const renamed = [
      [WMT, 'payment.txt', 'WMT'],
      [HD, 'advice.dat', 'HD'],
      [join(SAMPLES, 'remittances', 'Target_Remittance_001824154.xlsx'), 'target.csv', 'TGT'],
    ] as const;
    for (const [source, name, payer] of renamed) {
      const target = join(dir, name);
      copyFileSync(source, target);
      const result = remit(['import', '--payer', payer, target], { home });
      expect(result.code, result.stderr).toBe(0);
    }
    const tsv = join(dir, 'utf16.csv');
    const text = 'Invoice Number\tAmount Paid\tPayment Number\tPayment Date\r\nINV-101456\t10.00\tTSV-1\t10/09/2024\r\n';
    writeFileSync(tsv, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    expect(remit(['import', '--payer', 'AMZ', tsv], { home }).code).toBe(0);
    const documents = parseCsv(remit(['report', 'documents', '--format', 'csv'], { home }).stdout);
    const format = (name: string) => documents.find((d) => d['original_name'] === name)?.['format'];
    expect([format('payment.txt'), format('advice.dat'), format('target.csv'), format('utf16.csv')]).toEqual(['x12-820', 'pdf', 'xlsx', 'csv']);
  });

  it('--strict turns diagnostics into failures; report documents shows the first one', () => {
    const mismatch = join(ROOT, 'fixtures', 'parsers', 'pdf', 'total-mismatch.pdf');
    // The fixture's dates all read either way: the payer's order is a setting here.
    writeFileSync(join(home, 'remit.yaml'), readFileSync(join(home, 'remit.yaml'), 'utf8').replace('payers: {}', 'payers:\n  HD:\n    date_order: mdy'));
    const strict = remit(['import', '--strict', '--payer', 'HD', mismatch], { home });
    expect(strict.code).toBe(1);
    expect(strict.stderr).toMatch(/failed\s+total-mismatch.pdf: --strict: /);
    const lenient = remit(['import', '--payer', 'HD', mismatch], { home });
    expect(lenient.code).toBe(1);
    expect(lenient.stderr).toMatch(/imported\s+total-mismatch.pdf/);
    const documents = parseCsv(remit(['report', 'documents', '--format', 'csv'], { home }).stdout);
    expect(documents.find((d) => d['original_name'] === 'total-mismatch.pdf')).toMatchObject({ status: 'imported', format: 'pdf' });
    expect(documents.find((d) => d['original_name'] === 'total-mismatch.pdf')?.['first_problem']).toMatch(/total/i);
    const exceptions = parseCsv(remit(['report', 'exceptions', '--format', 'csv'], { home }).stdout);
    expect(exceptions.some((e) => e['status'] === 'payment-review')).toBe(true);
  });

  it('stops a file that takes longer than limits.parse_seconds', () => {
    const slow = newWorkspace('NWF', '');
    try {
      const yaml = readFileSync(join(slow, 'remit.yaml'), 'utf8').replace('parse_seconds: 300', 'parse_seconds: 1');
      writeFileSync(join(slow, 'remit.yaml'), yaml);
      const big = join(dir, 'big.csv');
      const rows = ['Invoice Number,Amount Paid,Payment Number,Payment Date'];
      for (let i = 0; i < 400_000; i += 1) rows.push(`INV-${i},1.00,P${i % 5000},01/02/2026`);
      writeFileSync(big, rows.join('\n'));
      const result = remit(['import', '--payer', 'AMZ', '--new-payer', big], { home: slow });
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/took longer than 1 s and was stopped \(limits.parse_seconds\)/);
    } finally {
      removeDir(slow);
    }
  });
});
