/** `remit invoices import FILE`: today's open items from the ERP, as a new snapshot. */
import { existsSync } from 'node:fs';
import { RemitError } from '../../core/errors.js';
import { importInvoices } from '../../importing/import-invoices.js';
import type { Context } from '../context.js';
import { sayFor } from '../say.js';
import { companyFor, openWorkspace } from '../workspace.js';

export async function run(file: string, options: { company?: string; json?: boolean }, ctx: Context): Promise<number> {
  if (!existsSync(file)) throw new RemitError('no-file', `no such file: ${file}`);
  const { paths, config, ledger } = openWorkspace(ctx);
  try {
    const company = companyFor(config, options.company);
    const result = importInvoices(file, company, config, ledger, paths.root);
    if (options.json) ctx.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    const say = sayFor(ctx);
    for (const diagnostic of result.diagnostics) say.warn(`${diagnostic.location ?? ''} ${diagnostic.message}`.trim());
    say.ok(
      `snapshot ${result.snapshotId} for ${company}: ${result.rows} open items of ${result.customers} customers ` +
        `(${result.added} new, ${result.updated} updated, ${result.closed} no longer open)`,
    );
    return 0;
  } finally {
    ledger.close();
  }
}
