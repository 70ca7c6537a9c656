/**
 * Ranked candidates for a line a person has to decide: every invoice some evidence points
 * to (its reference, a near reference, its PO, a learned habit, its amount), scored so the
 * likeliest comes first, each with the reasons for and against it in a few words.
 */
import { displayMinor } from '../core/money.js';
import type { InvoiceBook, Working } from './book.js';
import { normalisePo, normaliseReference } from './reference.js';
import type { Settings } from './settings.js';
import { lineSettles } from './settle.js';
import type { Candidate, LineToMatch } from './types.js';

const MAX_CANDIDATES = 5;

interface Evidence {
  invoice: Working;
  reference: number;
  reasons: string[];
}

/**
 * Candidates for a line, best first. `named` are the invoices the deciding pass looked at
 * (always listed); `sets` are multi-invoice candidates it found (kept as they are).
 */
export function rankCandidates(line: LineToMatch, book: InvoiceBook, settings: Settings, named: number[] = [], sets: Candidate[] = []): Candidate[] {
  const evidence = new Map<number, Evidence>();
  const note = (invoice: Working | undefined, score: number, reason: string): void => {
    if (!invoice) return;
    const entry = evidence.get(invoice.id) ?? { invoice, reference: 0, reasons: [] };
    if (score > entry.reference) entry.reference = score;
    if (reason && !entry.reasons.includes(reason)) entry.reasons.push(reason);
    evidence.set(invoice.id, entry);
  };

  const reference = line.reference.trim();
  if (reference) {
    for (const inv of book.byNumber(reference)) note(inv, 0.6, 'reference is its number');
    for (const inv of book.byNormalised(normaliseReference(reference, settings.invoicePrefixes))) note(inv, 0.55, 'reference is its number written differently');
    for (const inv of book.slipNeighbours(reference)) note(inv, 0.45, 'reference is one slip from its number');
    for (const { invoice, kept } of book.truncationFits(reference)) note(invoice, 0.35, `reference is the ${kept} characters of its number`);
    for (const rule of settings.learnedRules) {
      if (rule.payer !== line.payer || rule.kind === 'reason-map') continue;
      for (const inv of book.byRule(rule, reference)) note(inv, 0.55, `a learned habit of payer ${rule.payer} (${rule.kind})`);
    }
  }
  for (const po of [line.po, line.reference]) {
    if (po && normalisePo(po)) for (const inv of book.byPo(normalisePo(po))) note(inv, 0.5, `PO ${po} is its PO`);
  }
  const settled = lineSettles(line);
  if (settled > 0) for (const inv of book.byAmount(settled)) note(inv, 0, '');
  for (const id of named) note(book.get(id), 0, '');

  // Scores first, words only for the few that are shown.
  const scored = [...evidence.values()].map((entry) => ({ entry, score: round(Math.min(scoreOf(entry.invoice, entry.reference), 0.99)) }));
  const top = scored.sort((a, b) => b.score - a.score || a.entry.invoice.id - b.entry.invoice.id).slice(0, MAX_CANDIDATES);
  const ranked: Candidate[] = top.map(({ entry, score }) => ({
    invoiceIds: [entry.invoice.id],
    invoiceNumbers: [entry.invoice.number],
    score,
    reason: [...entry.reasons, ...against(entry.invoice)].join('; '),
  }));
  return [...sets, ...ranked]
    .sort((a, b) => b.score - a.score || a.invoiceIds[0]! - b.invoiceIds[0]!)
    .slice(0, MAX_CANDIDATES);

  function scoreOf(invoice: Working, referenceScore: number): number {
    let total = referenceScore;
    const open = invoice.open && invoice.remainingMinor !== 0;
    if (settled > 0 && open) {
      const difference = invoice.remainingMinor - settled;
      if (Math.abs(difference) <= settings.writeOffToleranceMinor) total += 0.35;
      else if (difference > 0) total += 0.05;
    }
    if (book.window(line, invoice) === 'inside') total += 0.04;
    if (!open) total *= 0.3;
    if (invoice.currency !== line.currency) total *= 0.2;
    return total;
  }

  function against(invoice: Working): string[] {
    const reasons: string[] = [];
    const open = invoice.open && invoice.remainingMinor !== 0;
    if (settled > 0 && open) {
      const difference = invoice.remainingMinor - settled;
      if (Math.abs(difference) <= settings.writeOffToleranceMinor) reasons.push(`open ${displayMinor(invoice.remainingMinor)} agrees with the amount`);
      else if (difference > 0) reasons.push(`open ${displayMinor(invoice.remainingMinor)}: a partial payment would leave ${displayMinor(difference)}`);
      else reasons.push(`open ${displayMinor(invoice.remainingMinor)} is less than the line's ${displayMinor(settled)}`);
    }
    if (book.window(line, invoice) === 'outside') reasons.push(`dated ${invoice.invoiceDate}, outside the date window`);
    if (!open) reasons.push('not open');
    if (invoice.currency !== line.currency) reasons.push(`in ${invoice.currency}`);
    return reasons;
  }
}

function round(score: number): number {
  return Math.round(score * 100) / 100;
}
