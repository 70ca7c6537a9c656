/**
 * Fetch figures: 10 portal accounts with 20 files each (fixture portals on loopback, real
 * headless Chromium, the real `remit fetch`), sequential versus concurrent, plus browser
 * start time and the cost per file.
 *   node dist/src/tools/bench/fetch-bench.js [--accounts 10 --files 20]
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { formatMinor } from '../../core/money.js';
import { launchBrowser } from '../../fetch/session/browser.js';
import { buildModel } from '../samplegen/demo-model.js';
import { remittanceCsv } from '../samplegen/writers/csv.js';
import { DEMO_PAYERS } from '../samplegen/write-demo.js';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const BIN = join(ROOT, 'bin', 'remit');
const args = process.argv.slice(2);
const option = (name: string, fallback: number): number => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const ACCOUNTS = option('accounts', 10);
const FILES = option('files', 20);

function remit(home: string, argv: string[], env: NodeJS.ProcessEnv, input = ''): Promise<{ code: number; ms: number; stderr: string }> {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, '--home', home, ...argv], { env });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => resolve({ code: code ?? -1, ms: performance.now() - started, stderr }));
    child.stdin.end(input);
  });
}

export async function fetchBench(): Promise<Array<{ stage: string; ms: number; note: string }>> {
  const work = mkdtempSync(join(tmpdir(), 'remit-fetch-bench-'));
  const portals = (await import(pathToFileURL(join(ROOT, 'fixtures', 'portals', 'index.mjs')).href)) as {
    startPortal(name: string, options: Record<string, unknown>): Promise<{ url: string; close(): Promise<void> }>;
  };
  const running: Array<{ url: string; close(): Promise<void> }> = [];
  try {
    const started = performance.now();
    const browser = await launchBrowser({ env: { REMIT_BROWSER: process.env['REMIT_BROWSER'] } });
    const launchMs = performance.now() - started;
    await browser.close();

    const env = { ...process.env, REMIT_VAULT_PASSPHRASE: 'bench-only-passphrase', NO_COLOR: '1' };
    const model = buildModel({ seed: 11, payers: [DEMO_PAYERS[0]!], invoicesPerPayer: ACCOUNTS * FILES * 10, paymentsPerPayer: ACCOUNTS * FILES, linesPerPayment: [3, 6], firstInvoiceNumber: 500_000, startDate: '2026-06-01' });
    const homes: string[] = [];
    for (const mode of ['sequential', 'concurrent']) {
      const home = join(work, mode);
      homes.push(home);
      await remit(home, ['init', '--company', 'BENCH'], env);
      const yaml = readFileSync(join(home, 'remit.yaml'), 'utf8')
        .replace(/secrets:\n  store: keychain[^\n]*/, 'secrets:\n  store: vault\n  passphrase_env: REMIT_VAULT_PASSPHRASE')
        .replace(/concurrency: \d+/, `concurrency: ${mode === 'sequential' ? 1 : ACCOUNTS}`);
      writeFileSync(join(home, 'remit.yaml'), yaml);
    }
    for (let a = 0; a < ACCOUNTS; a += 1) {
      const payments = model.payments.slice(a * FILES, (a + 1) * FILES);
      const filesDir = join(work, `files-${a}`);
      mkdirSync(filesDir);
      const rows = payments.map((p, i) => {
        const file = `r-${p.paymentRef}.csv`;
        writeFileSync(join(filesDir, file), remittanceCsv(p));
        return { id: `R${a}-${i}`, paymentRef: p.paymentRef, date: '2026-10-01', amount: formatMinor(p.totalMinor), file, contentType: 'text/csv' };
      });
      const portal = await portals.startPortal('northwind', { rows, filesDir, password: `pw-${a}-long-enough`, pageSize: 10 });
      running.push(portal);
      for (const home of homes) {
        await remit(home, ['portal', 'add', '--id', `acct${a}`, '--payer', 'BIGMART', '--recipe', 'northwind', '--url', portal.url, '--username', 'demo', '--password-stdin'], env, `pw-${a}-long-enough\n`);
      }
    }
    const results = [];
    for (const [i, mode] of ['sequential', 'concurrent'].entries()) {
      const run = await remit(homes[i]!, ['fetch', '--since', '2026-09-30', '--until', '2026-10-02'], env);
      if (run.code !== 0) throw new Error(`fetch (${mode}) exited ${run.code}: ${run.stderr.slice(-500)}`);
      results.push({ mode, ms: run.ms });
    }
    const files = ACCOUNTS * FILES;
    return [
      { stage: 'browser start (launch + close)', ms: launchMs, note: '' },
      { stage: `fetch ${ACCOUNTS} accounts x ${FILES} files, sequential`, ms: results[0]!.ms, note: `${(results[0]!.ms / files).toFixed(0)} ms per file, import included` },
      { stage: `fetch ${ACCOUNTS} accounts x ${FILES} files, concurrent (${ACCOUNTS})`, ms: results[1]!.ms, note: `x${(results[0]!.ms / results[1]!.ms).toFixed(2)} faster than sequential` },
    ];
  } finally {
    for (const portal of running) await portal.close();
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const row of await fetchBench()) process.stdout.write(`${row.stage.padEnd(48)} ${(row.ms / 1000).toFixed(2).padStart(7)} s  ${row.note}\n`);
}
