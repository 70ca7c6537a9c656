/**
 * What the reader looks for on a page: labels of header fields, names of table columns,
 * the totals row, lines to skip. The generic layout below knows the words retailers print
 * on remittance advice; a payer's pdf_template (template.ts) replaces parts of it.
 */

export type FieldKey = 'paymentRef' | 'paymentDate' | 'total' | 'currency' | 'method' | 'payerName';

export type ColumnKey =
  | 'reference'
  | 'invoiceDate'
  | 'po'
  | 'description'
  | 'gross'
  | 'discount'
  | 'deduction'
  | 'reason'
  | 'net';

/**
 * How a header field is found. `label`: a phrase starts with the label and the value
 * follows it (same phrase or the next one). `pattern`: a regex over a line's text whose
 * first group (or, without a group, the text after the match) is the value.
 */
export type FieldRule = { kind: 'label'; label: RegExp } | { kind: 'pattern'; pattern: RegExp };

export interface Layout {
  fields: Record<FieldKey, FieldRule[]>;
  /** Header texts of each column, any of which identifies it. */
  columns: Partial<Record<ColumnKey, string[]>>;
  /** A header row needs every key of one of these groups... */
  requiredColumns: ColumnKey[][];
  /** ...and at least this many recognised columns. */
  minColumns: number;
  /** The totals row that ends a table. */
  isTotalRow(line: { text: string; firstFragment: string }): boolean;
  /** Lines to ignore wherever they appear: page footers, page subtotals, notes. */
  isSkipped(line: { text: string; firstFragment: string }): boolean;
  /** Where the layout came from, for messages. */
  source: 'generic' | 'template';
}

const label = (source: string): FieldRule => ({ kind: 'label', label: new RegExp(`^(?:${source})`, 'i') });

export const GENERIC_FIELDS: Record<FieldKey, FieldRule[]> = {
  paymentRef: [
    label(String.raw`payment\s*(?:number|no\.?|num\.?|nbr|#|id|ref(?:erence)?\.?)`),
    label(String.raw`(?:check|cheque)\s*(?:number|no\.?|num\.?|nbr|#)`),
    label(String.raw`(?:eft|ach|wire)(?:\s*trace)?\s*(?:number|no\.?|num\.?|#|id|ref(?:erence)?\.?)`),
    // A bare `EFT` / `ACH` is a label only with a colon: `ACH` alone is a payment method.
    label(String.raw`(?:eft|ach|wire)(?:\s*trace)?(?=\s*:)`),
    label(String.raw`trace\s*(?:number|no\.?|#)`),
    label(String.raw`remittance\s*(?:number|no\.?|#|id)`),
  ],
  paymentDate: [
    label(String.raw`(?:payment|check|cheque|eft|ach|wire|value|pay|remittance|settlement|deposit)\s*date`),
    label(String.raw`date\s*paid`),
    // A bare `Date:` in the header block is the payment's date; column headers have no colon.
    label(String.raw`date(?=\s*:)`),
  ],
  total: [
    label(String.raw`payment\s*amount`),
    label(String.raw`total\s*payment(?:\s*amount)?`),
    label(String.raw`payment\s*total`),
    label(String.raw`total\s*paid`),
    label(String.raw`(?:check|cheque|eft|ach|wire|remittance)\s*amount`),
  ],
  currency: [label(String.raw`(?:payment\s*)?currency(?:\s*code)?`)],
  method: [label(String.raw`(?:payment\s*(?:method|type|mode)|pay\s*method|method\s*of\s*payment)`)],
  payerName: [label(String.raw`(?:payer(?:\s*name)?|paid\s*by|remitter(?:\s*name)?|remitted\s*by)`)],
};

export const GENERIC_COLUMNS: Record<ColumnKey, string[]> = {
  reference: [
    'Invoice No', 'Invoice Number', 'Invoice #', 'Inv No', 'Inv Number', 'Invoice Ref', 'Vendor Invoice',
    'Vendor Invoice No', 'Supplier Invoice', 'Document No', 'Document Number', 'Doc No', 'Reference', 'Ref No',
    'Your Reference',
  ],
  invoiceDate: ['Invoice Date', 'Inv Date', 'Document Date', 'Doc Date', 'Date'],
  po: ['PO No', 'PO Number', 'PO', 'Purchase Order', 'Purchase Order No', 'Order No'],
  description: ['Description', 'Desc', 'Memo'],
  gross: ['Gross', 'Gross Amount', 'Gross Amt', 'Invoice Amount', 'Inv Amount', 'Inv Amt', 'Original Amount'],
  discount: ['Discount', 'Discount Amount', 'Discount Amt', 'Disc', 'Disc Amt', 'Discount Taken', 'Cash Discount'],
  deduction: ['Deduction', 'Deductions', 'Deduction Amount', 'Deduction Amt', 'Adjustment', 'Adjustments', 'Adj Amt', 'Adj Amount', 'Adj'],
  reason: ['Rsn', 'Reason', 'Reason Code', 'Rsn Code', 'Adj Reason', 'Deduction Reason'],
  net: ['Net', 'Net Amount', 'Net Amt', 'Net Paid', 'Amount Paid', 'Paid Amount', 'Paid'],
};

const TOTAL_ROW = /^(?:grand\s+|payment\s+|remittance\s+|check\s+|net\s+)?totals?(?:\s+(?:payment|paid|amount|remitted|net))?\s*:?(?:\s|$)/i;
const SUBTOTAL_ROW = /^(?:page\s+|sub-?\s*)total/i;
/** `Page 2 of 3`, `Page 2/3`, a lone `Page 2`. */
export const PAGE_FOOTER = /\bpage\s*\d+\s*(?:of|\/)\s*\d+\b|^page\s*\d+$/i;

export const GENERIC_LAYOUT: Layout = {
  fields: GENERIC_FIELDS,
  columns: GENERIC_COLUMNS,
  requiredColumns: [
    ['reference', 'net'],
    ['po', 'net'],
  ],
  minColumns: 3,
  isTotalRow: (line) => TOTAL_ROW.test(line.firstFragment),
  isSkipped: (line) => PAGE_FOOTER.test(line.text) || SUBTOTAL_ROW.test(line.firstFragment),
  source: 'generic',
};

/** Header text compared loosely: case, spaces and `. : # _` do not matter. */
export function normaliseName(text: string): string {
  return text.toLowerCase().replace(/[\s.:#_]/g, '');
}

/** The header texts a layout needs in a header row, for messages: `"Invoice No" and "Net" or ...`. */
export function describeRequiredColumns(layout: Layout): string {
  const first = (key: ColumnKey) => layout.columns[key]?.[0] ?? key;
  return layout.requiredColumns.map((group) => group.map((key) => `"${first(key)}"`).join(' and ')).join(' or ');
}
