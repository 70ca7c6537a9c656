/**
 * Untimed work some stages need first: the workspace `remit match` works in (open invoices
 * and every payer's lines imported through the real CLI), and the history ledger.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runChild, tailOf } from '../child.js';
import { ledgerCount } from '../floors/sqlite.js';
import { createWorkspace, ledgerFile } from '../workspace.js';
import type { ScaleRun } from './types.js';

const MEASURE_CLI = fileURLToPath(new URL('../measure-cli.js', import.meta.url));
const HISTORY_CLI = fileURLToPath(new URL('../../samplegen/scale/history-cli.js', import.meta.url));
const TIMEOUT_MS = 15 * 60_000;

async function remit(run: ScaleRun, name: string, args: string[]): Promise<number> {
  const result = await runChild(MEASURE_CLI, args, { files: join(run.dir, 'logs', `setup-${name}`), timeoutMs: TIMEOUT_MS });
  if (result.code !== 0) throw new Error(`setup: remit ${args.slice(2).join(' ')} exited ${result.code}: ${tailOf(result.stderrFile)}`);
  return result.ms;
}

/** Open invoices and all lines (one import per payer) in the match workspace. */
export async function prepareMatch(run: ScaleRun): Promise<void> {
  if (run.linesImported) return;
  run.matchHome ??= createWorkspace(join(run.dir, 'ws', 'match'));
  const home = run.matchHome;
  // invoices-import left them there, unless it failed.
  if (ledgerCount(home, 'SELECT COUNT(*) AS n FROM invoices') === 0) {
    run.setup['match: invoices'] = await remit(run, 'invoices', ['--home', home, 'invoices', 'import', run.set.openInvoices.path]);
  }
  let ms = 0;
  for (const file of run.set.payerCsvs) ms += await remit(run, `import-${file.payer}`, ['--home', home, '--quiet', 'import', '--payer', file.payer, file.path]);
  run.setup['match: import lines per payer'] = ms;
  run.linesImported = true;
}

/** Lines matched in the match workspace (when the match stage did not run or failed), so export-gl has work. */
export async function prepareExport(run: ScaleRun): Promise<void> {
  await prepareMatch(run);
  if (ledgerCount(run.matchHome, "SELECT COUNT(*) AS n FROM applications WHERE status = 'applied'") > 0) return;
  run.setup['export: match'] = await remit(run, 'match', ['--home', run.matchHome!, 'match']);
}

/** A workspace whose ledger holds a year of history: 10 lines for each line of the scale. */
export async function prepareHistory(run: ScaleRun): Promise<void> {
  if (run.historyHome) return;
  const home = createWorkspace(join(run.dir, 'ws', 'history'));
  const result = await runChild(HISTORY_CLI, [ledgerFile(home), String(run.lines * 10), '--drop-indexes'], { files: join(run.dir, 'logs', 'setup-history'), timeoutMs: TIMEOUT_MS });
  if (result.code !== 0) throw new Error(`setup: history ledger failed: ${tailOf(result.stderrFile)}`);
  run.setup['history ledger'] = result.ms;
  run.historyHome = home;
}
