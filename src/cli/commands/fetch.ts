/** `remit fetch`: log in to every portal, download new remittances, import them. */
import { fetchPortals, type FetchOutcome } from '../../pipeline/fetch-portals.js';
import type { Context } from '../context.js';
import { sayFor, type Say } from '../say.js';
import { render } from '../table.js';
import { fetchServices, withWorkspace } from '../workspace.js';

export interface FetchOptions {
  since?: string;
  until?: string;
  portal?: string[];
  company?: string;
  dryRun?: boolean;
  headed?: boolean;
  json?: boolean;
}

export async function run(options: FetchOptions, ctx: Context): Promise<number> {
  const outcome = await withWorkspace(ctx, async (pipeline) => {
    const services = fetchServices(ctx, pipeline, { headed: Boolean(options.headed) });
    try {
      return await fetchPortals(pipeline, services, options);
    } finally {
      await services.close();
    }
  });
  sayFetched(outcome, options, ctx, sayFor(ctx));
  return outcome.failed ? 1 : 0;
}

/** The fetch's table on stdout and its verdict on stderr (also after `remit run`). */
export function sayFetched(outcome: FetchOutcome, options: { dryRun?: boolean; json?: boolean }, ctx: Context, say: Say): void {
  if (outcome.runId === undefined) {
    say.info('no portal accounts to fetch: add one with remit portal add');
    return;
  }
  const format = options.json ? 'json' : 'table';
  if (options.dryRun) {
    const rows = outcome.accounts.flatMap((o) => o.dryRunRows.map((row) => ({ portal: o.account.id, row: row.rowId, payment_ref: row.fields.paymentRef ?? '', date: row.fields.date ?? '' })));
    ctx.stdout.write(render(rows, ['portal', 'row', 'payment_ref', 'date'], format, new Set(), ctx.stdout));
  } else {
    const rows = outcome.accounts.map((o) => ({
      portal: o.account.id, status: o.record.status, files: o.record.files, payments: o.record.payments, errors: o.record.fileErrors + (o.record.status === 'failed' && o.record.errorKind !== 'file' ? 1 : 0),
      message: o.record.status === 'failed' ? (o.record.message ?? '') : '', evidence: o.record.artifacts ?? '',
    }));
    ctx.stdout.write(render(rows, ['portal', 'status', 'files', 'payments', 'errors', 'message', 'evidence'], format, new Set(), ctx.stdout));
  }
  const failures = outcome.accounts.filter((o) => o.record.status === 'failed');
  if (failures.length) say.warn(`${failures.length} of ${outcome.accounts.length} portal(s) need attention: ${failures.map((f) => f.account.id).join(', ')}`);
  else say.ok(`fetch ${outcome.runId} done`);
}
