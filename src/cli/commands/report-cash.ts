/** `remit report cash`: every bank entry and every remittance still waiting for its cash. */
import { CASH_COLUMNS, cashReport } from '../../pipeline/cash-report.js';
import type { Context } from '../context.js';
import { streamRows } from '../row-stream.js';
import { render, type Cells, type Format } from '../table.js';
import { withWorkspace } from '../workspace.js';

export async function run(options: { format?: string; json?: boolean; company?: string }, ctx: Context): Promise<number> {
  const format = (options.json ? 'json' : (options.format ?? 'table')) as Format;
  const rows = await withWorkspace(ctx, (pipeline) => cashReport(pipeline, options.company ? { company: options.company } : {}));
  const cells = rows as unknown as Cells[];
  if (format === 'table') {
    const columns = ['entry_id', 'kind', 'entry_ref', 'value_date', 'amount', 'currency', 'status', 'payer', 'payment_refs', 'invoice', 'method', 'expected_by'];
    ctx.stdout.write(render(cells, columns, 'table', new Set(['amount']), ctx.stdout));
  } else await streamRows(ctx.stdout, cells, [...CASH_COLUMNS], format, new Set(['amount', 'bank_fee']));
  return 0;
}
