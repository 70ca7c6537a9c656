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
import { InvoiceBook } from './book.js';
import { rankCandidates } from './candidates.js';
import { applicationsOf, isAutomatic } from './decisions.js';
import type { Outcome, Pass, PassContext } from './pass.js';
import { amountPass } from './passes/amount.js';
import { leftoverPass } from './passes/leftover.js';
import { nearReferencePass } from './passes/near.js';
import { exactPass, learnedPass, normalisedPass, poPass } from './passes/reference.js';
import { severalPass } from './passes/several.js';
import { subsetPass } from './passes/subset.js';
import { resolveSettings, type Settings } from './settings.js';
import { review, settle, settleSet } from './settle.js';
import type { Candidate, InvoiceCandidate, LineDecision, LineToMatch, MatchSettings } from './types.js';

/** Most reliable first. */
export const PASSES: readonly Pass[] = [exactPass, normalisedPass, learnedPass, poPass, severalPass, nearReferencePass, amountPass, subsetPass, leftoverPass];

interface Prepared {
  line: LineToMatch;
  /** Clauses every decision of this line carries (a learned reason mapping). */
  notes: string[];
}

/** Decide every line of one payer against that payer's invoices. Pure: no IO. */
export function matchPayer(lines: LineToMatch[], invoices: InvoiceCandidate[], settings: MatchSettings): LineDecision[] {
  const resolved = resolveSettings(settings);
  // The book works on copies: remaining amounts change as lines are applied within this run.
  const context: PassContext = { book: new InvoiceBook(invoices, resolved), settings: resolved };
  const prepared = lines.map((line) => withLearnedReasons(line, resolved));
  const decisions = new Map<number, LineDecision>();

  for (const pass of PASSES) {
    const pending = prepared.filter((p) => !decisions.has(p.line.id));
    if (!pass.batch) {
      for (const p of pending) {
        const outcome = pass.run(p.line, context);
        if (outcome) decisions.set(p.line.id, commit(p, outcome, context));
      }
      continue;
    }
    const outcomes = pending.map((p) => ({ p, outcome: pass.run(p.line, context) }));
    const claims = new Map<number, number>();
    for (const { outcome } of outcomes) for (const id of claimed(outcome, resolved)) claims.set(id, (claims.get(id) ?? 0) + 1);
    for (const { p, outcome } of outcomes) {
      if (!outcome) continue;
      const shared = claimed(outcome, resolved).filter((id) => (claims.get(id) ?? 0) > 1);
      decisions.set(p.line.id, commit(p, shared.length > 0 ? contested(p.line, outcome, shared, context) : outcome, context));
    }
  }
  return prepared.map((p) => decisions.get(p.line.id) ?? finish(p, unmatched(p.line), context));
}

/** Settle the outcome, relieve the invoices of what is applied, and finish the decision. */
function commit(p: Prepared, outcome: NonNullable<Outcome>, context: PassContext): LineDecision {
  const decision = 'found' in outcome ? settle(p.line, outcome.found, context.settings) : 'several' in outcome ? settleSet(p.line, outcome.several, context.settings) : outcome.decision;
  if (isAutomatic(decision)) {
    for (const part of applicationsOf(decision)) {
      const invoice = context.book.get(part.invoiceId);
      if (invoice) context.book.relieve(invoice, part.cashMinor + part.discountMinor + part.deductionMinor + part.writeOffMinor);
    }
  }
  return finish(p, decision, context, 'several' in outcome ? (outcome.several.alternatives ?? []) : []);
}

/** Learned notes in the explanation; ranked candidates on everything a person will see. */
function finish(p: Prepared, decision: LineDecision, context: PassContext, alternatives: Candidate[] = []): LineDecision {
  const explained = p.notes.length > 0 ? { ...decision, explanation: [decision.explanation, ...p.notes].join('; ') } : decision;
  if (explained.kind === 'deduction' || isAutomatic(explained)) return explained;
  if (explained.kind === 'unapplied' && p.line.paidMinor <= 0) return explained;
  const { book, settings } = context;
  if (explained.kind === 'review') {
    return { ...explained, candidates: rankCandidates(p.line, book, settings, explained.candidateIds, [...(explained.candidates ?? []), ...alternatives]) };
  }
  if (explained.kind === 'unapplied') {
    const candidates = rankCandidates(p.line, book, settings);
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
  const others = rankCandidates(p.line, book, settings, [], alternatives).filter((c) => c.invoiceIds.join() !== own.invoiceIds.join());
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

/** A payer's own reason codes, as an operator taught them, replace what the parser read. */
function withLearnedReasons(line: LineToMatch, settings: Settings): Prepared {
  const rules = settings.learnedRules.filter((rule) => rule.kind === 'reason-map' && rule.payer === line.payer && rule.reasonCode);
  if (rules.length === 0 || line.adjustments.length === 0) return { line, notes: [] };
  const notes: string[] = [];
  const adjustments = line.adjustments.map((adjustment) => {
    const rule = rules.find((r) => r.value.trim().toUpperCase() === adjustment.reasonRaw.trim().toUpperCase());
    if (!rule || rule.reasonCode === adjustment.reasonCode) return adjustment;
    notes.push(`reason "${adjustment.reasonRaw}" read as ${rule.reasonCode} (learned-rule:reason-map, payer ${rule.payer})`);
    return { ...adjustment, reasonCode: rule.reasonCode! };
  });
  return { line: { ...line, adjustments }, notes };
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
