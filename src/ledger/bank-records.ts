/**
 * The ledger's records of the cash side: bank files, statements, entries and their
 * reconciliations (domain/bank.ts), with the ids and times storing them adds.
 */
import type { Minor } from '../core/money.js';
import type { BankEntryFacts, BankStatementFacts, PostableReconciliation, ReconciliationDecision, ReconciliationStatus } from '../domain/bank.js';
import type { Diagnostic } from '../domain/document.js';

export interface BankFileRecord {
  id: number;
  sha256: string;
  originalName: string;
  format: string;
  company: string;
  receivedAt: string;
  statementCount: number;
  entryCount: number;
  duplicateCount: number;
}

export interface NewBankFile {
  sha256: string;
  originalName: string;
  /** `bank-import`, `run:<folder>`. */
  source: string;
  format: string;
  fileRef: string | null;
  company: string;
  inboxPath: string;
  sizeBytes: number;
}

/** A statement being stored: created, or the same statement already in the ledger (from any file). */
export type StatementOutcome = { created: boolean; id: number };

/** An entry as reconciliation reads it, with where it stands now. */
export interface StoredBankEntry extends BankEntryFacts {
  id: number;
  company: string;
  accountId: string;
  /** The current decision, when there is one. */
  decision?: ReconciliationDecision;
}

/** A remittance as reconciliation sees it: what it says was paid, and the cash that came for it so far. */
export interface CashRemittance {
  id: number;
  company: string;
  payer: string;
  payerName: string | null;
  paymentRef: string;
  paymentDate: string;
  currency: string;
  totalMinor: Minor;
  method: string | null;
  /** Entries that paid it (bank references), and whether a return took the cash back since. */
  paidBy: Array<{ entryId: number; bankRef: string | null; status: ReconciliationStatus }>;
}

/** One row of `remit report cash`. */
export interface CashRow {
  kind: 'bank-entry' | 'remittance';
  company: string;
  entryId: number | null;
  entryRef: string | null;
  accountId: string | null;
  valueDate: string | null;
  amountMinor: Minor;
  currency: string;
  /** bank-entry: reconciled | unidentified | ignored | returned; remittance: received | none (the pipeline tells in transit from late). */
  status: string;
  payer: string | null;
  /** `PAYER|PAYMENT_REF` of each remittance paid (or taken back). */
  paymentRefs: string[];
  invoice: string | null;
  method: string | null;
  confidence: number | null;
  feeMinor: Minor;
  explanation: string | null;
  /** remittance rows: the payment date. */
  paymentDate: string | null;
  debtorName: string | null;
}

export interface CashCounts {
  entries: number;
  reconciled: number;
  unidentified: number;
  unidentifiedMinor: Minor;
  ignored: number;
  returned: number;
  /** Entries read but not reconciled yet. */
  pending: number;
  remittancesWithCash: number;
  remittancesWithoutCash: number;
}

export type { BankEntryFacts, BankStatementFacts, Diagnostic, PostableReconciliation };

