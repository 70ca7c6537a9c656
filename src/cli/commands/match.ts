/** `remit match`: apply what is certain, leave the rest for a person. */
import { displayMinor } from '../../core/money.js';
import { matchPayer } from '../../matching/match.js';
import { applicationsOf, isAutomatic } from '../../matching/decisions.js';
import type { LineDecision } from '../../matching/types.js';
import type { Context } from '../context.js';
import { sayFor } from '../say.js';
import { render } from '../table.js';
import { companyFor, openWorkspace } from '../workspace.js';

export interface MatchOptions {
  dryRun?: boolean;
  company?: string;
  json?: boolean;
}

export async function run(options: MatchOptions, ctx: Context): Promise<number> {
  const { config, ledger } = openWorkspace(ctx);
  try {
    const company = options.company ? companyFor(config, options.company) : undefined;
    const decisions: LineDecision[] = [];
    // What operators taught remit about each payer's habits (remit report rules).
    const rules = ledger.manual.rules();
    for (const work of ledger.matching.pendingWork(company)) {
      const invoices = ledger.matching.invoicesForPayer(work.company, work.payer);
      decisions.push(...matchPayer(work.lines, invoices, { ...config.matching, learnedRules: rules }));
    }
    const say = sayFor(ctx);
    const tally = summarise(decisions);
    if (options.dryRun) {
      const rows = decisions.map((d) => ({
        line_id: d.lineId,
        outcome: d.kind === 'apply' || d.kind === 'split' ? d.status : d.kind,
        invoice: applicationsOf(d).map((part) => part.invoiceNumber).join(' + '),
        explanation: d.explanation,
      }));
      ctx.stdout.write(render(rows, ['line_id', 'outcome', 'invoice', 'explanation'], options.json ? 'json' : 'table'));
      say.info(`dry run: nothing written. ${tallyText(tally)}`);
      return 0;
    }
    const { written, unchanged } = ledger.matching.save(decisions, ctx.user);
    if (options.json) ctx.stdout.write(`${JSON.stringify({ ...tally, written, unchanged }, null, 2)}\n`);
    say.ok(written === 0 ? 'nothing new to match' : `matched ${written} line(s): ${tallyText(tally)}`);
    const waiting = ledger.reports.counts(company).exceptions ?? 0;
    if (waiting > 0) say.info(`${waiting} line(s) need a person: remit report exceptions`);
    return 0;
  } finally {
    ledger.close();
  }
}

interface Tally {
  applied: number;
  appliedMinor: number;
  proposed: number;
  deductions: number;
  unapplied: number;
  review: number;
}

function summarise(decisions: LineDecision[]): Tally {
  const tally: Tally = { applied: 0, appliedMinor: 0, proposed: 0, deductions: 0, unapplied: 0, review: 0 };
  for (const d of decisions) {
    if (isAutomatic(d)) {
      tally.applied += 1;
      tally.appliedMinor += applicationsOf(d).reduce((sum, part) => sum + part.cashMinor, 0);
    } else if (d.kind === 'apply' || d.kind === 'split') tally.proposed += 1;
    else if (d.kind === 'deduction') tally.deductions += 1;
    else if (d.kind === 'unapplied') tally.unapplied += 1;
    else tally.review += 1;
  }
  return tally;
}

function tallyText(t: Tally): string {
  return `${t.applied} applied (${displayMinor(t.appliedMinor)}), ${t.proposed} proposed, ${t.deductions} deduction(s), ${t.unapplied} left unapplied, ${t.review} for review`;
}
