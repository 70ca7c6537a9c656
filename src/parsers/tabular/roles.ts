/**
 * What a column header says the column holds (its role), with a score (how specific the
 * header is: "Vendor Invoice #" beats "Reference" beats "No.") and why, in words an
 * operator can check (`remit payers propose` prints them). Labels above or below a table
 * ("Check Date:", "Zahlbetrag:") are read with the same words (`labelRole`).
 */
import type { PaymentField } from '../types.js';
import { wordsOf, type Concept, type Words } from './words.js';

/** Line fields (as `payers.<ID>.columns` names them), payment fields read per row, and roles that are read but not kept. */
export type Field =
  | 'reference' | 'invoice_date' | 'po' | 'gross' | 'discount' | 'adjustment' | 'reason' | 'paid'
  | 'payment_ref' | 'payment_date' | 'currency' | 'description' | 'method'
  /** Per-row total of the payment ("Check Amount" on every row): the stated total. */
  | 'payment_total'
  /** Undecided until the other columns are known: "Amount", "Date". */
  | 'amount' | 'date'
  /** Named, and deliberately not read: balances, due dates, the payer's own numbers, tax, quantities. */
  | 'ignored';

export interface RoleGuess {
  field: Field;
  /** Higher is more specific; a payer's mapping in remit.yaml scores 10. */
  score: number;
  why: string;
}

const PHRASES: Record<string, RoleGuess> = {
  payment: { field: 'paid', score: 3, why: 'a column named "Payment" on a bill-payment stub is the amount paid' },
  'amount due': { field: 'gross', score: 3, why: 'the amount due on the invoice before this payment' },
  'net due': { field: 'gross', score: 2, why: 'the net amount due on the invoice' },
  check: { field: 'payment_ref', score: 3, why: 'the check number' },
  cheque: { field: 'payment_ref', score: 3, why: 'the cheque number' },
};

/** The role a header names, or undefined for a header we have no words for. */
export function columnRole(header: string): RoleGuess | undefined {
  if (header.includes('%')) return { field: 'ignored', score: 2, why: `"${header.trim()}" is a percentage` };
  const w = wordsOf(header);
  if (w.words.length === 0) return undefined;
  const phrase = PHRASES[w.flat];
  if (phrase) return phrase;
  return byConcepts(w, header);
}

function byConcepts(w: Words, header: string): RoleGuess | undefined {
  const has = (concept: Concept): boolean => w.concepts.has(concept);
  const said = `"${header.trim()}"`;
  const guess = (field: Field, score: number, why: string): RoleGuess => ({ field, score: score - (w.unknown.length > 0 ? 0.5 : 0), why: `${said} ${why}` });
  const isRef = has('number') || has('reference') || has('document');

  if (has('quantity') || has('rate') || has('count')) return guess('ignored', 2, 'is a quantity, price or rate, not money paid');
  if (has('tax') && !has('paid')) return guess('ignored', 2, 'is a tax amount');
  if (has('due') && !has('date') && !has('open') && (has('amount') || has('net') || has('total'))) return guess('gross', 3, 'names the amount due on the invoice');
  if (has('date') || has('due')) return dateRole(w, guess);
  if (has('currency')) return guess('currency', 3, 'names the currency');
  if (has('reason') || (has('code') && (has('adjustment') || has('discount'))) || (has('adjustment') && has('description'))) {
    return guess('reason', 3, 'names the reason of an adjustment');
  }
  const money = has('amount') || has('paid') || has('net') || has('gross') || has('total');
  if (has('line') && !has('invoice') && !money) return guess('ignored', 2, 'is a line or position number');
  // "Claim No.", "Deduction #": the number of an adjustment, not its amount.
  if ((has('discount') || has('adjustment')) && (has('number') || has('reference')) && !money) return guess('ignored', 2, "is an adjustment's number, not an amount");
  if (has('discount')) return guess('discount', 3, 'names the discount taken');
  if (has('adjustment')) return guess('adjustment', 3, 'names an adjustment (deduction) amount');
  if (has('method') || (has('payment') && w.words.some((word) => word === 'type' || word === 'tipo'))) return guess('method', 3, 'names the payment method');
  if (has('description') && !has('amount')) return guess('description', 2, 'describes the line');
  if (has('open')) return guess('ignored', 2, 'is the balance left open, not the amount paid');
  if (has('po') && !has('amount')) return guess('po', 3, 'names the purchase order');
  if ((has('party') || has('store') || has('account') || has('payer')) && !money && !has('invoice') && !has('reference') && !has('document')) {
    return guess('ignored', 2, 'names a party, store or bank account, not the invoice');
  }
  if (w.words.includes('remit') && isRef && !has('amount') && !has('invoice')) return guess('payment_ref', 3, 'names the remittance (payment) number');
  if ((has('check') || has('payment')) && !money && !has('invoice')) {
    if (has('check') || isRef) return guess('payment_ref', 3, 'names the payment (check / EFT) number');
  }
  if (has('invoice') && !has('amount') && !has('total') && !has('gross') && !has('paid') && !has('net')) {
    return has('theirs') ? guess('reference', 4, "names the supplier's invoice number") : guess('reference', 3, 'names the invoice number');
  }
  if (has('theirs') && (has('document') || has('reference'))) return guess('reference', 4, "names the supplier's (your) document number");
  if (has('theirs') && has('number')) return guess('ignored', 2, "is the supplier's own id at the payer, not an invoice");
  if (has('ours')) return guess('ignored', 2, "is the payer's own document number, not the supplier's invoice");
  if (has('reference') && !has('amount')) return guess('reference', 2.5, 'names a reference (the invoice the payer refers to)');
  if (has('document') && !has('amount') && !has('paid')) return guess('reference', 2, 'names a document number');
  if (has('total') && (has('paid') || has('payment') || has('check'))) return guess('payment_total', 3, "names the payment's total");
  if ((has('check') || has('deposit')) && has('amount')) return guess('payment_total', 3, 'names the check / EFT amount: the total of the payment');
  if (has('paid')) return guess('paid', 4, 'names the amount paid');
  if (has('net') && !has('gross')) return guess('paid', 3, 'names the net amount (paid)');
  if (has('payment') && has('amount')) return guess('paid', 3, 'names the payment amount of the line');
  if (has('gross') || (has('invoice') && (has('amount') || has('total')))) return guess('gross', 3, 'names the invoice (gross) amount');
  if (has('amount') || has('total') || has('value')) return guess('amount', 1, 'names an amount');
  if (has('number') && w.concepts.size === 1) return guess('reference', 1, 'names a number');
  return undefined;
}

function dateRole(w: Words, guess: (field: Field, score: number, why: string) => RoleGuess): RoleGuess {
  const has = (concept: Concept): boolean => w.concepts.has(concept);
  if (has('due')) return guess('ignored', 2, 'is a due date');
  if (has('discount')) return guess('ignored', 2, 'is a discount date');
  if (has('po') && !has('invoice')) return guess('ignored', 2, 'is an order date');
  if (has('other-date')) return guess('ignored', 2, 'is a date of something else than the invoice or the payment');
  if (has('invoice') || has('document')) return guess('invoice_date', 3, 'names the invoice (document) date');
  if (has('payment') || has('check') || has('paid') || has('value')) return guess('payment_date', 3, 'names the payment date');
  if (has('deposit')) return guess('payment_date', 2.5, 'names the deposit date');
  return guess('date', 1, 'names a date');
}

/**
 * The payment-level field a label names ("Check No.:", "Zahlungsdatum", "Montant total",
 * "Payment Method"), read above or below a table. Stricter than a column header: only the
 * fields a payment has.
 */
export function labelRole(label: string): { field: PaymentField; score: number } | undefined {
  // "Remit To:", "Pay To:", "Bill To:" introduce an address, not a field.
  if (/\bto\s*:?\s*$/i.test(label.trim())) return undefined;
  const w = wordsOf(label.replace(/:\s*$/, ''));
  if (w.concepts.size === 0) return undefined;
  const has = (concept: Concept): boolean => w.concepts.has(concept);
  const only = (...concepts: Concept[]): boolean => [...w.concepts].every((c) => concepts.includes(c)) && w.unknown.length === 0;
  if (has('invoice') || has('gross') || has('discount') || has('adjustment') || has('tax') || has('open') || has('due') || has('quantity')) return undefined;
  if (has('theirs') || has('ours') || has('store') || has('account')) return undefined;
  if (has('method')) return { field: 'method', score: 3 };
  if (has('currency')) return { field: 'currency', score: 3 };
  if (has('date')) {
    if (has('other-date')) return undefined;
    return { field: 'paymentDate', score: has('payment') || has('check') || has('paid') || has('value') || has('deposit') ? 3 : 1 };
  }
  if (has('payer') && !has('number') && !has('net') && !has('amount') && !has('total')) return { field: 'payerName', score: 2 };
  if (has('amount') || has('total') || has('paid') || has('net')) return { field: 'statedTotal', score: has('payment') || has('check') || has('paid') || has('total') ? 3 : 2 };
  if (has('check') || (has('payment') && (has('number') || has('reference') || has('document')))) return { field: 'paymentRef', score: 3 };
  if (only('reference', 'number') || only('document', 'number') || only('number')) return { field: 'paymentRef', score: 1 };
  return undefined;
}
