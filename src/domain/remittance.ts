/** A remittance (payment advice) and its lines, as read from a document. */
import type { Minor } from '../core/money.js';

/** Money the payer kept on a line, with the payer's own reason and our normalised one. */
export interface Adjustment {
  /** Positive = the payer kept this much (a deduction). Negative = the payer added money. */
  amountMinor: Minor;
  reasonRaw: string;
  reasonCode: string;
}

export interface RemittanceLine {
  /** 1-based order of the line within its payment, in file order. */
  lineNo: number;
  /** The reference exactly as the payer wrote it (may be empty). */
  reference: string;
  /** What the payer says the reference is: an invoice number (default), a PO, or other. */
  referenceKind: 'invoice' | 'po' | 'other';
  po?: string;
  invoiceDate?: string;
  description?: string;
  grossMinor?: Minor;
  discountMinor: Minor;
  /** Net money paid for this line; negative for a payer deduction line. */
  paidMinor: Minor;
  adjustments: Adjustment[];
}

export interface Remittance {
  /** Payer code when the file itself says who paid (EDI N1*PR, a mapped name). */
  payer?: string;
  payerName?: string;
  paymentRef: string;
  paymentDate: string;
  currency: string;
  method?: string;
  /** Total the document states (BPR02, "Total Payment"); undefined when it states none. */
  statedTotalMinor?: Minor;
  lines: RemittanceLine[];
}
