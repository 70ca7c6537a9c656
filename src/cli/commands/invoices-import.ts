/** `remit invoices import FILE`: today's open items from the ERP, as a new snapshot. */
import { importInvoices } from '../../pipeline/import-invoices.js';
import type { Context } from '../context.js';
import { sayFor } from '../say.js';
import { withWorkspace } from '../workspace.js';

export async function run(file: string, options: { company?: string; json?: boolean; followLinks?: boolean }, ctx: Context): Promise<number> {
  const result = await withWorkspace(ctx, (pipeline) => importInvoices(pipeline, { file, ...(options.company ? { company: options.company } : {}), followLinks: Boolean(options.followLinks) }));
  if (options.json) {
    const { company: _company, ...shown } = result;
    ctx.stdout.write(`${JSON.stringify(shown, null, 2)}\n`);
  }
  const say = sayFor(ctx);
  for (const diagnostic of result.diagnostics) say.warn(`${diagnostic.location ?? ''} ${diagnostic.message}`.trim());
  say.ok(
    `snapshot ${result.snapshotId} for ${result.company}: ${result.rows} open items of ${result.customers} customers ` +
      `(${result.added} new, ${result.updated} updated, ${result.closed} no longer open)`,
  );
  return 0;
}
