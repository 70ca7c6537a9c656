/** `remit match`: apply what is certain, leave the rest for a person. */
import { displayMinor } from '../../core/money.js';
import { applicationsOf } from '../../matching/decisions.js';
import { match, type MatchOutcome, type MatchTally } from '../../pipeline/match.js';
import type { Context } from '../context.js';
import { sayFor, type Say } from '../say.js';
import { render } from '../table.js';
import { withWorkspace } from '../workspace.js';

export interface MatchOptions {
  dryRun?: boolean;
  company?: string;
  json?: boolean;
}

export async function run(options: MatchOptions, ctx: Context): Promise<number> {
  const outcome = await withWorkspace(ctx, (pipeline) => match(pipeline, { ...(options.company ? { company: options.company } : {}), dryRun: Boolean(options.dryRun) }));
  const say = sayFor(ctx);
  if (outcome.decisions) {
    const rows = outcome.decisions.map((d) => ({
      line_id: d.lineId,
      outcome: d.kind === 'apply' || d.kind === 'split' ? d.status : d.kind,
      invoice: applicationsOf(d).map((part) => part.invoiceNumber).join(' + '),
      explanation: d.explanation,
    }));
    ctx.stdout.write(render(rows, ['line_id', 'outcome', 'invoice', 'explanation'], options.json ? 'json' : 'table', new Set(), ctx.stdout));
    for (const company of outcome.noInvoices) say.warn(`no open-invoice file was ever imported for ${company}: no line can be applied (remit invoices import FILE --company ${company})`);
    say.info(`dry run: nothing written. ${tallyText(outcome.tally)}`);
    return 0;
  }
  if (options.json) ctx.stdout.write(`${JSON.stringify({ ...outcome.tally, written: outcome.written, unchanged: outcome.unchanged }, null, 2)}\n`);
  sayMatched(outcome, say);
  return 0;
}

/** What a match did, in the operator's words (also after `remit run`). */
export function sayMatched(outcome: MatchOutcome, say: Say): void {
  for (const company of outcome.noInvoices) say.warn(`no open-invoice file was ever imported for ${company}: no line can be applied (remit invoices import FILE --company ${company})`);
  say.ok(outcome.written === 0 ? 'nothing new to match' : `matched ${outcome.written} line(s): ${tallyText(outcome.tally)}`);
  if (outcome.waiting > 0) say.info(`${outcome.waiting} line(s) need a person: remit report exceptions`);
  if (outcome.waitingForCash) say.info(`${outcome.waitingForCash} line(s) wait for their cash (matching.require_cash): remit report cash`);
}

function tallyText(t: MatchTally): string {
  return `${t.applied} applied (${displayMinor(t.appliedMinor)}), ${t.proposed} proposed, ${t.deductions} payer deduction line(s) recorded, ${t.unapplied} left unapplied, ${t.review} for review (lines decided in this match)`;
}
