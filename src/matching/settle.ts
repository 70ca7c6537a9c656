/**
 * Once a line has found its invoice, settle the amounts: cash, discount and deductions
 * against what is still open. Full, partial and over-payment are told apart here.
 */
import { displayMinor, type Minor } from '../core/money.js';
import type { DeductionDecision, InvoiceCandidate, LineDecision, LineToMatch } from './types.js';

export interface Found {
  invoice: InvoiceCandidate;
  method: string;
  confidence: number;
  /** Why this invoice: one clause an auditor can read. */
  why: string;
}

export function lineDeductions(line: LineToMatch): DeductionDecision[] {
  return line.adjustments
    .filter((adjustment) => adjustment.amountMinor !== 0)
    .map((adjustment) => ({ amountMinor: adjustment.amountMinor, reasonCode: adjustment.reasonCode, reasonRaw: adjustment.reasonRaw }));
}

/**
 * Apply a line to its invoice. Returns the decision, or a review decision when the
 * amounts cannot be settled without a person (e.g. discount larger than what is open).
 */
export function settle(line: LineToMatch, found: Found, autoApplyConfidence: number): LineDecision {
  const { invoice } = found;
  const deductions = lineDeductions(line);
  const deductionMinor = deductions.reduce((sum, d) => sum + d.amountMinor, 0);
  const discountMinor = line.discountMinor;
  const settled = line.paidMinor + discountMinor + deductionMinor;
  const open = invoice.remainingMinor;
  const parts: string[] = [found.why];
  if (discountMinor) parts.push(`discount ${displayMinor(discountMinor)} taken`);
  for (const d of deductions) parts.push(`deduction ${displayMinor(d.amountMinor)} (${d.reasonCode}${d.reasonRaw ? ` "${d.reasonRaw}"` : ''})`);

  let cashMinor: Minor = line.paidMinor;
  let unappliedMinor: Minor = 0;
  if (Math.sign(settled) !== Math.sign(open) || settled === 0) {
    return review(line, `${found.why}, but the line (${displayMinor(settled)}) and the open amount (${displayMinor(open)}) do not fit together`, [invoice.id]);
  }
  if (Math.abs(settled) <= Math.abs(open)) {
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
    method: found.method,
    confidence: found.confidence,
    status: found.confidence >= autoApplyConfidence ? 'applied' : 'proposed',
    explanation: parts.join('; '),
  };
}

export function review(line: LineToMatch, explanation: string, candidateIds: number[]): LineDecision {
  return { kind: 'review', lineId: line.id, unappliedMinor: line.paidMinor, explanation, candidateIds };
}
