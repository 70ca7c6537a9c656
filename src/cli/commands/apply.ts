/**
 * `remit apply LINE INVOICE [--amount]` and `remit unapply APPLICATION`: the operator's
 * hand on the ledger, for scripts and for `remit review`. A confirmed match teaches remit
 * the payer's reference habit (remit report rules).
 */
import { UsageError } from '../../core/errors.js';
import { displayMinor, parseAmount } from '../../core/money.js';
import { learnRule } from '../../matching/learn.js';
import type { Ledger } from '../../ledger/index.js';
import type { Config } from '../../config/schema.js';
import type { Context } from '../context.js';
import { sayFor, type Say } from '../say.js';
import { openWorkspace } from '../workspace.js';

export async function run(line: string, invoice: string, options: { amount?: string }, ctx: Context): Promise<number> {
  const { config, ledger } = openWorkspace(ctx);
  try {
    applyAndLearn(ledger, config, idOf(line, 'LINE'), invoice, amountOf(options.amount), ctx.user, sayFor(ctx));
    return 0;
  } finally {
    ledger.close();
  }
}

export async function unapply(application: string, _options: object, ctx: Context): Promise<number> {
  const { ledger } = openWorkspace(ctx);
  try {
    const id = idOf(application, 'APPLICATION');
    const exported = ledger.manual.applicationsOf(ledger.manual.lineOfApplication(id)).find((a) => a.id === id)?.journal_id;
    const undone = ledger.manual.unapply(id, ctx.user);
    sayFor(ctx).ok(
      `application ${id} undone: ${displayMinor(undone.cashMinor)} is unapplied again on line ${undone.lineId}` +
        (exported ? ` (it was in journal J${exported}: the next remit export-gl posts the reversal)` : ''),
    );
    return 0;
  } finally {
    ledger.close();
  }
}

/** Apply, then remember the payer's habit that made the match hard, if there is one. */
export function applyAndLearn(ledger: Ledger, config: Config, lineId: number, invoice: string, amountMinor: number | undefined, user: string, say: Say): void {
  const line = ledger.manual.line(lineId);
  const done = ledger.manual.apply(lineId, invoice, amountMinor, user);
  say.ok(`applied ${displayMinor(done.amountMinor)} of line ${lineId} (${line.payer} ${line.payment_ref} "${line.reference}") to ${invoice}`);
  const rule = learnRule(line.payer, { reference: line.reference }, { number: invoice, po: ledger.manual.invoicePo(done.invoiceId) }, config.matching.invoicePrefixes);
  if (rule && ledger.manual.remember(rule, user)) say.info(`learned: ${rule.kind} "${rule.value}" for ${line.payer} (remit report rules)`);
}

export function idOf(text: string, what: string): number {
  const id = Number(text);
  if (!Number.isInteger(id) || id <= 0) throw new UsageError(`${what} must be a number, got "${text}"`);
  return id;
}

function amountOf(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const result = parseAmount(text);
  if (!result.ok) throw new UsageError(`--amount: ${result.reason}`);
  return result.minor;
}
