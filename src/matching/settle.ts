/**
 * Once a line has found its invoice (or invoices), settle the amounts: cash, discount and
 * deductions against what is still open. Full, partial and over-payment are told apart
 * here; a difference within the write-off tolerance is written off; a discount the terms
 * do not allow becomes an unearned-discount deduction.
 */
import { addDays } from '../core/dates.js';
import { displayMinor, type Minor } from '../core/money.js';
import type { Settings } from './settings.js';
import type { ApplicationPart, Candidate, DeductionDecision, InvoiceCandidate, LineDecision, LineToMatch } from './types.js';

/** The reason code of a discount taken after the discount date, or beyond the terms. */
export const UNEARNED_DISCOUNT = 'unearned-discount';

export interface Found {
  invoice: InvoiceCandidate;
  method: string;
  confidence: number;
  /** Why this invoice: one clause an auditor can read. */
  why: string;
}

/** Several invoices for one line, each to be closed by it. */
export interface FoundSet {
  invoices: InvoiceCandidate[];
  method: string;
  confidence: number;
  why: string;
}

export function lineDeductions(line: LineToMatch): DeductionDecision[] {
  if (line.adjustments.length === 0) return [];
  return line.adjustments
    .filter((adjustment) => adjustment.amountMinor !== 0)
    .map((adjustment) => ({ amountMinor: adjustment.amountMinor, reasonCode: adjustment.reasonCode, reasonRaw: adjustment.reasonRaw }));
}

/** What the line settles on an invoice: cash, discount and deductions together. */
export function lineSettles(line: LineToMatch): Minor {
  let deducted = 0;
  for (const adjustment of line.adjustments) deducted += adjustment.amountMinor;
  return line.paidMinor + line.discountMinor + deducted;
}

/**
 * Does the line close the invoice exactly (cash, discount and deductions together)? The
 * weaker passes ask this, to the cent: the write-off tolerance is for lines whose invoice
 * is certain, not a way to make a near reference fit.
 */
export function amountAgrees(line: LineToMatch, invoice: InvoiceCandidate): boolean {
  const settled = lineSettles(line);
  return settled > 0 && invoice.remainingMinor === settled;
}

/**
 * The discount a line takes on an invoice, checked against the invoice's terms when the
 * ledger gave them: taken after the discount date (plus grace days), or more than the terms
 * allow, the excess is not a discount but an unearned-discount deduction to follow up.
 */
export function checkDiscount(
  line: LineToMatch,
  invoice: InvoiceCandidate,
  discountMinor: Minor,
  settings: Settings,
): { discountMinor: Minor; unearned?: DeductionDecision; note?: string } {
  if (discountMinor <= 0 || invoice.discountDays === undefined || !invoice.invoiceDate || !line.paymentDate) return { discountMinor };
  const discountDate = addDays(invoice.invoiceDate, invoice.discountDays);
  const lastDay = addDays(discountDate, settings.discountGraceDays);
  if (line.paymentDate > lastDay) {
    return {
      discountMinor: 0,
      unearned: { amountMinor: discountMinor, reasonCode: UNEARNED_DISCOUNT, reasonRaw: `discount after ${discountDate}` },
      note: `discount ${displayMinor(discountMinor)} taken on a payment of ${line.paymentDate}, after the discount date ${discountDate}: recorded as an ${UNEARNED_DISCOUNT} deduction`,
    };
  }
  if (invoice.discountPercent !== undefined) {
    const allowed = Math.round((invoice.originalMinor * invoice.discountPercent) / 100);
    // One cent of rounding either way is the payer's arithmetic, not a claim.
    if (discountMinor > allowed + 1) {
      const excess = discountMinor - allowed;
      return {
        discountMinor: allowed,
        unearned: { amountMinor: excess, reasonCode: UNEARNED_DISCOUNT, reasonRaw: `discount above ${invoice.discountPercent}%` },
        note: `discount ${displayMinor(discountMinor)} is more than the ${invoice.discountPercent}% the terms allow (${displayMinor(allowed)}): ${displayMinor(excess)} recorded as an ${UNEARNED_DISCOUNT} deduction`,
      };
    }
  }
  return { discountMinor };
}

/**
 * Apply a line to its invoice. Returns the decision, or a review decision when the
 * amounts cannot be settled without a person (e.g. discount larger than what is open).
 */
export function settle(line: LineToMatch, found: Found, settings: Settings): LineDecision {
  const { invoice } = found;
  const discount = checkDiscount(line, invoice, line.discountMinor, settings);
  const deductions = lineDeductions(line);
  if (discount.unearned) deductions.push(discount.unearned);
  const deductionMinor = deductions.reduce((sum, d) => sum + d.amountMinor, 0);
  const discountMinor = discount.discountMinor;
  const settled = line.paidMinor + discountMinor + deductionMinor;
  const open = invoice.remainingMinor;
  const parts: string[] = [found.why];
  if (discountMinor) parts.push(`discount ${displayMinor(discountMinor)} taken`);
  if (discount.note) parts.push(discount.note);
  for (const d of deductions) if (d !== discount.unearned) parts.push(`deduction ${displayMinor(d.amountMinor)} (${d.reasonCode}${d.reasonRaw ? ` "${d.reasonRaw}"` : ''})`);

  let cashMinor: Minor = line.paidMinor;
  let unappliedMinor: Minor = 0;
  let writeOffMinor: Minor = 0;
  if (Math.sign(settled) !== Math.sign(open) || settled === 0) {
    return review(line, `${found.why}, but the line (${displayMinor(settled)}) and the open amount (${displayMinor(open)}) do not fit together`, [invoice.id]);
  }
  const difference = open - settled;
  if (difference !== 0 && Math.abs(difference) <= settings.writeOffToleranceMinor) {
    writeOffMinor = difference;
    parts.push(`${difference > 0 ? 'short' : 'over'} by ${displayMinor(Math.abs(difference))}, within the ${displayMinor(settings.writeOffToleranceMinor)} tolerance: written off; closes it`);
  } else if (Math.abs(settled) <= Math.abs(open)) {
    parts.push(settled === open ? 'closes it' : `partial: ${displayMinor(open - settled)} stays open`);
  } else {
    cashMinor = open - discountMinor - deductionMinor;
    if (Math.sign(cashMinor) !== Math.sign(line.paidMinor) && cashMinor !== 0) {
      return review(line, `${found.why}, but discount and deductions exceed the ${displayMinor(open)} still open`, [invoice.id]);
    }
    unappliedMinor = line.paidMinor - cashMinor;
    parts.push(`overpaid by ${displayMinor(unappliedMinor)}: left as unapplied cash`);
  }
  return {
    kind: 'apply',
    lineId: line.id,
    invoiceId: invoice.id,
    invoiceNumber: invoice.number,
    cashMinor,
    discountMinor,
    deductionMinor,
    deductions,
    unappliedMinor,
    writeOffMinor,
    method: found.method,
    confidence: found.confidence,
    status: found.confidence >= settings.autoApplyConfidence ? 'applied' : 'proposed',
    explanation: parts.join('; '),
  };
}

/**
 * Apply one line across several invoices, closing each. The line must settle exactly what
 * they have open together; its discount is shared in proportion to the open amounts and its
 * deductions are placed on the invoices in order, so every part closes its invoice.
 */
export function settleSet(line: LineToMatch, found: FoundSet, settings: Settings): LineDecision {
  const total = found.invoices.reduce((sum, invoice) => sum + invoice.remainingMinor, 0);
  const settled = lineSettles(line);
  const ids = found.invoices.map((invoice) => invoice.id);
  if (settled !== total || found.invoices.some((invoice) => invoice.remainingMinor <= 0)) {
    return review(line, `${found.why}, but the line (${displayMinor(settled)}) does not settle their ${displayMinor(total)} open`, ids);
  }
  const shares = shareOut(line.discountMinor, found.invoices.map((invoice) => invoice.remainingMinor));
  const room = found.invoices.map((invoice, k) => invoice.remainingMinor - shares[k]!);
  const placed: DeductionDecision[][] = found.invoices.map(() => []);
  for (const deduction of lineDeductions(line)) {
    let left = deduction.amountMinor;
    for (let k = 0; k < room.length && left > 0; k += 1) {
      const take = Math.min(left, room[k]!);
      if (take <= 0) continue;
      placed[k]!.push({ ...deduction, amountMinor: take });
      room[k]! -= take;
      left -= take;
    }
    if (left !== 0) return review(line, `${found.why}, but its deductions cannot be placed on them`, ids);
  }
  const notes: string[] = [];
  const parts: ApplicationPart[] = found.invoices.map((invoice, k) => {
    const discount = checkDiscount(line, invoice, shares[k]!, settings);
    if (discount.note) notes.push(`${invoice.number}: ${discount.note}`);
    const deductions = [...placed[k]!, ...(discount.unearned ? [discount.unearned] : [])];
    const deductionMinor = deductions.reduce((sum, d) => sum + d.amountMinor, 0);
    return {
      invoiceId: invoice.id,
      invoiceNumber: invoice.number,
      cashMinor: invoice.remainingMinor - discount.discountMinor - deductionMinor,
      discountMinor: discount.discountMinor,
      deductionMinor,
      deductions,
      writeOffMinor: 0,
    };
  });
  const listed = parts.map((part) => `${part.invoiceNumber} ${displayMinor(part.cashMinor + part.discountMinor + part.deductionMinor)}`).join(', ');
  return {
    kind: 'split',
    lineId: line.id,
    parts,
    unappliedMinor: 0,
    method: found.method,
    confidence: found.confidence,
    status: found.confidence >= settings.autoApplyConfidence ? 'applied' : 'proposed',
    explanation: [found.why, `split: ${listed}`, ...notes, 'closes them'].join('; '),
  };
}

/** Left for a person; `candidates` are ranked choices the pass already knows (sets, usually). */
export function review(line: LineToMatch, explanation: string, candidateIds: number[], candidates?: Candidate[]): LineDecision {
  return { kind: 'review', lineId: line.id, unappliedMinor: line.paidMinor, explanation, candidateIds, ...(candidates ? { candidates } : {}) };
}

/** `amount` shared in proportion to `weights`, largest remainders first, summing exactly. */
function shareOut(amount: Minor, weights: Minor[]): Minor[] {
  const total = weights.reduce((sum, w) => sum + w, 0);
  if (amount === 0 || total <= 0) return weights.map(() => 0);
  const exact = weights.map((w) => (BigInt(amount) * BigInt(w)) / BigInt(total));
  const shares = exact.map(Number);
  const rest = weights.map((w, k) => ({ k, remainder: (BigInt(amount) * BigInt(w)) % BigInt(total) }));
  let left = amount - shares.reduce((sum, s) => sum + s, 0);
  rest.sort((x, y) => (y.remainder > x.remainder ? 1 : y.remainder < x.remainder ? -1 : x.k - y.k));
  for (const { k } of rest) {
    if (left <= 0) break;
    shares[k]! += 1;
    left -= 1;
  }
  return shares;
}
