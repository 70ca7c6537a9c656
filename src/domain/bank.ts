/**
 * Bank statements and entries as remit keeps them, and what reconciliation decides for each
 * entry (DESIGN.md: bank statement, bank entry, reconciliation). The readers in
 * parsers/bank give more; this is what pairing entries with remittances needs and what an
 * operator or auditor is shown. Amounts are signed integer minor units, credit (money in) > 0.
 */
import type { Minor } from '../core/money.js';

/** One account's statement for one period, as read from a bank file. */
export interface BankStatementFacts {
  format: string;
  accountId: string;
  bankId?: string;
  currency: string;
  /** The bank's id for the statement (BAI2 file id, camt Stmt/Id, MT940 :20:). */
  statementRef?: string;
  sequence?: string;
  date?: string;
  openingMinor?: Minor;
  closingMinor?: Minor;
}

/** What kind of money an entry is (parsers/bank/classify.ts), kept as text. */
export type BankEntryKind = 'customer-receipt' | 'returned-item' | 'bank-fee' | 'interest' | 'payroll' | 'vendor-payment' | 'other-debit' | 'other-credit';

export interface BankEntryFacts {
  /** The bank's reference for the entry (BAI2 16 bank reference, camt AcctSvcrRef, MT940 after `//`). */
  bankRef?: string;
  position: number;
  location: string;
  bookingDate?: string;
  valueDate?: string;
  amountMinor: Minor;
  currency: string;
  kind: BankEntryKind;
  channel?: string;
  /** Which code decided the kind, in an operator's words. */
  kindExplanation: string;
  bookingStatus: 'booked' | 'pending' | 'info';
  customerRef?: string;
  traceNumber?: string;
  checkNumber?: string;
  uetr?: string;
  /** The payer's payment reference from 820 addenda (TRN02). */
  paymentRef?: string;
  /** Every reference the entry and its parts carry, for pairing. */
  refs: string[];
  debtorName?: string;
  debtorAccount?: string;
  /** An identifier the rail gives the debtor (ACH company id). */
  debtorId?: string;
  debtorBank?: string;
  /** What the payer sent before charges, and the charges taken (a wire net of a fee). */
  instructedMinor?: Minor;
  chargesMinor?: Minor;
  itemCount?: number;
  returnReason?: string;
  /** Remittance text as the bank gave it. */
  remittanceText?: string[];
  text?: string;
}

export type ReconciliationStatus = 'reconciled' | 'unidentified' | 'ignored' | 'returned';

/** What reconciliation decided for one entry: with method, confidence and one line of explanation, like an application. */
export interface ReconciliationDecision {
  status: ReconciliationStatus;
  method: string;
  confidence: number;
  explanation: string;
  payer?: string;
  /** The remittances the entry pays (or, for a return, takes back), with how much of each. */
  remittances: Array<{ remittanceId: number; amountMinor: Minor }>;
  /** A credit with no remittance applied to the one open invoice of exactly its amount. */
  invoice?: { id: number; number: string };
  /** The bank's fee on a wire credited net. */
  feeMinor: Minor;
}

/** A reconciliation no journal has posted yet (reconciled, returned, or a payer's unapplied cash), with what export-gl needs to post it. */
export interface PostableReconciliation {
  entryId: number;
  reconciliationId: number;
  company: string;
  accountId: string;
  currency: string;
  bankRef: string | null;
  /** The entry's value date, else its booking date, else its day. */
  entryDate: string;
  /** Signed as the bank booked it: a credit is positive. */
  amountMinor: Minor;
  /** `unidentified` only for a credit kept as unapplied cash of a payer (method on-account). */
  status: 'reconciled' | 'returned' | 'unidentified';
  method: string;
  payer: string | null;
  invoiceNumber: string | null;
  feeMinor: Minor;
  remittances: Array<{ remittanceId: number; payer: string; paymentRef: string; amountMinor: Minor }>;
}
