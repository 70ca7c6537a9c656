/**
 * The import step of a night, as `remit run` does it: every payer's file in one process on
 * one open ledger (the fetch step hands each portal's downloads to the same import use case,
 * with the payer its account names), not one `remit import` process per file:
 *   node dist/src/tools/bench/night-import.js <workspace> <payer>=<file> ...
 * Prints JSON: the lines imported, the files that failed, and how long the process took to
 * be ready (node, modules, settings, ledger open) before the first file.
 */
import { loadConfig } from '../../config/load.js';
import { systemClock } from '../../core/clock.js';
import { openLedger } from '../../ledger/index.js';
import { importFiles } from '../../pipeline/import-files.js';
import { workspacePaths } from '../../workspace/resolve.js';
import { reportOnExit } from './exit-report.js';

reportOnExit();
const [home, ...pairs] = process.argv.slice(2);
if (!home || pairs.length === 0 || pairs.some((pair) => !pair.includes('='))) {
  process.stderr.write('usage: night-import <workspace> <payer>=<file> ...\n');
  process.exit(2);
}
const paths = workspacePaths(home);
const config = loadConfig(paths.config);
const ledger = await openLedger(paths.ledger, systemClock);
// From the process's own start: what a night pays once, however many files it brings.
const readyMs = performance.now();
let lines = 0;
let failed = 0;
try {
  const ctx = { ledger, config, clock: systemClock, paths, user: 'bench', log: (message: string) => void process.stderr.write(`${message}\n`) };
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    const outcome = await importFiles(ctx, { files: [pair.slice(at + 1)], payer: pair.slice(0, at) });
    for (const file of outcome.files) {
      if (file.status === 'failed') failed += 1;
      if (file.status === 'imported') lines += file.lines;
    }
  }
} finally {
  await ledger.close();
}
process.stdout.write(`${JSON.stringify({ files: pairs.length, lines, failed, readyMs })}\n`);
process.exitCode = failed > 0 ? 1 : 0;
