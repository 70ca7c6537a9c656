/**
 * `npm run bench`: seeded data, each stage timed in its own process, a table printed and
 * JSON written under bench/results/. Parser figures: a 100,000-line CSV and 820 (lines per
 * second) and a multi-page PDF (pages per second), each with peak memory.
 *   npm run bench [-- --lines 100000 --pages 200 --match-max 1000000 --skip-fetch]
 * Then the fetch figures of fetch-bench.ts (10 accounts x 20 files, sequential vs concurrent).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildModel, type PayerProfile } from '../samplegen/demo-model.js';
import { remittanceCsv } from '../samplegen/writers/csv.js';
import { remittance820 } from '../samplegen/writers/x12.js';
import { remittancePdf } from '../samplegen/writers/pdf.js';
import { fetchBench } from './fetch-bench.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const args = process.argv.slice(2);
const option = (name: string, fallback: number): number => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const LINES = option('lines', 100_000);
const PAGES = option('pages', 200);

const PAYER: PayerProfile = {
  code: 'BENCH', name: 'Bench Retail', deductionPrefix: 'DED', paymentDigits: 9, poStyle: 'digits10',
  reasons: [{ raw: 'Shortage', code: 'shortage' }, { raw: 'Price Claim', code: 'pricing' }],
};

interface Stage {
  stage: string;
  unit: string;
  ms: number;
  lines: number;
  perSecond: number;
  maxRssMb: number;
  fileMb: number;
  floorMs?: number;
}

function runStage(file: string, mode?: string): { ms: number; lines: number; maxRssMb: number } {
  const out = execFileSync(process.execPath, [join(ROOT, 'dist/src/bench/parse-stage.js'), file, ...(mode ? [mode] : [])], { encoding: 'utf8', maxBuffer: 1 << 20 });
  return JSON.parse(out.trim().split('\n').at(-1)!) as { ms: number; lines: number; maxRssMb: number };
}

const work = mkdtempSync(join(tmpdir(), 'remit-bench-'));
try {
  process.stderr.write(`generating ${LINES.toLocaleString('en-US')} lines and ${PAGES} PDF pages in ${work}\n`);
  const perPayment = 100;
  const model = buildModel({ seed: 7, payers: [PAYER], invoicesPerPayer: LINES + LINES / 10, paymentsPerPayer: LINES / perPayment, linesPerPayment: [perPayment, perPayment], firstInvoiceNumber: 1_000_000, startDate: '2026-01-01' });
  const csvFile = join(work, 'bench.csv');
  const header = remittanceCsv({ ...model.payments[0]!, lines: [] });
  writeFileSync(csvFile, header + model.payments.map((p) => remittanceCsv(p).split('\n').slice(1).join('\n')).join(''));
  const ediFile = join(work, 'bench.edi');
  writeFileSync(ediFile, remittance820(model.payments));
  const pdfModel = buildModel({ seed: 8, payers: [PAYER], invoicesPerPayer: PAGES * 40 + 100, paymentsPerPayer: 1, linesPerPayment: [PAGES * 40, PAGES * 40], firstInvoiceNumber: 3_000_000, startDate: '2026-01-01' });
  const pdfFile = join(work, 'bench.pdf');
  writeFileSync(pdfFile, remittancePdf(pdfModel.payments[0]!, 'Bench Retail Inc.'));

  const stages: Stage[] = [];
  const add = (stage: string, file: string, unit: string, count: (r: { lines: number }) => number, floor?: string): void => {
    const result = runStage(file);
    const floorMs = floor ? runStage(file, floor).ms : undefined;
    const n = count(result);
    stages.push({ stage, unit, ms: result.ms, lines: result.lines, perSecond: n / (result.ms / 1000), maxRssMb: result.maxRssMb, fileMb: statSync(file).size / 1048576, ...(floorMs !== undefined ? { floorMs } : {}) });
  };
  add('parse CSV', csvFile, 'lines/s', (r) => r.lines, 'papaparse');
  add('parse X12 820', ediFile, 'lines/s', (r) => r.lines);
  add('parse PDF', pdfFile, 'pages/s', () => PAGES);

  const rows = stages.map((s) => [s.stage, `${s.fileMb.toFixed(1)} MB`, s.lines.toLocaleString('en-US'), `${(s.ms / 1000).toFixed(2)} s`,
    `${Math.round(s.perSecond).toLocaleString('en-US')} ${s.unit}`, `${Math.round(s.maxRssMb)} MB`, s.floorMs ? `${(s.floorMs / 1000).toFixed(2)} s (x${(s.ms / s.floorMs).toFixed(2)})` : '']);
  const head = ['stage', 'file', 'lines', 'time', 'rate', 'peak RSS', 'floor (ratio)'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  process.stdout.write(`${line(head)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n${rows.map(line).join('\n')}\n`);
  process.stdout.write('floor for CSV: papaparse on the same text, no meaning attached\n');
  // The matcher at 10k, 100k and 1m lines against as many open invoices, with a hash-join floor.
  const matchRows: Array<{ lines: number; ms: number; floorMs: number; maxRssMb: number }> = [];
  for (const size of [10_000, 100_000, 1_000_000].filter((s) => s <= option('match-max', 1_000_000))) {
    const run = (mode?: string) => JSON.parse(execFileSync(process.execPath, [join(ROOT, 'dist/src/bench/match-stage.js'), String(size), ...(mode ? [mode] : [])], { encoding: 'utf8' }).trim()) as { ms: number; maxRssMb: number };
    const project = run();
    matchRows.push({ lines: size, ms: project.ms, floorMs: run('floor').ms, maxRssMb: project.maxRssMb });
  }
  process.stdout.write(`\nmatch (all passes) vs floor (in-memory hash join of exact references)\n`);
  matchRows.forEach((row, i) => {
    const previous = matchRows[i - 1];
    const growth = previous ? ` growth per tenfold x${(row.ms / previous.ms / 10).toFixed(2)}${row.ms / previous.ms / 10 > 1.3 ? ' (above 1.3: flagged)' : ''}` : '';
    process.stdout.write(`${row.lines.toLocaleString('en-US').padStart(10)} lines  ${(row.ms / 1000).toFixed(2)} s  floor ${(row.floorMs / 1000).toFixed(2)} s (x${(row.ms / row.floorMs).toFixed(1)})  peak RSS ${Math.round(row.maxRssMb)} MB${growth}\n`);
  });

  let fetchRows: Array<{ stage: string; ms: number; note: string }> = [];
  if (!args.includes('--skip-fetch')) {
    process.stderr.write('fetch: 10 fixture portals, real headless Chromium (this takes about a minute)\n');
    fetchRows = await fetchBench();
    process.stdout.write(`\n${fetchRows.map((row) => `${row.stage.padEnd(48)} ${(row.ms / 1000).toFixed(2).padStart(7)} s  ${row.note}`).join('\n')}\n`);
  }
  const results = join(ROOT, 'bench', 'results');
  mkdirSync(results, { recursive: true });
  const out = join(results, `bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(out, `${JSON.stringify({ node: process.version, lines: LINES, pages: PAGES, stages, match: matchRows, fetch: fetchRows }, null, 2)}\n`);
  process.stderr.write(`written ${out}\n`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
