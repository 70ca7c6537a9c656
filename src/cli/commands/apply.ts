/**
 * `remit apply LINE INVOICE [--amount]` and `remit unapply APPLICATION`: the operator's
 * hand on the ledger, for scripts and for `remit review`. A confirmed match teaches remit
 * the payer's reference habit (remit report rules).
 */
import { UsageError } from '../../core/errors.js';
import { displayMinor, parseAmount } from '../../core/money.js';
import type { PipelineContext } from '../../pipeline/context.js';
import { applyTyped, unapplyApplication, type ApplyOutcome } from '../../pipeline/review.js';
import type { Context } from '../context.js';
import { sayFor, type Say } from '../say.js';
import { withWorkspace } from '../workspace.js';

export async function run(line: string, invoice: string, options: { amount?: string }, ctx: Context): Promise<number> {
  const amountMinor = amountOf(options.amount);
  const done = await withWorkspace(ctx, (pipeline) => applyTyped(pipeline, { line, invoice, ...(amountMinor !== undefined ? { amountMinor } : {}) }));
  sayApplied(done, sayFor(ctx));
  return 0;
}

function sayApplied(done: ApplyOutcome, say: Say): void {
  const { line } = done;
  for (const how of done.resolved ?? []) say.info(`read as ${how}`);
  say.ok(`applied ${displayMinor(done.amountMinor)} of line ${line.id} (${line.payer} ${line.paymentRef} "${line.reference}") to ${done.invoiceNumber}; ${done.openAfterMinor > 0 ? `${displayMinor(done.openAfterMinor)} ${line.currency} stays open on it` : 'it is settled'}`);
  if (done.learned) say.info(`learned: ${done.learned.kind} "${done.learned.value}" for ${line.payer} (remit report rules)`);
}

export async function unapply(application: string, _options: object, ctx: Context): Promise<number> {
  const id = idOf(application, 'APPLICATION');
  const undone = await withWorkspace(ctx, (pipeline) => unapplyApplication(pipeline, id));
  sayFor(ctx).ok(
    `application ${id} undone: ${displayMinor(undone.cashMinor)} is unapplied again on line ${undone.lineId}` +
      (undone.exportedIn ? ` (it was in journal J${undone.exportedIn}: the next remit export-gl posts the reversal)` : ''),
  );
  return 0;
}

/** Apply, and say what was applied and what was learned. */
export async function applyAndSay(pipeline: PipelineContext, lineId: number, invoice: string, amountMinor: number | undefined, say: Say): Promise<void> {
  sayApplied(await applyTyped(pipeline, { line: String(lineId), invoice, ...(amountMinor !== undefined ? { amountMinor } : {}) }), say);
}

export function idOf(text: string, what: string): number {
  const id = Number(text);
  if (!Number.isInteger(id) || id <= 0) throw new UsageError(`${what} must be a number, got "${text}"`);
  return id;
}

export function amountOf(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const result = parseAmount(text);
  if (!result.ok) throw new UsageError(`--amount: ${result.reason}`);
  return result.minor;
}
