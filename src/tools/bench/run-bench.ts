/**
 * `npm run bench [-- --scale 10k|100k|1m] [--only "CSV import,match" | --stage nightly] [--fetch] [--keep]`
 *
 * Issue 7's bench. A seeded generator writes realistic data at each scale up to the chosen
 * one (10k, 100k, 1m lines): remittance CSV, XLSX (a tenth of the lines), X12 820, PDF (a
 * page per thousand lines), open invoices, and a ledger holding a year of history (ten
 * times the lines). Each stage then runs as the real `remit` in its own process (so its
 * peak memory is its own), followed by its floor in its own process: the fastest plain way
 * to do the same work on this machine (src/bench/floors/). The table shows both times,
 * their ratio, peak RSS and the growth per tenfold; the JSON goes under bench/results/.
 *
 * The nightly stage (issue 18, nightly-stage.ts) runs a night of 3,000 lines on the history
 * ledger of each scale; its growth per tenfold is against history's size.
 *
 * Fetch is not part of issue 7: its figures (fetch-bench.ts: fixture portals, real headless
 * Chromium) run only with --fetch. The machine is shared: the header prints its load.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from './args.js';
import { runChild } from './child.js';
import { fetchBench } from './fetch-bench.js';
import { flagged, floorNotes, writeResults } from './report.js';
import type { StageResult } from './result.js';
import { NIGHTLY_ROWS } from './nightly-stage.js';
import { runScale, STAGES } from './run-scale.js';
import { renderTable } from './table.js';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const MEASURE_CLI = fileURLToPath(new URL('./measure-cli.js', import.meta.url));

let options;
try {
  options = parseArgs(process.argv.slice(2));
} catch (err) {
  process.stderr.write(`bench: ${(err as Error).message}\n`);
  process.exit(2);
}
const started = performance.now();
const startedAt = new Date().toISOString();
const work = mkdtempSync(join(tmpdir(), 'remit-bench-'));
const cleanUp = (): void => {
  if (!options.keep) rmSync(work, { recursive: true, force: true });
};
process.on('SIGINT', () => {
  cleanUp();
  process.exit(130);
});

const load = (): string => loadavg().map((n) => n.toFixed(2)).join(' ');
const machine = { node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model ?? '', memoryGb: Math.round(totalmem() / 2 ** 30), loadAtStart: load() };
try {
  // The start of a `remit` process (node, modules, --version), taken out of growth figures.
  const starts: number[] = [];
  for (let i = 0; i < 3; i += 1) starts.push((await runChild(MEASURE_CLI, ['--version'], { files: join(work, `start-${i}`) })).ms);
  const startMs = starts.sort((a, b) => a - b)[1]!;
  process.stdout.write(`remit bench: node ${machine.node}, ${machine.cpus} cpus, ${machine.memoryGb} GB, load ${machine.loadAtStart}; a remit process starts in ${(startMs / 1000).toFixed(2)} s\n`);

  const results: StageResult[] = [];
  const setup: Record<string, Record<string, number>> = {};
  for (const [scale, lines] of options.scales) {
    const outcome = await runScale(scale, lines, work, options.only);
    results.push(...outcome.results);
    setup[scale] = outcome.setup;
    if (!options.keep) rmSync(join(work, scale), { recursive: true, force: true });
  }
  const scaleNames = options.scales.map(([name]) => name);
  const stageNames = [...STAGES.map((stage) => stage.name), 'match (engine only)', ...NIGHTLY_ROWS].filter((name) => results.some((r) => r.stage === name));
  process.stdout.write(`\n${renderTable(results, stageNames, scaleNames, startMs)}\n`);
  const flags = flagged(results, scaleNames, startMs);
  process.stdout.write(flags.length ? `\ngrowth above 1.3 per tenfold: ${flags.join('; ')}\n` : '\nno stage grows faster than 1.3 per tenfold\n');
  const failures = results.filter((r) => r.error);
  for (const r of failures) process.stdout.write(`\n${r.stage} ${r.scale} failed:\n${r.error!.replace(/^/gm, '  ')}\n`);
  process.stdout.write(`\nfloor phases (inside the floor's process):\n${floorNotes(results).join('\n')}\n`);
  process.stdout.write(`\nsetup (untimed work for the stages):\n${Object.entries(setup).map(([scale, steps]) =>
    `  ${scale}: ${Object.entries(steps).map(([step, ms]) => `${step} ${(ms / 1000).toFixed(1)} s`).join(', ')}`).join('\n')}\n`);

  let fetch: Array<{ stage: string; ms: number; note: string }> = [];
  if (options.fetch) {
    process.stderr.write('fetch: 10 fixture portals, real headless Chromium (about a minute)\n');
    fetch = await fetchBench();
    process.stdout.write(`\n${fetch.map((row) => `${row.stage.padEnd(48)} ${(row.ms / 1000).toFixed(2).padStart(7)} s  ${row.note}`).join('\n')}\n`);
  }
  const wallMs = performance.now() - started;
  const file = writeResults(ROOT, { startedAt, wallMs, machine: { ...machine, loadAtEnd: load() }, remitStartMs: startMs, scales: scaleNames, setup, results, fetch });
  process.stdout.write(`\nwall time ${(wallMs / 60_000).toFixed(1)} min (load now ${load()}); written ${file}\n`);
  process.exitCode = failures.length ? 1 : 0;
} finally {
  cleanUp();
}

