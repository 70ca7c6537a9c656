/**
 * What each remittance line of the history is: the ledger's seed (ledger/sqlite/seed) picks
 * a bucket 0-99 from a seeded hash of the line's id, and the bucket a case (one row per
 * bucket, from here), so every table can be filled by one INSERT ... SELECT.
 *
 * Mix: 2 % the payer's own deductions, 6 % short pays with a reason, 12 % discounts, 10 %
 * reformatted references, 5 % PO only, 3 % applied by a person (the invoice was not open
 * when the line arrived), the rest exact. A few hundred recent lines still wait for a
 * person (review or unapplied); see ledger/sqlite/seed/history-statements.ts.
 */
import { SCALE_REASONS } from '../payers.js';

export interface HistoryCase {
  kind: string;
  percent: number;
  /** How the line writes its reference: INV-n, the digits alone, the PO, or the payer's debit memo. */
  reference: 'invoice' | 'digits' | 'po' | 'memo';
  method: string;
  confidence: number;
  discount: boolean;
  shortPay: boolean;
}

export const HISTORY_CASES: readonly HistoryCase[] = [
  { kind: 'deduction', percent: 2, reference: 'memo', method: '', confidence: 0, discount: false, shortPay: false },
  { kind: 'short-pay', percent: 6, reference: 'invoice', method: 'exact-reference', confidence: 1, discount: false, shortPay: true },
  { kind: 'discount', percent: 12, reference: 'invoice', method: 'exact-reference', confidence: 1, discount: true, shortPay: false },
  { kind: 'format', percent: 10, reference: 'digits', method: 'normalised-reference', confidence: 0.97, discount: false, shortPay: false },
  { kind: 'po', percent: 5, reference: 'po', method: 'po-number', confidence: 0.95, discount: false, shortPay: false },
  { kind: 'manual', percent: 3, reference: 'invoice', method: 'manual', confidence: 1, discount: false, shortPay: false },
  { kind: 'exact', percent: 62, reference: 'invoice', method: 'exact-reference', confidence: 1, discount: false, shortPay: false },
];

/** One row per bucket 0-99: [bucket, kind, reference, method, confidence, discount, short pay]. */
export function caseRows(): Array<[number, string, string, string, number, number, number]> {
  const rows: Array<[number, string, string, string, number, number, number]> = [];
  for (const c of HISTORY_CASES) {
    for (let i = 0; i < c.percent; i += 1) rows.push([rows.length, c.kind, c.reference, c.method, c.confidence, c.discount ? 1 : 0, c.shortPay ? 1 : 0]);
  }
  return rows;
}

/** One row per reason: [index, raw, code]. */
export function reasonRows(): Array<[number, string, string]> {
  return SCALE_REASONS.map((reason, index) => [index, reason.raw, reason.code]);
}
