/**
 * What one `remit run` did, as plain data: the input of the notification summary. The
 * caller fills it from the fetch results, the import results and the ledger after matching;
 * the same object can be written as `runs/<run-id>/summary.json`.
 *
 * Amounts are integer minor units with their currency. Lists hold everything of their kind
 * seen in the run; the summary decides, with the thresholds, what needs a person.
 */
import type { Minor } from '../core/money.js';

export interface CurrencyTotal {
  currency: string;
  amountMinor: Minor;
}

/** One portal account's part of the run. */
export interface PortalRun {
  /** Portal account id from remit.yaml. */
  id: string;
  payer?: string;
  company?: string;
  status: 'ok' | 'failed';
  /** A PortalErrorKind (`auth`, `locked`, `password-expired`, `mfa`, `captcha`, `layout`, `timeout`, ...). */
  errorKind?: string;
  /** One line, already worded for an operator (PortalError.message). */
  message?: string;
  /** What to do next (PortalError.hint); a default per kind is used when absent. */
  hint?: string;
  files: number;
  payments: number;
}

/** Why a portal account cannot go on without a person. */
export type PersonReason = 'mfa' | 'password-expired' | 'captcha' | 'locked' | 'auth';
export const PERSON_REASONS: readonly PersonReason[] = ['mfa', 'password-expired', 'captcha', 'locked', 'auth'];

export interface PortalNeedingPerson {
  portal: string;
  payer?: string;
  reason: PersonReason;
  message?: string;
}

export interface FailedDocument {
  name: string;
  message: string;
}

export interface DeductionSeen {
  payer: string;
  paymentRef: string;
  /** Positive: what the payer kept. */
  amountMinor: Minor;
  reasonCode: string;
  currency: string;
  invoice?: string;
}

export interface UnappliedLine {
  payer: string;
  paymentRef: string;
  /** The invoice reference as the payer wrote it. */
  lineRef: string;
  amountMinor: Minor;
  currency: string;
}

/** A remittance whose lines do not add up to its total (or to the payment). */
export interface UnbalancedRemittance {
  payer: string;
  paymentRef: string;
  /** One line: e.g. "lines add up to 9,950.00 but the payment is 10,000.00". */
  reason: string;
}

/** A short-paid invoice: what was open, what the payment applies and what the payer kept. */
export interface ShortPay {
  invoice: string;
  payer: string;
  paymentRef: string;
  currency: string;
  openMinor: Minor;
  paidMinor: Minor;
  deductionMinor: Minor;
}

export interface RunReport {
  runId: string;
  /** ISO timestamps; shown as written (give them with the local offset to show local time). */
  startedAt: string;
  finishedAt: string;
  /** Shown in the subject, e.g. the company or BPO client; optional. */
  label?: string;
  portals: PortalRun[];
  /** Portals that need a person without having failed outright (e.g. a password about to expire). */
  portalsNeedingPerson?: PortalNeedingPerson[];
  documents: { imported: number; failed: FailedDocument[] };
  /** Payments (remittances) received in this run, totalled per currency. */
  payments: { count: number; totals: CurrencyTotal[] };
  /** Remittance lines applied to invoices in this run, totalled per currency. */
  applied: { lines: number; totals: CurrencyTotal[] };
  /** Exceptions waiting for `remit review` after the run. */
  exceptions: number;
  deductions: DeductionSeen[];
  unapplied: UnappliedLine[];
  unbalancedRemittances: UnbalancedRemittance[];
  shortPays: ShortPay[];
  /** The cash side after the run's reconciliation: credits no remittance explains, remittances whose cash is late. */
  cash?: {
    unidentified: Array<{ entryRef: string; valueDate: string; amountMinor: Minor; currency: string; debtor?: string; payer?: string }>;
    late: Array<{ payer: string; paymentRef: string; amountMinor: Minor; currency: string; expectedBy: string; daysLate: number }>;
  };
  /** The morning report this run wrote (runs/<id>/morning.html): linked in every message, attached to the e-mail. */
  morningPage?: { path: string; html: string };
}
