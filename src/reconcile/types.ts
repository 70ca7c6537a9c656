/**
 * What reconciliation reads and decides, as plain data: the pipeline loads it from the
 * ledger and writes the decisions back; nothing here touches either.
 */
import type { Minor } from '../core/money.js';
import type { BankEntryFacts, ReconciliationDecision } from '../domain/bank.js';

export type { ReconciliationDecision };

export interface EntryToReconcile extends BankEntryFacts {
  id: number;
  /** The decision it has now; an unidentified entry is tried again, the others are kept. */
  decision?: ReconciliationDecision;
}

/** A remittance and the cash that came for it so far. */
export interface RemittanceForCash {
  id: number;
  payer: string;
  paymentRef: string;
  paymentDate: string;
  currency: string;
  totalMinor: Minor;
  /** Entries that paid it and entries that took the cash back (returns). */
  paidBy: Array<{ entryId: number; bankRef: string | null; status: string }>;
}

/** The names and bank accounts a payer is known by: remit.yaml name and bank_names, the ERP's customer name, accounts seen before. */
export interface PayerNames {
  payer: string;
  names: string[];
  accounts: string[];
}

export interface InvoiceForCash {
  id: number;
  number: string;
  payer: string;
  currency: string;
  remainingMinor: Minor;
}

export interface ReconcileSettings {
  /** A credit may come this many days after the remittance's payment date. */
  windowDays: number;
  /** ...or this many before it (a payer dates its advice after sending the money). */
  earlyDays: number;
  /** The most a bank may take from a wire as its fee for the credit still to pay the remittance. */
  feeToleranceMinor: Minor;
  /** The most cheques of one deposit paired by their sum. */
  maxDepositItems: number;
}

export const DEFAULT_RECONCILE_SETTINGS: ReconcileSettings = { windowDays: 10, earlyDays: 3, feeToleranceMinor: 50_00, maxDepositItems: 4 };

export interface ReconcileInput {
  entries: readonly EntryToReconcile[];
  remittances: readonly RemittanceForCash[];
  payers: readonly PayerNames[];
  /** Open invoices by `payer|currency`. */
  invoices: ReadonlyMap<string, readonly InvoiceForCash[]>;
  settings: ReconcileSettings;
}

export interface EntryDecision {
  entryId: number;
  decision: ReconciliationDecision;
  /** Unchanged from the decision the entry had: nothing to write. */
  unchanged: boolean;
}
