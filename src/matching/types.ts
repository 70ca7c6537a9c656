/**
 * The matcher's plain data: remittance lines and open invoices in, decisions out.
 * No SQL and no IO here, so every pass can be tested with hand-built data.
 *
 * Fields marked optional are filled by the ledger when it has them; a pass that needs one
 * (dates for the date window, terms for an unearned discount) does less without it and
 * never guesses: without dates an amount-only match is proposed, not applied.
 */
import type { Minor } from '../core/money.js';

import type { Candidate, LearnedRule, LearnedRuleKind, PendingLine } from '../domain/application.js';
import type { Invoice } from '../domain/invoice.js';

export type { Candidate, LearnedRule, LearnedRuleKind };

/** Money the payer kept on a line, as the matcher reads it. */
export type LineAdjustment = PendingLine['adjustments'][number];

/** A line to decide: a pending remittance line (domain/application.ts). */
export type LineToMatch = PendingLine;

/** Every invoice remit knows for the payer; `remainingMinor` is what is still open now. */
export type InvoiceCandidate = Invoice;

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
