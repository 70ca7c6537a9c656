/**
 * `remit match`: apply what is certain, leave the rest for a person. Payer by payer: each
 * payer's waiting lines and its open invoices (with the closed ones its lines name: see
 * matching/named.ts) are read, matched and written before the next payer is read, so a
 * night costs what is open and new, not what history holds; all in one transaction (a
 * year of data never sits in memory at once, and a failure leaves nothing half done). A
 * line tried again whose outcome is unchanged is not written, so running match again
 * changes nothing.
 */
import { applicationsOf, isAutomatic } from '../matching/decisions.js';
import { matchPayer } from '../matching/match.js';
import { namedNumbers } from '../matching/named.js';
import type { LineDecision, LineToMatch, MatchSettings } from '../matching/types.js';
import type { Invoice } from '../domain/invoice.js';
import type { DecisionWrite, Ledger, LineState, LineStatus, MatchWork } from '../ledger/index.js';
import { companyOf, type PipelineContext } from './context.js';

export interface MatchTally {
  applied: number;
  appliedMinor: number;
  proposed: number;
  deductions: number;
  unapplied: number;
  review: number;
}

export interface MatchOutcome {
  tally: MatchTally;
  /** Lines whose outcome was written (new or changed). */
  written: number;
  unchanged: number;
  /** Lines that need a person after this match (of the company, or all). */
  waiting: number;
  /** With dryRun: every decision, nothing written. */
  decisions?: LineDecision[];
  /** Companies with lines to match whose open-invoice file was never imported: nothing can be applied for them. */
  noInvoices: string[];
  /** Lines left for a later match because their cash has not arrived (matching.require_cash). */
  waitingForCash?: number;
}

export async function match(ctx: PipelineContext, options: { company?: string; dryRun?: boolean } = {}): Promise<MatchOutcome> {
  const company = options.company ? companyOf(ctx.config, options.company) : undefined;
  // What operators taught remit about each payer's habits (remit report rules).
  const settings: MatchSettings = { ...ctx.config.matching, learnedRules: await ctx.ledger.decisions.rules() };
  const tally = emptyTally();
  const noInvoices: string[] = [];
  const held = { lines: 0 };
  for (const code of new Set((await ctx.ledger.matching.payersWithWork(company)).map((p) => p.company))) {
    if ((await ctx.ledger.invoices.latestSnapshotId(code)) === null) noInvoices.push(code);
  }
  if (options.dryRun) {
    const decisions: LineDecision[] = [];
    await eachPayer(ctx, ctx.ledger, company, settings, held, async (_work, decided) => {
      for (const d of decided) {
        count(tally, d);
        decisions.push(d);
      }
    });
    return { tally, written: 0, unchanged: 0, waiting: await ctx.ledger.reports.exceptionCount(company), decisions, noInvoices, ...(held.lines ? { waitingForCash: held.lines } : {}) };
  }
  const { written, unchanged } = await ctx.ledger.transaction(async (tx) => {
    const result = { written: 0, unchanged: 0 };
    await eachPayer(ctx, tx, company, settings, held, async (work, decided) => {
      for (const d of decided) count(tally, d);
      const { writes, unchanged } = decisionWrites(decided, work);
      await tx.matching.write(writes, ctx.user);
      result.written += writes.length;
      result.unchanged += unchanged;
    });
    await tx.matching.markMatched();
    return result;
  });
  return { tally, written, unchanged, waiting: await ctx.ledger.reports.exceptionCount(company), noInvoices, ...(held.lines ? { waitingForCash: held.lines } : {}) };
}

async function eachPayer(
  ctx: PipelineContext, ledger: Ledger, company: string | undefined, settings: MatchSettings, held: { lines: number },
  use: (work: MatchWork, decisions: LineDecision[]) => Promise<void>,
): Promise<void> {
  for (const { company: code, payer } of await ledger.matching.payersWithWork(company)) {
    let work = await ledger.matching.pendingFor(code, payer);
    // matching.require_cash: a remittance whose money has not arrived is left new, for the match after its cash does.
    if (ctx.config.bank.requireCash.includes(code)) {
      const paid = new Set(await ledger.bank.paidPaymentRefs(code, payer));
      const lines = work.lines.filter((line) => paid.has(line.paymentRef));
      held.lines += work.lines.length - lines.length;
      work = { ...work, lines };
    }
    await use(work, matchPayer(work.lines, await invoicesFor(ledger, code, payer, work.lines, settings), settings));
  }
}

/**
 * The payer's open invoices, and the closed ones its lines may name. A line whose reference
 * is an open invoice's number is decided on that invoice (a number names one invoice of a
 * payer), so only the others are looked up: at a year of data that is a tenth of the lines.
 */
async function invoicesFor(ledger: Ledger, company: string, payer: string, lines: readonly LineToMatch[], settings: MatchSettings): Promise<Invoice[]> {
  const open = await ledger.matching.openInvoicesFor(company, payer);
  const numbers = new Set(open.map((invoice) => invoice.number.trim()));
  const unnamed = lines.filter((line) => !numbers.has(line.reference.trim()));
  const closed = await ledger.matching.closedInvoicesNamed(company, payer, namedNumbers(unnamed, settings.invoicePrefixes));
  return closed.length ? [...open, ...closed] : open;
}

const NEW_LINE: LineState = { status: 'new', note: null };

/**
 * What each decision writes: the line's status (applied when automatic, review for a
 * proposal, else the decision's kind), its cash left unapplied (a proposal moves no money:
 * the line's cash stays unapplied until a person confirms it), the applications (applied or
 * proposed) and the deductions of automatic ones. A retried line whose status and note
 * would stay as they are is left alone.
 */
export function decisionWrites(decisions: readonly LineDecision[], work: MatchWork): { writes: DecisionWrite[]; unchanged: number } {
  const writes: DecisionWrite[] = [];
  let unchanged = 0;
  for (const decision of decisions) {
    const parts = applicationsOf(decision);
    const automatic = isAutomatic(decision);
    const status: LineStatus = parts.length ? (automatic ? 'applied' : 'review') : decision.kind === 'split' || decision.kind === 'apply' ? 'review' : decision.kind;
    const was = work.retried.get(decision.lineId) ?? NEW_LINE;
    if (was.status === status && was.note === decision.explanation) {
      unchanged += 1;
      continue;
    }
    const candidates = 'candidates' in decision && decision.candidates?.length ? decision.candidates : null;
    if (decision.kind === 'apply' || decision.kind === 'split') {
      writes.push({
        lineId: decision.lineId,
        status,
        unappliedMinor: automatic ? decision.unappliedMinor : parts.reduce((sum, p) => sum + p.cashMinor, 0) + decision.unappliedMinor,
        note: decision.explanation,
        candidates,
        applications: parts.map((part) => ({
          invoiceId: part.invoiceId, cashMinor: part.cashMinor, discountMinor: part.discountMinor, deductionMinor: part.deductionMinor,
          writeOffMinor: part.writeOffMinor, method: decision.method, confidence: decision.confidence, explanation: decision.explanation,
          status: automatic ? 'applied' : 'proposed',
        })),
        deductions: automatic ? parts.flatMap((part) => part.deductions.map((d) => ({ invoiceId: part.invoiceId, amountMinor: d.amountMinor, reasonCode: d.reasonCode, reasonRaw: d.reasonRaw }))) : [],
      });
    } else if (decision.kind === 'deduction') {
      writes.push({
        lineId: decision.lineId, status: 'deduction', unappliedMinor: 0, note: decision.explanation, candidates: null, applications: [],
        deductions: decision.deductions.map((d) => ({ invoiceId: null, amountMinor: d.amountMinor, reasonCode: d.reasonCode, reasonRaw: d.reasonRaw })),
      });
    } else {
      writes.push({ lineId: decision.lineId, status, unappliedMinor: decision.unappliedMinor, note: decision.explanation, candidates, applications: [], deductions: [] });
    }
  }
  return { writes, unchanged };
}

function emptyTally(): MatchTally {
  return { applied: 0, appliedMinor: 0, proposed: 0, deductions: 0, unapplied: 0, review: 0 };
}

function count(tally: MatchTally, d: LineDecision): void {
  if (isAutomatic(d)) {
    tally.applied += 1;
    tally.appliedMinor += applicationsOf(d).reduce((sum, part) => sum + part.cashMinor, 0);
  } else if (d.kind === 'apply' || d.kind === 'split') tally.proposed += 1;
  else if (d.kind === 'deduction') tally.deductions += 1;
  else if (d.kind === 'unapplied') tally.unapplied += 1;
  else tally.review += 1;
}
