/**
 * The REMADV (D.96A and later) qualifiers remit reads, and why. Code meanings are from the
 * UN/EDIFACT directories (UNTDID) and the GS1 EANCOM REMADV guide.
 *
 * MOA (5025 monetary amount type), first match in each list wins:
 * - In a DOC group: remitted = 12 "amount remitted", else 11 "amount paid";
 *   gross = 9 "amount due/amount payable", else 77 "invoice amount", else 39 "invoice total
 *   amount"; discount = 52 "discount amount", else 21 "cash discount".
 * - In an AJT group: the adjustment amount is 5 "adjusted amount" (EANCOM), else 165
 *   "adjustment amount", else any other MOA in the group.
 * - Outside DOC groups (header or after UNS): the payment total is 12, else 11, else 139
 *   "total payment amount". 9 there is the total due, not what was paid, so it is not used.
 * Note: 12 is "amount remitted", not a discount, and 129 is "total amount subject to payment
 * discount", not a remitted amount; neither is read as such.
 *
 * DTM (2005 date/time qualifier), header: payment date = 203 "execution date/time,
 * requested", else 209 "value date", else 171 "reference date/time" (of a header RFF, e.g.
 * the payment reference), else 137 "document/message date"; else the UNB date with a
 * warning. In a DOC group: invoice date = 3 "invoice date/time", else 137, else 171.
 *
 * RFF (1153 reference qualifier): header PQ "payment reference", else AEK "payment order
 * number", is the payment reference; without either the BGM document number is used.
 * In a DOC group: ON "order number (buyer)" is the PO.
 *
 * DOC (1001 document name code): 380 commercial invoice, 384 corrected invoice, 389
 * self-billed invoice -> 'invoice'; 220 order, 105 purchase order -> 'po'; anything else
 * (381 credit note, 383 debit note, ...) -> 'other'.
 *
 * NAD (3035 party function): PR "payer". CUX: the currency with type 11 "payment
 * currency", else the first one named. PAI (4461 payment means): a few common codes by name.
 */
import type { RemittanceLine } from '../types.js';

export const DOC_REMITTED = ['12', '11'];
export const DOC_GROSS = ['9', '77', '39'];
export const DOC_DISCOUNT = ['52', '21'];
export const AJT_AMOUNT = ['5', '165'];
export const PAYMENT_TOTAL = ['12', '11', '139'];

export const HEADER_PAYMENT_DATE = ['203', '209', '171', '137'];
export const DOC_INVOICE_DATE = ['3', '137', '171'];

export const HEADER_PAYMENT_REF = ['PQ', 'AEK'];
export const DOC_PO = 'ON';

export const PAYER = 'PR';
export const PAYMENT_CURRENCY = '11';

export function referenceKindOf(documentCode: string): RemittanceLine['referenceKind'] {
  if (['380', '384', '389'].includes(documentCode)) return 'invoice';
  if (['220', '105'].includes(documentCode)) return 'po';
  return 'other';
}

const PAYMENT_MEANS: Record<string, string> = {
  '10': 'cash',
  '20': 'cheque',
  '30': 'credit transfer',
  '31': 'debit transfer',
  '42': 'bank account transfer',
  '49': 'direct debit',
};

/** PAI payment means code -> a readable method; the raw code when it is not one of the common ones. */
export function paymentMethodOf(code: string): string {
  return PAYMENT_MEANS[code] ?? code;
}

/** The first qualifier in `order` that `values` holds. */
export function firstOf<T>(values: Map<string, T>, order: readonly string[]): T | undefined {
  for (const qualifier of order) {
    const value = values.get(qualifier);
    if (value !== undefined) return value;
  }
  return undefined;
}
