/**
 * The matcher's plain data: remittance lines and open invoices in, decisions out.
 * No SQL and no IO here, so every pass can be tested with hand-built data.
 *
 * Fields marked optional are filled by the ledger when it has them; a pass that needs one
 * (dates for the date window, terms for an unearned discount) does less without it and
 * never guesses: without dates an amount-only match is proposed, not applied.
 */
import type { Minor } from '../core/money.js';

export interface LineAdjustment {
  amountMinor: Minor;
  reasonRaw: string;
  reasonCode: string;
}

export interface LineToMatch {
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
  adjustments: LineAdjustment[];
  /** The payer (customer code) of the remittance: learned rules apply only to their own payer. */
  payer?: string | undefined;
  /** The remittance's payment date (ISO): the date window and the discount date are measured to it. */
  paymentDate?: string | undefined;
  /** The invoice date as the payer wrote it on the line (ISO), when the file has one. */
  invoiceDate?: string | undefined;
}

/** Every invoice remit knows for the payer; `remainingMinor` is what is still open now. */
export interface InvoiceCandidate {
  id: number;
  number: string;
  po?: string | undefined;
  currency: string;
  originalMinor: Minor;
  remainingMinor: Minor;
  /** False when the newest ERP snapshot no longer lists it (paid or closed there). */
  open: boolean;
  /** ISO invoice date from the ERP export. */
  invoiceDate?: string | undefined;
  /** ISO due date from the ERP export. */
  dueDate?: string | undefined;
  /** Early-payment terms, e.g. 2/10 net 30: discountPercent 2, discountDays 10 (from the invoice date). */
  discountPercent?: number | undefined;
  discountDays?: number | undefined;
}

/**
 * A payer's reference habit remembered from an operator's confirmation.
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

export interface MatchSettings {
  /** Applications at or above this confidence are applied; the rest are proposed. */
  autoApplyConfidence: number;
  /** Prefixes a payer may drop from our invoice numbers (compared without punctuation). */
  invoicePrefixes: string[];
  /**
   * How many days before the payment date an invoice may be dated and still be found by its
   * amount alone (amount-only and subset passes). Default 120.
   */
  dateWindowDays?: number | undefined;
  /** A difference up to this much between a line and its invoice is written off (GL write-off account). Default 0: none. */
  writeOffToleranceMinor?: Minor | undefined;
  /** Days after the discount date a discount is still accepted as earned (mail float). Default 0. */
  discountGraceDays?: number | undefined;
  /** The largest set of invoices one payment line may be split across by amount alone. Default 6. */
  maxSubsetSize?: number | undefined;
  /** Work bound for the subset search: subset sums enumerated per line. Default 262,144. */
  maxSubsetWork?: number | undefined;
  /** What the payer's operators taught remit; only rules whose payer equals the line's payer are used. */
  learnedRules?: LearnedRule[] | undefined;
}

export interface DeductionDecision {
  amountMinor: Minor;
  reasonCode: string;
  reasonRaw: string;
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

/** The part of a line applied to one invoice. cash + discount + deduction + writeOff is what the invoice is relieved by. */
export interface ApplicationPart {
  invoiceId: number;
  invoiceNumber: string;
  cashMinor: Minor;
  discountMinor: Minor;
  deductionMinor: Minor;
  deductions: DeductionDecision[];
  /** Written off to the GL write-off account: positive for a short payment, negative for a small overpayment. */
  writeOffMinor: Minor;
}

export type LineDecision =
  | {
      kind: 'apply';
      lineId: number;
      invoiceId: number;
      invoiceNumber: string;
      cashMinor: Minor;
      discountMinor: Minor;
      deductionMinor: Minor;
      deductions: DeductionDecision[];
      unappliedMinor: Minor;
      method: string;
      confidence: number;
      status: 'applied' | 'proposed';
      explanation: string;
      /** See ApplicationPart.writeOffMinor; absent means 0. */
      writeOffMinor?: Minor | undefined;
      /** For a proposed application: the ranked choices a person reviews. */
      candidates?: Candidate[] | undefined;
    }
  | {
      /** One line applied across several invoices (`104233/104234`, or a payment found by its amount). */
      kind: 'split';
      lineId: number;
      parts: ApplicationPart[];
      unappliedMinor: Minor;
      method: string;
      confidence: number;
      status: 'applied' | 'proposed';
      explanation: string;
      candidates?: Candidate[] | undefined;
    }
  | { kind: 'deduction'; lineId: number; deductions: DeductionDecision[]; explanation: string }
  | { kind: 'unapplied'; lineId: number; unappliedMinor: Minor; explanation: string; candidates?: Candidate[] | undefined }
  | { kind: 'review'; lineId: number; unappliedMinor: Minor; explanation: string; candidateIds: number[]; candidates?: Candidate[] | undefined };
