/**
 * The matcher's plain data: remittance lines and open invoices in, decisions out.
 * No SQL and no IO here, so every pass can be tested with hand-built data.
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
}

export interface MatchSettings {
  autoApplyConfidence: number;
  invoicePrefixes: string[];
}

export interface DeductionDecision {
  amountMinor: Minor;
  reasonCode: string;
  reasonRaw: string;
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
    }
  | { kind: 'deduction'; lineId: number; deductions: DeductionDecision[]; explanation: string }
  | { kind: 'unapplied'; lineId: number; unappliedMinor: Minor; explanation: string }
  | { kind: 'review'; lineId: number; unappliedMinor: Minor; explanation: string; candidateIds: number[] };
