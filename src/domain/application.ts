/**
 * Applications (a line's money applied to an invoice), the candidates a person weighs when
 * remit is not certain, and the habits remit learned from operators.
 */
import type { Minor } from '../core/money.js';

/** A remittance line still waiting for a decision, with what the matcher needs of its payment. */
export interface PendingLine {
  id: number;
  lineNo: number;
  paymentRef: string;
  reference: string;
  referenceKind: 'invoice' | 'po' | 'other';
  po?: string | undefined;
  currency: string;
  grossMinor?: Minor | undefined;
  discountMinor: Minor;
  paidMinor: Minor;
  adjustments: Array<{ amountMinor: Minor; reasonRaw: string; reasonCode: string }>;
  /** The payer (customer code) of the remittance: learned rules apply only to their own payer. */
  payer?: string | undefined;
  /** The remittance's payment date (ISO): the date window and the discount date are measured to it. */
  paymentDate?: string | undefined;
  /** The invoice date as the payer wrote it on the line (ISO), when the file has one. */
  invoiceDate?: string | undefined;
}

/**
 * One invoice a person could choose for a line (or a set of invoices, for a split), ranked:
 * `score` in [0, 1], higher first; `reason` says what fits and what does not.
 */
export interface Candidate {
  invoiceIds: number[];
  invoiceNumbers: string[];
  score: number;
  reason: string;
}

/**
 * A payer's habit remembered from an operator's confirmation.
 * - `prefix-dropped`: the payer leaves out `value` in front of our number (`SO-104233` written `104233`).
 * - `zeros-padded`: the payer pads the digits of our number with zeros (`SO104233` written `SO00104233`); `value` is the width seen.
 * - `po-instead-of-invoice`: the payer writes our PO where the invoice belongs, with `value` in front (`PO 4500072715`); `value` may be empty.
 * - `reason-map`: the payer's reason text or code `value` means our reason code `reasonCode`.
 */
export type LearnedRuleKind = 'prefix-dropped' | 'zeros-padded' | 'po-instead-of-invoice' | 'reason-map';

export interface LearnedRule {
  payer: string;
  kind: LearnedRuleKind;
  value: string;
  /** For `reason-map`: the reason code `value` stands for. */
  reasonCode?: string | undefined;
}

/** What relieves an invoice: cash, the discount taken, deductions kept and a small difference written off. */
export interface Settlement {
  cashMinor: Minor;
  discountMinor: Minor;
  deductionMinor: Minor;
  writeOffMinor: Minor;
}

/** How much an application relieves its invoice by: the one sum, everywhere. */
export function settledMinor(s: Settlement): Minor {
  return s.cashMinor + s.discountMinor + s.deductionMinor + s.writeOffMinor;
}
