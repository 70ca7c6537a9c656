/**
 * Cash application for one payer: passes run most reliable first over all lines, so a
 * stronger pass always gets its invoice before a weaker one can; an invoice settled by
 * one line is no longer open for the next. Ambiguity is never guessed: it goes to review,
 * with ranked candidates, as does anything below the auto-apply confidence.
 *
 *   pass                  method                         confidence
 *   exact reference       exact-reference                1.00
 *   normalised reference  normalised-reference           0.97
 *   learned habit         learned-rule:<kind>            0.96
 *   PO                    po-number                      0.95
 *   several invoices      multi-reference                0.96
 *   slip / truncation     reference-slip, truncated-reference   0.95 (0.70 if the amount disagrees)
 *   amount alone          amount-match                   0.95 (0.90 without dates, 0.85 naming another document, 0.70 outside the window)
 *   set of invoices       subset-sum                     0.95 (0.60-0.90 when not certain)
 *   payer deductions      (deduction)
 */
import { InvoiceBook, type Working } from './book.js';
import { rankCandidates } from './candidates.js';
import { applicationsOf, isAutomatic } from './decisions.js';
import type { Outcome, Pass, PassContext } from './pass.js';
import { amountPass } from './passes/amount-pass.js';
import { leftoverPass } from './passes/leftover-pass.js';
import { nearReferencePass } from './passes/near-pass.js';
import { exactPass, learnedPass, normalisedPass, poPass } from './passes/reference-pass.js';
import { severalPass } from './passes/several-pass.js';
import { subsetPass } from './passes/subset-pass.js';
import { resolveSettings, type Settings } from './settings.js';
import { review, settle, settleSet } from './settle.js';
import type { Candidate, InvoiceCandidate, LineDecision, LineToMatch, MatchSettings } from './types.js';

/** Most reliable first. */
export const PASSES: readonly Pass[] = [exactPass, normalisedPass, learnedPass, poPass, severalPass, nearReferencePass, amountPass, subsetPass, leftoverPass];

/** Decide every line of one payer against that payer's invoices. Pure: no IO. */
export function matchPayer(lines: LineToMatch[], invoices: InvoiceCandidate[], settings: MatchSettings): LineDecision[] {
  const resolved = resolveSettings(settings);
  // The book works on copies: remaining amounts change as lines are applied within this run.
  const context: PassContext = { book: new InvoiceBook(invoices, resolved), settings: resolved };
  // Decisions by the line's position; a run at a year of data has tens of thousands per payer.
  const { work, notes } = withLearnedReasons(lines, resolved);
  const decided = new Array<LineDecision | undefined>(work.length);

  let pending = work.map((_, k) => k);
  for (const pass of PASSES) {
    pending = pending.filter((k) => decided[k] === undefined);
    if (!pass.batch) {
      for (const k of pending) {
        const outcome = pass.run(work[k]!, context);
        if (outcome) decided[k] = commit(work[k]!, notes.get(k), outcome, context);
      }
      continue;
    }
    const outcomes = pending.map((k) => pass.run(work[k]!, context));
    const claims = new Map<number, number>();
    for (const outcome of outcomes) for (const id of claimed(outcome, resolved)) claims.set(id, (claims.get(id) ?? 0) + 1);
    pending.forEach((k, at) => {
      const outcome = outcomes[at];
      if (!outcome) return;
      const line = work[k]!;
      const shared = claimed(outcome, resolved).filter((id) => (claims.get(id) ?? 0) > 1);
      decided[k] = commit(line, notes.get(k), shared.length > 0 ? contested(line, outcome, shared, context) : outcome, context);
    });
  }
  return work.map((line, k) => decided[k] ?? finish(line, notes.get(k), unmatched(line), context));
}

/** Settle the outcome, relieve the invoices of what is applied, and finish the decision. */
function commit(line: LineToMatch, notes: string[] | undefined, outcome: NonNullable<Outcome>, context: PassContext): LineDecision {
  const decision = 'found' in outcome ? settle(line, outcome.found, context.settings) : 'several' in outcome ? settleSet(line, outcome.several, context.settings) : outcome.decision;
  if (isAutomatic(decision)) {
    for (const part of applicationsOf(decision)) {
      const invoice = appliedTo(outcome, part.invoiceId) ?? context.book.get(part.invoiceId);
      if (invoice) context.book.relieve(invoice, part.cashMinor + part.discountMinor + part.deductionMinor + part.writeOffMinor);
    }
  }
  return finish(line, notes, decision, context, 'several' in outcome ? (outcome.several.alternatives ?? []) : []);
}

/** The invoice of the book an outcome applies `invoiceId` to, without a lookup by id. */
function appliedTo(outcome: NonNullable<Outcome>, invoiceId: number): Working | undefined {
  if ('found' in outcome) return outcome.found.invoice.id === invoiceId ? outcome.found.invoice : undefined;
  if ('several' in outcome) return outcome.several.invoices.find((invoice) => invoice.id === invoiceId);
  return undefined;
}

/** Learned notes in the explanation; ranked candidates on everything a person will see. */
function finish(line: LineToMatch, notes: string[] | undefined, decision: LineDecision, context: PassContext, alternatives: Candidate[] = []): LineDecision {
  const explained = notes ? { ...decision, explanation: [decision.explanation, ...notes].join('; ') } : decision;
  if (explained.kind === 'deduction' || isAutomatic(explained)) return explained;
  if (explained.kind === 'unapplied' && line.paidMinor <= 0) return explained;
  const { book, settings } = context;
  if (explained.kind === 'review') {
    return { ...explained, candidates: rankCandidates(line, book, settings, explained.candidateIds, [...(explained.candidates ?? []), ...alternatives]) };
  }
  if (explained.kind === 'unapplied') {
    const candidates = rankCandidates(line, book, settings);
    return candidates.length > 0 ? { ...explained, candidates } : explained;
  }
  // A proposal: what it proposes comes first, at the confidence it was found with.
  const proposed = applicationsOf(explained);
  const own: Candidate = {
    invoiceIds: proposed.map((part) => part.invoiceId),
    invoiceNumbers: proposed.map((part) => part.invoiceNumber),
    score: explained.confidence,
    reason: `proposed by ${explained.method}`,
  };
  const others = rankCandidates(line, book, settings, [], alternatives).filter((c) => c.invoiceIds.join() !== own.invoiceIds.join());
  return { ...explained, candidates: [own, ...others].slice(0, 5) };
}

/** Invoices an outcome would take without a person. */
function claimed(outcome: Outcome, settings: Settings): number[] {
  if (!outcome) return [];
  if ('found' in outcome) return outcome.found.confidence >= settings.autoApplyConfidence ? [outcome.found.invoice.id] : [];
  if ('several' in outcome) return outcome.several.confidence >= settings.autoApplyConfidence ? outcome.several.invoices.map((inv) => inv.id) : [];
  return [];
}

function contested(line: LineToMatch, outcome: NonNullable<Outcome>, shared: number[], context: PassContext): NonNullable<Outcome> {
  const why = 'found' in outcome ? outcome.found.why : 'several' in outcome ? outcome.several.why : outcome.decision.explanation;
  const numbers = shared.map((id) => context.book.get(id)?.number ?? String(id)).join(', ');
  const ids = 'found' in outcome ? [outcome.found.invoice.id] : 'several' in outcome ? outcome.several.invoices.map((inv) => inv.id) : shared;
  return { decision: review(line, `${why}; but another line of this payer fits ${numbers} in the same way: left for review`, ids) };
}

/**
 * A payer's own reason codes, as an operator taught them, replace what the parser read:
 * the lines as matched, and by position the notes their decisions carry.
 */
function withLearnedReasons(lines: LineToMatch[], settings: Settings): { work: LineToMatch[]; notes: Map<number, string[]> } {
  const notes = new Map<number, string[]>();
  const reasonRules = settings.learnedRules.filter((rule) => rule.kind === 'reason-map' && rule.reasonCode);
  if (reasonRules.length === 0) return { work: lines, notes };
  const work = lines.map((line, k) => {
    const rules = reasonRules.filter((rule) => rule.payer === line.payer);
    if (rules.length === 0 || line.adjustments.length === 0) return line;
    const said: string[] = [];
    const adjustments = line.adjustments.map((adjustment) => {
      const rule = rules.find((r) => r.value.trim().toUpperCase() === adjustment.reasonRaw.trim().toUpperCase());
      if (!rule || rule.reasonCode === adjustment.reasonCode) return adjustment;
      said.push(`reason "${adjustment.reasonRaw}" read as ${rule.reasonCode} (learned-rule:reason-map, payer ${rule.payer})`);
      return { ...adjustment, reasonCode: rule.reasonCode! };
    });
    if (said.length > 0) notes.set(k, said);
    return { ...line, adjustments };
  });
  return { work, notes };
}

function unmatched(line: LineToMatch): LineDecision {
  const what = line.reference ? `"${line.reference}"` : 'a line with no reference';
  return {
    kind: 'unapplied',
    lineId: line.id,
    unappliedMinor: line.paidMinor,
    explanation: `no open invoice of this payer matches ${what}${line.po ? ` or PO ${line.po}` : ''}: left as unapplied cash`,
  };
}
