/**
 * The stages that work on a ledger: `remit match` on N lines against N open invoices and
 * `remit export-gl` of what it applied (in the workspace invoices-import began), then
 * `remit report exceptions` and `remit status` on a ledger of 10 x N lines of history.
 */
import { textOf, count, jsonOut } from './outputs.js';
import { ledgerCount } from '../floors/sqlite.js';
import { prepareExport, prepareHistory, prepareMatch } from './setup.js';
import { ledgerFile } from '../workspace.js';
import type { ScaleRun, Stage } from './types.js';

/** Most lines that pay an open invoice must be applied; below this share the check says so. */
const APPLIED_SHARE = 0.9;

export const LEDGER_STAGES: Stage[] = [
  {
    name: 'match',
    unit: 'lines',
    size: (run) => run.lines,
    prepare: prepareMatch,
    project: (run) => ['--home', run.matchHome!, 'match', '--json'],
    floor: (run, files) => ['match', ledgerFile(run.matchHome!), `${files}.db`],
    check: (run, project) => {
      const out = jsonOut<{ applied?: number }>(project);
      if (out?.applied === undefined) return 'no outcome on stdout';
      const share = out.applied / run.set.payingLines;
      return `${share >= APPLIED_SHARE ? 'ok' : 'LOW'}: applied ${count(out.applied)} of ${count(run.set.payingLines)} paying lines`;
    },
  },
  {
    name: 'export-gl',
    unit: 'applications',
    size: (run) => ledgerCount(run.matchHome, "SELECT COUNT(*) AS n FROM applications WHERE status = 'applied' AND journal_id IS NULL"),
    prepare: prepareExport,
    project: (run) => ['--home', run.matchHome!, 'export-gl'],
    floor: (run, files) => ['export-gl', ledgerFile(run.matchHome!), `${files}.csv`],
    check: (_run, project, floor) => {
      const said = /journal J\d+(?: \([^)]*\))?: ([\d,]+) payment\(s\), ([\d,]+) lines/.exec(textOf(project.stderrFile));
      if (!said) return 'no journal written';
      const rows = Number(floor?.report['rows'] ?? 0);
      return rows > 0 ? `ok: ${said[2]} journal lines` : `ok: ${said[2]} journal lines (floor selected nothing)`;
    },
  },
  {
    name: 'report exceptions',
    unit: 'ledger lines',
    size: (run) => run.lines * 10,
    prepare: prepareHistory,
    project: (run) => ['--home', run.historyHome!, 'report', 'exceptions', '--format', 'csv'],
    floor: (run) => ['report exceptions', ledgerFile(run.historyHome!)],
    check: (_run, project, floor) => {
      const rows = textOf(project.stdoutFile).trim().split('\n').length - 1;
      const expected = Number(floor?.report['rows'] ?? -1);
      return rows === expected ? `ok: ${rows} rows` : `${rows} rows, the floor found ${expected}`;
    },
  },
  {
    name: 'status',
    unit: 'ledger lines',
    size: (run) => run.lines * 10,
    prepare: prepareHistory,
    project: (run) => ['--home', run.historyHome!, 'status', '--json'],
    floor: (run) => ['status', ledgerFile(run.historyHome!)],
    check: (_run, project, floor) => {
      const pending = jsonOut<{ pendingExceptions?: number }>(project)?.pendingExceptions;
      const expected = Number(floor?.report['rows'] ?? -1);
      return pending === expected ? `ok: ${pending} need a person` : `${String(pending)} need a person, the floor found ${expected}`;
    },
  },
];
