/** `remit reconcile [--dry-run]`: pair bank credits with remittances; say what changed. */
import { displayMinor } from '../../core/money.js';
import { reconcileCash, type ReconcileOutcome } from '../../pipeline/reconcile.js';
import type { Context } from '../context.js';
import { sayFor, type Say } from '../say.js';
import { render } from '../table.js';
import { withWorkspace } from '../workspace.js';

export interface ReconcileOptions {
  company?: string;
  dryRun?: boolean;
  json?: boolean;
}

export async function run(options: ReconcileOptions, ctx: Context): Promise<number> {
  const outcome = await withWorkspace(ctx, (pipeline) => reconcileCash(pipeline, { ...(options.company ? { company: options.company } : {}), dryRun: Boolean(options.dryRun) }));
  if (options.json) {
    ctx.stdout.write(`${JSON.stringify(outcome, null, 2)}\n`);
    return 0;
  }
  if (options.dryRun || outcome.changed.length > 0) {
    const rows = outcome.changed.map((c) => ({
      entry_ref: c.entryRef, value_date: c.valueDate, amount: displayMinor(c.amountMinor), status: c.decision.status, payer: c.decision.payer ?? null,
      payment_refs: c.paymentRefs.join(';'), method: c.decision.method, explanation: c.decision.explanation,
    }));
    if (rows.length) ctx.stdout.write(render(rows, ['entry_ref', 'value_date', 'amount', 'status', 'payer', 'payment_refs', 'method', 'explanation'], 'table', new Set(['amount']), ctx.stdout));
  }
  sayReconciled(outcome, sayFor(ctx));
  return 0;
}

export function sayReconciled(outcome: ReconcileOutcome, say: Say): void {
  const t = outcome.tally;
  const text = `${t.reconciled} reconciled, ${t.unidentified} unidentified, ${t.returned} returned, ${t.ignored} not receipts (ignored)`;
  if (!outcome.written) say.info(`dry run: nothing written. ${text}; ${outcome.unchanged} as before`);
  else say.ok(outcome.changed.length === 0 ? `nothing new to reconcile (${outcome.unchanged} entries as before)` : `reconciled: ${text}; ${outcome.unchanged} as before`);
  if (t.unidentified > 0) say.info(`${t.unidentified} credit(s) unidentified: remit report cash`);
}
