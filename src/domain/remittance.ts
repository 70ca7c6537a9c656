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
  /**
   * Where each payment-level field was read, for the operator (`remit payers propose`):
   * e.g. `paymentRef: 'label "Check No." on row 3'`, `paymentDate: 'column "Pay Date"'`,
   * `paymentRef: 'file name "Remittance_4471_2024-09-16.csv"'`.
   */
  sources?: Partial<Record<PaymentField, string>>;
}

/** The payment-level fields a reader looks for around a table or in a document's header. */
export type PaymentField = 'paymentRef' | 'paymentDate' | 'statedTotal' | 'method' | 'currency' | 'payerName';

/** The payment-level fields as remit.yaml names them (`payers.<ID>.header_fields`). */
export type HeaderField = 'payment_ref' | 'payment_date' | 'total' | 'method' | 'currency' | 'payer_name';
