/** `remit match`: apply what is certain, leave the rest for a person. */
import { displayMinor } from '../../core/money.js';
import { matchPayer } from '../../matching/match.js';
import { applicationsOf, isAutomatic } from '../../matching/decisions.js';
import type { LineDecision, MatchSettings } from '../../matching/types.js';
import type { Ledger } from '../../ledger/index.js';
import type { MatchWork } from '../../ledger/matching.js';
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
    // What operators taught remit about each payer's habits (remit report rules).
    const settings: MatchSettings = { ...config.matching, learnedRules: ledger.manual.rules() };
    const say = sayFor(ctx);
    const tally = emptyTally();
    if (options.dryRun) {
      const rows: Array<Record<string, string | number>> = [];
      eachPayer(ledger, company, settings, (_work, decisions) => {
        for (const d of decisions) {
          count(tally, d);
          rows.push({
            line_id: d.lineId,
            outcome: d.kind === 'apply' || d.kind === 'split' ? d.status : d.kind,
            invoice: applicationsOf(d).map((part) => part.invoiceNumber).join(' + '),
            explanation: d.explanation,
          });
        }
      });
      ctx.stdout.write(render(rows, ['line_id', 'outcome', 'invoice', 'explanation'], options.json ? 'json' : 'table'));
      say.info(`dry run: nothing written. ${tallyText(tally)}`);
      return 0;
    }
    // All payers in one transaction, each payer's decisions written before the next payer is
    // read: a year of data never sits in memory at once, and a failure leaves nothing half done.
    const { written, unchanged } = ledger.transaction(() => {
      const result = { written: 0, unchanged: 0 };
      eachPayer(ledger, company, settings, (work, decisions) => {
        for (const d of decisions) count(tally, d);
        const saved = ledger.matching.write(decisions, ctx.user, work);
        result.written += saved.written;
        result.unchanged += saved.unchanged;
      });
      ledger.matching.markMatched();
      return result;
    });
    if (options.json) ctx.stdout.write(`${JSON.stringify({ ...tally, written, unchanged }, null, 2)}\n`);
    say.ok(written === 0 ? 'nothing new to match' : `matched ${written} line(s): ${tallyText(tally)}`);
    const waiting = ledger.reports.exceptionCount(company);
    if (waiting > 0) say.info(`${waiting} line(s) need a person: remit report exceptions`);
    return 0;
  } finally {
    ledger.close();
  }
}

/** Decide payer by payer: each payer's lines and invoices are read, matched and handed on before the next. */
function eachPayer(ledger: Ledger, company: string | undefined, settings: MatchSettings, use: (work: MatchWork, decisions: LineDecision[]) => void): void {
  for (const { company: code, payer } of ledger.matching.payersWithWork(company)) {
    const work = ledger.matching.pendingFor(code, payer);
    use(work, matchPayer(work.lines, ledger.matching.invoicesForPayer(code, payer), settings));
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

function emptyTally(): Tally {
  return { applied: 0, appliedMinor: 0, proposed: 0, deductions: 0, unapplied: 0, review: 0 };
}

function count(tally: Tally, d: LineDecision): void {
  if (isAutomatic(d)) {
    tally.applied += 1;
    tally.appliedMinor += applicationsOf(d).reduce((sum, part) => sum + part.cashMinor, 0);
  } else if (d.kind === 'apply' || d.kind === 'split') tally.proposed += 1;
  else if (d.kind === 'deduction') tally.deductions += 1;
  else if (d.kind === 'unapplied') tally.unapplied += 1;
  else tally.review += 1;
}

function tallyText(t: Tally): string {
  return `${t.applied} applied (${displayMinor(t.appliedMinor)}), ${t.proposed} proposed, ${t.deductions} deduction(s), ${t.unapplied} left unapplied, ${t.review} for review`;
}
