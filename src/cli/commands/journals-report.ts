/** `remit report journals`: every journal exported (newest first): when, in which format, posted on which day, to which files. */
import { UsageError } from '../../core/errors.js';
import { formatMinor } from '../../core/money.js';
import { listJournals } from '../../pipeline/export-journal.js';
import type { Context } from '../context.js';
import { streamRows } from '../row-stream.js';
import { render, type Cells, type Format } from '../table.js';
import { withWorkspace } from '../workspace.js';
import type { ReportOptions } from './report.js';

const COLUMNS = ['journal_id', 'exported_at', 'company', 'format', 'posting_date', 'state', 'lines', 'debit', 'credit', 'files', 'sha256'];
const TABLE = ['journal_id', 'exported_at', 'company', 'format', 'posting_date', 'state', 'lines', 'debit', 'files'];

export async function run(options: ReportOptions, ctx: Context): Promise<number> {
  const format = (options.json ? 'json' : (options.format ?? 'table')) as Format;
  if (!['table', 'csv', 'json'].includes(format)) throw new UsageError(`--format ${options.format}: choose table, csv or json`);
  return withWorkspace(ctx, async (pipeline) => {
    const rows: Cells[] = (await listJournals(pipeline, options.company)).map((j) => ({
      journal_id: `J${j.id}`, exported_at: j.createdAt, company: j.company, format: j.format, posting_date: j.postingDate, state: j.state,
      lines: j.lineCount, debit: formatMinor(j.debitMinor), credit: formatMinor(j.creditMinor), files: j.files.join(' '), sha256: j.sha256,
    }));
    const numeric = new Set(['lines', 'debit', 'credit']);
    if (format === 'table') ctx.stdout.write(render(rows, TABLE, format, numeric, ctx.stdout));
    else await streamRows(ctx.stdout, rows, COLUMNS, format, numeric);
    return 0;
  });
}
