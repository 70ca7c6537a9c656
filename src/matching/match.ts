/**
 * Cash application for one payer: passes run most reliable first over all lines, so a
 * stronger pass always gets its invoice before a weaker one can; an invoice settled by
 * one line is no longer open for the next. Ambiguity is never guessed: it goes to review.
 */
import { displayMinor } from '../core/money.js';
import { compact, normalisePo, normaliseReference } from './reference.js';
import { lineDeductions, review, settle, type Found } from './settle.js';
import type { InvoiceCandidate, LineDecision, LineToMatch, MatchSettings } from './types.js';

interface Index {
  exact: Map<string, InvoiceCandidate[]>;
  normalised: Map<string, InvoiceCandidate[]>;
  po: Map<string, InvoiceCandidate[]>;
}

type PassResult = { found: Found } | { decision: LineDecision } | undefined;
type Pass = (line: LineToMatch, index: Index, settings: MatchSettings) => PassResult;

/** Decide every line of one payer against that payer's invoices. Pure: no IO. */
export function matchPayer(lines: LineToMatch[], invoices: InvoiceCandidate[], settings: MatchSettings): LineDecision[] {
  // Work on copies: remaining amounts change as lines are applied within this run.
  const working = invoices.map((invoice) => ({ ...invoice }));
  const index = buildIndex(working, settings);
  const decisions = new Map<number, LineDecision>();

  for (const pass of PASSES) {
    for (const line of lines) {
      if (decisions.has(line.id)) continue;
      const result = pass(line, index, settings);
      if (!result) continue;
      const decision = 'decision' in result ? result.decision : settle(line, result.found, settings.autoApplyConfidence);
      decisions.set(line.id, decision);
      if (decision.kind === 'apply' && decision.status === 'applied') {
        const invoice = working.find((candidate) => candidate.id === decision.invoiceId);
        if (invoice) invoice.remainingMinor -= decision.cashMinor + decision.discountMinor + decision.deductionMinor;
      }
    }
  }
  return lines.map((line) => decisions.get(line.id) ?? unmatched(line));
}

const exactPass: Pass = (line, index) => {
  const reference = line.reference.trim();
  if (!reference || line.referenceKind === 'po') return undefined;
  return pick(line, index.exact.get(reference) ?? [], 'exact-reference', 1.0, (inv) => `reference "${line.reference}" is invoice ${inv.number}`);
};

const normalisedPass: Pass = (line, index, settings) => {
  if (!line.reference.trim() || line.referenceKind === 'po') return undefined;
  const key = normaliseReference(line.reference, settings.invoicePrefixes);
  if (!key) return undefined;
  return pick(
    line,
    index.normalised.get(key) ?? [],
    'normalised-reference',
    0.97,
    (inv) => `reference "${line.reference}" is ${inv.number} written differently`,
  );
};

const poPass: Pass = (line, index) => {
  const tried = new Set<string>();
  for (const value of [line.po, line.reference]) {
    const key = value ? normalisePo(value) : '';
    if (!key || tried.has(key)) continue;
    tried.add(key);
    const result = pick(line, index.po.get(key) ?? [], 'po-number', 0.95, (inv) => `PO ${value} belongs to one open invoice, ${inv.number}`);
    if (result) return result;
  }
  return undefined;
};

/** Lines no invoice claimed: payer deductions, or cash left unapplied. */
const leftoverPass: Pass = (line) => {
  if (line.paidMinor < 0) {
    const deductions = lineDeductions(line);
    const kept = -line.paidMinor;
    const listed = deductions.reduce((sum, d) => sum + d.amountMinor, 0);
    const recorded = listed === kept ? deductions : [{ amountMinor: kept, reasonCode: deductions[0]?.reasonCode ?? 'other', reasonRaw: deductions[0]?.reasonRaw ?? line.reference }];
    return {
      decision: {
        kind: 'deduction',
        lineId: line.id,
        deductions: recorded,
        explanation: `payer deduction ${displayMinor(kept)} (${recorded.map((d) => d.reasonCode).join(', ')}) with no invoice of ours: recorded for follow-up`,
      },
    };
  }
  return undefined;
};

const PASSES: Pass[] = [exactPass, normalisedPass, poPass, leftoverPass];

/**
 * One candidate set for a line: exactly one open invoice settles it; several is review;
 * a match only among closed invoices means "not open", and the line is never moved
 * onto another invoice.
 */
function pick(
  line: LineToMatch,
  candidates: InvoiceCandidate[],
  method: string,
  confidence: number,
  why: (invoice: InvoiceCandidate) => string,
): PassResult {
  if (candidates.length === 0) return undefined;
  const sameCurrency = candidates.filter((inv) => inv.currency === line.currency);
  if (sameCurrency.length === 0) {
    return { decision: review(line, `reference "${line.reference}" is ${candidates[0]!.number}, which is in ${candidates[0]!.currency}, not ${line.currency}`, candidates.map((c) => c.id)) };
  }
  const open = sameCurrency.filter((inv) => inv.open && inv.remainingMinor !== 0);
  if (open.length === 1) return { found: { invoice: open[0]!, method, confidence, why: why(open[0]!) } };
  if (open.length > 1) {
    return {
      decision: review(line, `"${line.reference || line.po}" fits ${open.length} open invoices (${open.map((inv) => inv.number).join(', ')}): left for review`, open.map((inv) => inv.id)),
    };
  }
  if (line.paidMinor < 0) return undefined; // a payer deduction that happens to quote a closed document
  const closed = sameCurrency.map((inv) => inv.number).join(', ');
  return {
    decision: { kind: 'unapplied', lineId: line.id, unappliedMinor: line.paidMinor, explanation: `${closed} is not open (paid or closed): left as unapplied cash, not moved to another invoice` },
  };
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

function buildIndex(invoices: InvoiceCandidate[], settings: MatchSettings): Index {
  const index: Index = { exact: new Map(), normalised: new Map(), po: new Map() };
  const add = (map: Map<string, InvoiceCandidate[]>, key: string, invoice: InvoiceCandidate): void => {
    if (!key) return;
    const list = map.get(key);
    if (list) list.push(invoice);
    else map.set(key, [invoice]);
  };
  for (const invoice of invoices) {
    add(index.exact, invoice.number.trim(), invoice);
    add(index.normalised, normaliseReference(invoice.number, settings.invoicePrefixes), invoice);
    if (invoice.po && compact(invoice.po)) add(index.po, normalisePo(invoice.po), invoice);
  }
  return index;
}
