/**
 * Finding the header row and what each column means. Headers are compared without case
 * or punctuation (`Vendor Invoice #` = `vendorinvoiceno`); a payer's mapping in
 * remit.yaml names columns remit does not recognise.
 */
import type { Row } from './cells.js';

export type Synonyms = Record<string, readonly string[]>;

export const REMITTANCE_COLUMNS: Synonyms = {
  reference: ['invoice number', 'invoice no', 'invoice #', 'inv no', 'inv #', 'inv number', 'vendor invoice #', 'vendor invoice number',
    'vendor invoice no', 'supplier invoice', 'supplier invoice number', 'invoice', 'doc no', 'doc #', 'document number', 'document no',
    'reference', 'ref', 'invoice ref', 'invoice reference', 'your invoice', 'your reference', 'bill number'],
  invoice_date: ['invoice date', 'inv date', 'doc date', 'document date', 'invoice dt'],
  po: ['po', 'po number', 'po no', 'po #', 'purchase order', 'purchase order number', 'purchase order no', 'customer po', 'po num'],
  gross: ['gross', 'gross amount', 'gross amt', 'invoice amount', 'inv amount', 'inv amt', 'original amount', 'amount due', 'invoice amt'],
  discount: ['discount', 'discount taken', 'disc amt', 'discount amount', 'disc', 'cash discount', 'disc taken', 'discount amt'],
  adjustment: ['adj amt', 'adjustment', 'adjustment amount', 'adjustments', 'deduction', 'deduction amount', 'deductions', 'deduction amt',
    'chargeback', 'chargeback amount', 'adj amount'],
  reason: ['adj reason', 'reason', 'reason code', 'deduction reason', 'adjustment reason', 'rsn', 'deduction code', 'adj code'],
  paid: ['amount paid', 'net paid', 'net amount', 'net', 'paid amount', 'net amt', 'remitted', 'amount remitted', 'paid', 'net payment',
    'payment amount paid'],
  payment_ref: ['payment number', 'payment no', 'payment #', 'check number', 'check no', 'check #', 'check/eft #', 'eft #', 'eft number',
    'eft no', 'payment ref', 'payment reference', 'payment id', 'remittance number', 'remittance no', 'trace number', 'check', 'cheque number'],
  payment_date: ['payment date', 'pay date', 'check date', 'paid date', 'eft date', 'value date', 'remittance date', 'cheque date'],
  currency: ['currency', 'invoice currency', 'curr', 'ccy', 'currency code'],
  description: ['transaction description', 'description', 'type', 'doc type', 'transaction type', 'document type'],
};

export const INVOICE_COLUMNS: Synonyms = {
  customer: ['customer id', 'customer', 'customer no', 'customer number', 'cust id', 'cust no', 'customer code', 'account', 'account no',
    'payer', 'bill to', 'bill-to', 'customer account'],
  customer_name: ['customer name', 'name', 'account name', 'bill to name'],
  reference: REMITTANCE_COLUMNS['reference'] ?? [],
  invoice_date: ['invoice date', 'inv date', 'doc date', 'document date', 'posting date'],
  due_date: ['due date', 'due', 'net due date', 'due dt'],
  po: REMITTANCE_COLUMNS['po'] ?? [],
  currency: REMITTANCE_COLUMNS['currency'] ?? [],
  original: ['original amount', 'invoice amount', 'amount', 'original', 'orig amount', 'document amount', 'gross amount'],
  open: ['open amount', 'balance', 'open balance', 'amount open', 'outstanding', 'remaining', 'balance due', 'open amt', 'amount due',
    'remaining amount', 'open'],
};

export function normaliseHeader(text: string): string {
  return text.toLowerCase().replace(/#/g, ' no ').replace(/[^a-z0-9]/g, '');
}

export interface HeaderMatch {
  rowIndex: number;
  /** field -> column index */
  columns: Record<string, number>;
  headers: string[];
}

/**
 * The header row is the first of the top rows that names enough known fields, so title
 * rows above it ("Target Corporation - Remittance Advice") are passed over.
 */
export function findHeader(
  rows: Row[],
  synonyms: Synonyms,
  mapping: Partial<Record<string, string>>,
  required: readonly string[],
  scanRows = 50,
): HeaderMatch | undefined {
  const lookup = new Map<string, string>();
  for (const [field, names] of Object.entries(synonyms)) {
    for (const name of names) if (!lookup.has(normaliseHeader(name))) lookup.set(normaliseHeader(name), field);
  }
  const mapped = new Map<string, string>();
  for (const [field, header] of Object.entries(mapping)) if (header) mapped.set(normaliseHeader(header), field);

  for (let rowIndex = 0; rowIndex < Math.min(rows.length, scanRows); rowIndex += 1) {
    const headers = (rows[rowIndex] ?? []).map((cell) => cell.text.trim());
    const columns: Record<string, number> = {};
    headers.forEach((header, index) => {
      const key = normaliseHeader(header);
      if (!key) return;
      const field = mapped.get(key) ?? (mappedFieldTaken(mapped, lookup.get(key)) ? undefined : lookup.get(key));
      if (field && columns[field] === undefined) columns[field] = index;
    });
    const known = Object.keys(columns).length;
    if (known >= 2 && required.every((field) => columns[field] !== undefined || !synonyms[field])) {
      return { rowIndex, columns, headers };
    }
    if (known >= 3 && required.some((field) => columns[field] !== undefined)) return { rowIndex, columns, headers };
  }
  return undefined;
}

/** A field the payer mapped explicitly is not also claimed by a synonym. */
function mappedFieldTaken(mapped: Map<string, string>, field: string | undefined): boolean {
  return field !== undefined && [...mapped.values()].includes(field);
}

export function cellAt(row: Row, columns: Record<string, number>, field: string): string {
  const index = columns[field];
  return index === undefined ? '' : (row[index]?.text ?? '').trim();
}
