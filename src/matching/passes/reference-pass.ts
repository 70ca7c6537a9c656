/**
 * The reference passes: the line names the invoice by its number (as written, or written
 * differently), by its PO, or by a habit the operator taught remit for this payer.
 */
import { displayMinor } from '../../core/money.js';
import { available, type Working } from '../book.js';
import { describeRule } from '../learn.js';
import { slipKey, withinOneEdit } from '../near.js';
import { normalisePo, normaliseReference } from '../reference.js';
import { lineSettles, review } from '../settle.js';
import type { Outcome, Pass, PassContext } from '../pass.js';
import type { LineToMatch } from '../types.js';

export const exactPass: Pass = {
  name: 'exact-reference',
  batch: false,
  run(line, context) {
    const reference = line.reference.trim();
    if (!reference || line.referenceKind === 'po') return undefined;
    return pick(line, context.book.byNumber(reference), 'exact-reference', 1.0, (inv) => `reference "${line.reference}" is invoice ${inv.number}`, context, true);
  },
};

export const normalisedPass: Pass = {
  name: 'normalised-reference',
  batch: false,
  run(line, context) {
    if (!line.reference.trim() || line.referenceKind === 'po') return undefined;
    const key = normaliseReference(line.reference, context.settings.invoicePrefixes);
    if (!key) return undefined;
    return pick(
      line,
      context.book.byNormalised(key),
      'normalised-reference',
      0.97,
      (inv) => `reference "${line.reference}" is ${inv.number} written differently`,
      context,
      true,
    );
  },
};

export const poPass: Pass = {
  name: 'po-number',
  batch: false,
  run(line, context) {
    const tried = new Set<string>();
    for (const value of [line.po, line.reference]) {
      const key = value ? normalisePo(value) : '';
      if (!key || tried.has(key)) continue;
      tried.add(key);
      const result = pick(line, context.book.byPo(key), 'po-number', 0.95, (inv) => `PO ${value} belongs to one open invoice, ${inv.number}`, context, false);
      if (result) return result;
    }
    return undefined;
  },
};

/** A habit of this payer, confirmed by an operator before: `learned-rule:<kind>`. */
export const learnedPass: Pass = {
  name: 'learned-rule',
  batch: false,
  run(line, context) {
    if (!line.payer || !line.reference.trim()) return undefined;
    for (const rule of context.settings.learnedRules) {
      if (rule.payer !== line.payer || rule.kind === 'reason-map') continue;
      const result = pick(line, context.book.byRule(rule, line.reference), `learned-rule:${rule.kind}`, 0.96, (inv) => `reference "${line.reference}" is ${inv.number}: ${describeRule(rule)} (learned from an operator)`, context, true);
      if (result) return result;
    }
    return undefined;
  },
};

/**
 * One candidate set for a line: exactly one open invoice settles it; several is review;
 * a match only among closed invoices means "not open", and the line is never moved
 * onto another invoice.
 */
export function pick(
  line: LineToMatch,
  candidates: readonly Working[],
  method: string,
  confidence: number,
  why: (invoice: Working) => string,
  context: PassContext,
  guardSlips: boolean,
): Outcome {
  if (candidates.length === 0) return undefined;
  // Counted first: nearly every line has one candidate, and it is decided without copying the list.
  let sameCurrency = 0;
  let openCount = 0;
  let firstOpen: Working | undefined;
  for (const inv of candidates) {
    if (inv.currency !== line.currency) continue;
    sameCurrency += 1;
    if (inv.open && inv.remainingMinor !== 0) {
      openCount += 1;
      firstOpen ??= inv;
    }
  }
  if (sameCurrency === 0) {
    return { decision: review(line, `reference "${line.reference}" is ${candidates[0]!.number}, which is in ${candidates[0]!.currency}, not ${line.currency}`, candidates.map((c) => c.id)) };
  }
  if (openCount === 1) {
    const invoice = firstOpen!;
    const typo = guardSlips ? typoOnto(line, invoice, context) : undefined;
    if (typo) return { decision: review(line, typo.explanation, [invoice.id, ...typo.ids]) };
    return { found: { invoice, method, confidence, why: why(invoice) } };
  }
  if (openCount > 1) {
    const open = candidates.filter((inv) => inv.currency === line.currency && inv.open && inv.remainingMinor !== 0);
    return {
      decision: review(line, `"${line.reference || line.po}" fits ${open.length} open invoices (${open.map((inv) => inv.number).join(', ')}): left for review`, open.map((inv) => inv.id)),
    };
  }
  if (line.paidMinor < 0) return undefined; // a payer deduction that happens to quote a closed document
  const closed = candidates.filter((inv) => inv.currency === line.currency).map((inv) => inv.number).join(', ');
  return {
    decision: { kind: 'unapplied', lineId: line.id, unappliedMinor: line.paidMinor, explanation: `${closed} is not open (paid or closed): left as unapplied cash, not moved to another invoice` },
  };
}

/**
 * A typo can land on another real invoice number. When the named invoice's open amount does
 * not agree with the line but an invoice one slip away agrees exactly, the payer most likely
 * meant that one: neither is applied without a person. Partial payments are otherwise
 * applied as named.
 */
function typoOnto(line: LineToMatch, named: Working, context: PassContext): { explanation: string; ids: number[] } | undefined {
  const settled = lineSettles(line);
  const tolerance = context.settings.writeOffToleranceMinor;
  if (settled <= 0 || Math.abs(named.remainingMinor - settled) <= tolerance) return undefined;
  // By amount first: few invoices agree with it, and a slip is then checked on those alone.
  const key = slipKey(line.reference, context.settings.invoicePrefixes);
  const agreeing = context.book
    .byAmountNear(settled)
    .filter((inv) => inv !== named && available(inv, line.currency) && withinOneEdit(key, context.book.slipKeyOf(inv)));
  if (agreeing.length === 0) return undefined;
  return {
    explanation:
      `reference "${line.reference}" is ${named.number}, but its ${displayMinor(named.remainingMinor)} open does not agree with the line's ${displayMinor(settled)}, ` +
      `while ${agreeing.map((inv) => inv.number).join(', ')}, one slip away, agree${agreeing.length === 1 ? 's' : ''}: a typo? left for review`,
    ids: agreeing.map((inv) => inv.id),
  };
}
