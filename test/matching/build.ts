/** Small hand-built ledgers for the matcher's tests. */
import { expect } from 'vitest';
import { isAutomatic } from '../../src/matching/decisions.js';
import { matchPayer } from '../../src/matching/match.js';
import type { InvoiceCandidate, LineDecision, LineToMatch, MatchSettings } from '../../src/matching/types.js';

export const SETTINGS: MatchSettings = { autoApplyConfidence: 0.95, invoicePrefixes: ['INV', 'INVOICE', 'IN', 'INVNO', 'NO'] };
export const PAYMENT_DATE = '2026-05-01';

let nextLine = 1000;

export function line(reference: string, paidMinor: number, extra: Partial<LineToMatch> = {}): LineToMatch {
  const id = nextLine++;
  return { id, lineNo: id, paymentRef: 'P1', reference, referenceKind: 'invoice', currency: 'USD', discountMinor: 0, paidMinor, adjustments: [], payer: 'ACME', paymentDate: PAYMENT_DATE, ...extra };
}

export function invoice(id: number, number: string, remainingMinor: number, extra: Partial<InvoiceCandidate> = {}): InvoiceCandidate {
  return { id, number, currency: 'USD', originalMinor: remainingMinor, remainingMinor, open: true, invoiceDate: '2026-04-01', ...extra };
}

/** The one decision for one line. */
export function decide(l: LineToMatch, invoices: InvoiceCandidate[], settings: Partial<MatchSettings> = {}): LineDecision {
  const decisions = matchPayer([l], invoices, { ...SETTINGS, ...settings });
  expect(decisions).toHaveLength(1);
  return decisions[0]!;
}

/** Nothing applied without a person, and the reviewer has candidates to choose from. */
export function expectManual(decision: LineDecision): void {
  expect(isAutomatic(decision), decision.explanation).toBe(false);
  if (decision.kind !== 'deduction') expect(decision.candidates?.length ?? 0, 'candidates for the reviewer').toBeGreaterThan(0);
}

/** A run of numbered invoices `INV-<from>`... with the given open amounts. */
export function numbered(from: number, amounts: number[], extra: Partial<InvoiceCandidate> = {}): InvoiceCandidate[] {
  return amounts.map((amount, k) => invoice(k + 1, `INV-${from + k}`, amount, extra));
}
