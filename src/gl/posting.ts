/**
 * The posting model: what remit posts into an ERP, before any file format. One entry per
 * payment (and per late change to a payment already exported; bank reconciliation events
 * later), each balanced, dated on its posting date and numbered from ledger ids so a
 * re-export carries the same document numbers. Lines name an account role, so one entry can
 * be written for any chart of accounts.
 */
import type { Minor } from '../core/money.js';

/** What a line does, whatever the ERP calls its account. */
export type AccountRole =
  | 'bank'
  | 'clearing'
  | 'receivable'
  | 'unapplied'
  | 'discount'
  | 'write-off'
  | 'bank-fee'
  | `deduction:${string}`;

/** The payer as the ERP knows it: its customer id and, where mapped, its name there. */
export interface ErpCustomer {
  /** remit's payer code. */
  payer: string;
  /** The ERP's customer id (defaults to the payer code: it is the open-invoice file's customer id). */
  id: string;
  /** The ERP's customer name, where remit.yaml maps one; formats that key customers by name refuse without it. */
  name: string | null;
}

export interface PostingLine {
  /** 1-based within its entry. */
  lineNo: number;
  role: AccountRole;
  account: string;
  debitMinor: Minor;
  creditMinor: Minor;
  /** Set on every receivable and unapplied-cash line (and on the lines of a customer's deductions). */
  customer: ErpCustomer | null;
  /** The invoice a receivable, discount, deduction or write-off line settles or reduces, where it has one. */
  invoice: string | null;
  /** What happened, in remit's words ("reverses application 812: INV-101240"). */
  memo: string;
}

/** An application as posted: the money that settled (or, negative, reopened) one invoice. */
export interface PostedSettlement {
  applicationId: number;
  /** The application this one undoes, for a reversal. */
  reversesId: number | null;
  lineNo: number;
  invoice: string;
  cashMinor: Minor;
  discountMinor: Minor;
  deductionMinor: Minor;
  writeOffMinor: Minor;
}

export interface PostedDeduction {
  deductionId: number;
  reversesId: number | null;
  lineNo: number;
  invoice: string | null;
  reasonCode: string;
  amountMinor: Minor;
}

/** Cash of a remittance line that stays with the customer, unapplied. */
export interface PostedUnapplied {
  lineNo: number;
  reference: string;
  amountMinor: Minor;
}

/** `bank`: a reconciled bank entry (bank, clearing, fees, unapplied cash of a payer). */
export type EntryKind = 'payment' | 'late' | 'bank';

export interface PostingEntry {
  /** Stable across re-exports: derived from the remittance id (and, for a late entry, the first id it posts). */
  documentNo: string;
  kind: EntryKind;
  company: string;
  remittanceId: number;
  /** The date the entry is posted on: the posting date of the export, never a closed period. */
  postingDate: string;
  /** The payment's own date, as the payer wrote it (kept for reference; entries are not dated on it). */
  paymentDate: string;
  paymentRef: string;
  payer: string;
  customer: ErpCustomer;
  currency: string;
  /** Header text: the payment reference and what the entry is. */
  memo: string;
  lines: PostingLine[];
  /** Cash received, for a payment entry (0 for a late entry: that cash was posted before). */
  cashMinor: Minor;
  settlements: PostedSettlement[];
  deductions: PostedDeduction[];
  unapplied: PostedUnapplied[];
}

/** The account of each role, as one format's ERP names it. */
export interface PostingAccounts {
  clearing: string;
  receivable: string;
  unapplied: string;
  discount: string;
  writeOff: string;
  /** Per remit reason code; `default` catches the rest. */
  deductions: Record<string, string>;
  bank?: string;
  /** Bank account id (as the statement names it) -> its GL account; else `bank`. */
  bankAccounts?: Record<string, string>;
  bankFee?: string;
}

export interface PostingContext {
  company: string;
  /** ISO date every entry of this export is posted on. */
  postingDate: string;
  /** Periods up to and including this ISO date are closed: nothing is posted into them. */
  closedThrough?: string | undefined;
  /** Put before each document number (default `RM`). */
  documentPrefix?: string | undefined;
  /** Payer code -> the ERP's customer. A payer not listed is the ERP customer of the same id, with no name. */
  customers: Record<string, { id?: string | undefined; name?: string | undefined }>;
  accounts: PostingAccounts;
}

/** Debit minus credit of some lines. */
export function netMinor(lines: readonly PostingLine[]): Minor {
  let net = 0;
  for (const line of lines) net += line.debitMinor - line.creditMinor;
  return net;
}
