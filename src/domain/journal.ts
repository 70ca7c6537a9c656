/** What a payment posts to the GL, and the journal lines it becomes. */
import type { Minor } from '../core/money.js';

export interface PostableRemittance {
  id: number;
  /**
   * Already in an earlier journal: only what changed since (a manual application, an undo,
   * a deduction coded later) is posted, against unapplied cash instead of the bank.
   */
  late?: boolean;
  payer: string;
  paymentRef: string;
  paymentDate: string;
  currency: string;
  totalMinor: Minor;
  /** Its lines with cash left unapplied (the ledger reads no others: the rest post nothing of their own). */
  lines: Array<{
    lineNo: number;
    reference: string;
    paidMinor: Minor;
    unappliedMinor: Minor;
    /** `review` while a person has still to decide: posted as unapplied cash of the customer until then. */
    status: string;
  }>;
  applications: Array<{
    id: number;
    lineNo: number;
    invoiceNumber: string;
    cashMinor: Minor;
    discountMinor: Minor;
    deductionMinor: Minor;
    /** Positive: a short payment written off; negative: a small overpayment taken in. */
    writeOffMinor: Minor;
    /** The application this one undoes (its mirror image after `remit unapply`), where the ledger supplies it. */
    reversesId?: number | null;
  }>;
  deductions: Array<{
    id: number;
    lineNo: number;
    invoiceNumber: string | null;
    amountMinor: Minor;
    reasonCode: string;
    /** The deduction this one undoes, where the ledger supplies it. */
    reversesId?: number | null;
  }>;
}

export interface JournalLine {
  lineNo: number;
  entryDate: string;
  account: string;
  debitMinor: Minor;
  creditMinor: Minor;
  currency: string;
  payer: string;
  paymentRef: string;
  invoice: string | null;
  memo: string;
  /** The entry's document number (same for every line of one payment's entry, stable across re-exports). */
  documentNo?: string | null;
  company?: string | null;
  /** The ERP customer id on AR and unapplied-cash lines (and a customer's deductions). */
  customer?: string | null;
}
