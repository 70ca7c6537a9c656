/**
 * The import stages: each imports one kind of file into a fresh workspace through the real
 * `remit import` (or `remit invoices import`), against a floor that parses the same file
 * and inserts the same columns in one transaction.
 */
import { dirname, join } from 'node:path';
import { createWorkspace } from '../workspace.js';
import type { ChildRun } from '../child.js';
import { count, importedLines, jsonOut } from './outputs.js';
import type { ScaleRun, Stage } from './types.js';

function fresh(run: ScaleRun, name: string): string {
  return createWorkspace(join(run.dir, 'ws', name));
}

function checkLines(expected: number) {
  return (_run: ScaleRun, project: ChildRun): string => {
    const got = importedLines(project);
    if (got.failed > 0) return `${got.failed} file(s) failed`;
    return got.lines === expected ? 'ok' : `imported ${count(got.lines)} of ${count(expected)} lines`;
  };
}

export const IMPORT_STAGES: Stage[] = [
  {
    name: 'CSV import',
    unit: 'lines',
    size: (run) => run.set.remittanceCsv.lines,
    project: (run) => ['--home', fresh(run, 'csv'), 'import', '--payer', 'P01', '--json', run.set.remittanceCsv.path],
    floor: (run, files) => ['csv-import', run.set.remittanceCsv.path, `${files}.db`],
    check: (run, project) => checkLines(run.set.remittanceCsv.lines)(run, project),
  },
  {
    name: 'XLSX import',
    unit: 'lines',
    size: (run) => run.set.xlsx.lines,
    project: (run) => ['--home', fresh(run, 'xlsx'), 'import', '--payer', run.set.xlsx.payer, '--json', run.set.xlsx.path],
    floor: (run, files) => ['xlsx-import', run.set.xlsx.path, `${files}.db`],
    check: (run, project) => checkLines(run.set.xlsx.lines)(run, project),
  },
  {
    name: '820 import',
    unit: 'lines',
    size: (run) => run.set.x12.lines,
    // No --payer: each transaction names its payer (N1*PR), which remit.yaml maps.
    project: (run) => ['--home', fresh(run, 'x12'), 'import', '--json', run.set.x12.path],
    floor: (run, files) => ['820-import', run.set.x12.path, `${files}.db`],
    check: (run, project) => checkLines(run.set.x12.lines)(run, project),
  },
  {
    name: 'PDF import',
    unit: 'pages',
    size: (run) => run.set.pdf.pages,
    project: (run) => ['--home', fresh(run, 'pdf'), 'import', '--payer', run.set.pdf.payer, '--json', ...run.set.pdf.paths],
    floor: (run) => ['pdf-import', dirname(run.set.pdf.paths[0] ?? run.dir)],
    check: (run, project, floor) => {
      const lines = checkLines(run.set.pdf.lines)(run, project);
      const pages = floor?.report['rows'];
      return lines !== 'ok' ? lines : pages !== undefined && pages !== run.set.pdf.pages ? `floor read ${String(pages)} pages` : 'ok';
    },
  },
  {
    name: 'invoices import',
    unit: 'invoices',
    size: (run) => run.set.openInvoices.rows,
    prepare: async (run) => {
      run.matchHome = fresh(run, 'match');
    },
    project: (run) => ['--home', run.matchHome!, 'invoices', 'import', '--json', run.set.openInvoices.path],
    floor: (run, files) => ['invoices-import', run.set.openInvoices.path, `${files}.db`],
    check: (run, project) => {
      const rows = jsonOut<{ rows?: number }>(project)?.rows;
      return rows === run.set.openInvoices.rows ? 'ok' : `read ${rows === undefined ? 'nothing' : count(rows)} of ${count(run.set.openInvoices.rows)} invoices`;
    },
  },
];
