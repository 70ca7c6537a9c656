/**
 * The night that matters (issue 18): on the ledger of 10 x N lines of history, a night of
 * 3,000 lines in 20 payer files and a new open-invoice snapshot of the invoices they pay,
 * run as `remit run` runs it: the import of every file in one process (night-import.ts),
 * then `remit invoices import`, `remit match` and `remit export-gl`, each timed in its own
 * process (after yesterday's snapshot, untimed); beside it the floor (floors/nightly.ts) in
 * the same run. The night's size is the
 * same at every scale, so its growth per tenfold is the growth against history's size
 * (1.0: a night on ten times the history costs the same).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeNight } from '../samplegen/scale/night.js';
import { runChild, tailOf, type ChildRun } from './child.js';
import type { StageResult } from './result.js';
import { count, jsonOut } from './stages/outputs.js';
import { prepareHistory } from './stages/setup.js';
import type { ScaleRun } from './stages/types.js';
import { ledgerFile } from './workspace.js';

const MEASURE_CLI = fileURLToPath(new URL('./measure-cli.js', import.meta.url));
const NIGHT_IMPORT = fileURLToPath(new URL('./night-import.js', import.meta.url));
const FLOOR = fileURLToPath(new URL('./floor.js', import.meta.url));
const TIMEOUT_MS = 15 * 60_000;
const NIGHT_LINES = 3_000;
const NIGHT_FILES = 20;
/** Most lines that pay an open invoice must be applied; below this share the check says so. */
const APPLIED_SHARE = 0.9;

export const NIGHTLY = 'nightly';
export const NIGHTLY_ROWS = [NIGHTLY, 'nightly: import', 'nightly: invoices import', 'nightly: match', 'nightly: export-gl'];

const say = (text: string): void => void process.stderr.write(`${text}\n`);
const rss = (run: ChildRun): number | undefined => (typeof run.report['maxRssMb'] === 'number' ? run.report['maxRssMb'] : undefined);

export async function nightlyStage(run: ScaleRun): Promise<StageResult[]> {
  const unit = `lines on ${count(run.lines * 10)} of history`;
  const total: StageResult = { stage: NIGHTLY, scale: run.scale, unit, size: NIGHT_LINES, check: '' };
  const rows: StageResult[] = [];
  try {
    await prepareHistory(run);
    const home = run.historyHome!;
    let started = performance.now();
    // The morning's snapshot lists the invoices open today: the ones the night pays and the rest still unpaid.
    const night = writeNight(join(run.dir, 'night'), [], { lines: NIGHT_LINES, files: NIGHT_FILES });
    run.setup['nightly: files'] = performance.now() - started;
    const pairs = night.payerFiles.map((file) => `${file.payer}=${file.path}`);
    const logs = join(run.dir, 'logs', 'nightly');
    mkdirSync(logs, { recursive: true });
    // Yesterday's snapshot, untimed: the history's seeded open set (a tenth of its lines) is
    // closed once, as the ERP would have; the night's own snapshot is then what one is every
    // morning, the open set listed again, not a closing of history.
    started = performance.now();
    const yesterday = await runChild(MEASURE_CLI, ['--home', home, 'invoices', 'import', night.snapshot.path], { files: join(logs, 'yesterday'), timeoutMs: TIMEOUT_MS });
    if (yesterday.code !== 0) throw new Error(`setup: yesterday's snapshot failed: ${tailOf(yesterday.stderrFile)}`);
    run.setup["nightly: yesterday's snapshot"] = performance.now() - started;
    const steps: Array<{ name: string; script: string; args: string[]; check: (child: ChildRun) => string }> = [
      {
        name: 'nightly: import', script: NIGHT_IMPORT, args: [home, ...pairs],
        check: (child) => {
          const out = jsonOut<{ lines?: number; failed?: number; readyMs?: number }>(child);
          if (out?.lines !== night.lines) return `imported ${count(out?.lines ?? 0)} of ${count(night.lines)} lines`;
          return `ok: ${night.payerFiles.length} files in one process, ready in ${((out.readyMs ?? 0) / 1000).toFixed(2)} s`;
        },
      },
      {
        name: 'nightly: invoices import', script: MEASURE_CLI, args: ['--home', home, 'invoices', 'import', '--json', night.snapshot.path],
        check: (child) => {
          const out = jsonOut<{ rows?: number; closed?: number }>(child);
          return out?.rows === night.snapshot.rows ? `ok: ${count(out.rows)} invoices, ${count(out.closed ?? 0)} closed` : `read ${count(out?.rows ?? 0)} of ${count(night.snapshot.rows)} invoices`;
        },
      },
      {
        name: 'nightly: match', script: MEASURE_CLI, args: ['--home', home, 'match', '--json'],
        check: (child) => {
          const applied = jsonOut<{ applied?: number }>(child)?.applied;
          if (applied === undefined) return 'no outcome on stdout';
          return `${applied >= night.payingLines * APPLIED_SHARE ? 'ok' : 'LOW'}: applied ${count(applied)} of ${count(night.payingLines)} paying lines`;
        },
      },
      { name: 'nightly: export-gl', script: MEASURE_CLI, args: ['--home', home, 'export-gl'], check: (child) => (/journal J\d+/.test(tailOf(child.stderrFile, 20)) ? 'ok' : 'no journal written') },
    ];
    let ms = 0;
    let peak = 0;
    for (const step of steps) {
      say(`[${run.scale}] ${step.name}`);
      const child = await runChild(step.script, step.args, { files: join(logs, step.name.replace(/\W+/g, '-')), timeoutMs: TIMEOUT_MS });
      const row: StageResult = { stage: step.name, scale: run.scale, unit, size: NIGHT_LINES, projectMs: child.ms, check: '' };
      const mb = rss(child);
      if (mb !== undefined) row.projectRssMb = mb;
      row.check = child.code === 0 ? step.check(child) : 'failed';
      if (child.code !== 0) row.error = `exited ${child.code}: ${tailOf(child.stderrFile)}`;
      rows.push(row);
      ms += child.ms;
      peak = Math.max(peak, mb ?? 0);
      say(`[${run.scale}] ${step.name}: ${(child.ms / 1000).toFixed(2)} s; ${row.check}`);
    }
    Object.assign(total, { projectMs: ms, projectRssMb: peak });
    say(`[${run.scale}] nightly: floor`);
    started = performance.now();
    const floor = await runChild(FLOOR, ['nightly', ledgerFile(home), join(logs, 'floor.db'), ...pairs], { files: join(logs, 'floor'), timeoutMs: TIMEOUT_MS });
    if (floor.code === 0) {
      Object.assign(total, { floorMs: floor.ms, floorRssMb: rss(floor), floorPhases: floor.report['phases'], floorCounts: floor.report['counts'] });
    } else {
      total.error = `floor exited ${floor.code}: ${tailOf(floor.stderrFile)}`;
    }
    const failedSteps = rows.filter((row) => row.error);
    total.check = failedSteps.length ? `failed: ${failedSteps.map((row) => row.stage).join(', ')}` : rows.every((row) => row.check.startsWith('ok')) ? 'ok: 4 steps' : 'see the steps';
  } catch (err) {
    total.error = (err as Error).message;
    total.check = 'failed';
  }
  return [total, ...rows];
}
