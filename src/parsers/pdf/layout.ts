/**
 * What the reader looks for on a page: labels of header fields, names of table columns,
 * the totals row, lines to skip. The generic layout below knows the words retailers print
 * on remittance advice (vocabulary.ts); a payer's pdf_template (template.ts) replaces parts of it.
 */
import { COLUMN_NAMES, FIELD_LABELS, WEAK_COLUMN_NAMES, type LabelWords } from './vocabulary.js';


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
export type FieldRule =
  | { kind: 'label'; label: RegExp; /** The value must read as this, else the label is just a word. */ check?: 'date' | 'amount' }
  | { kind: 'pattern'; pattern: RegExp };

export interface Layout {
  fields: Record<FieldKey, FieldRule[]>;
  /** Header texts of each column, any of which identifies it. */
  columns: Partial<Record<ColumnKey, string[]>>;
  /** Generic header texts that name a column only when no text of `columns` names it in the same header row. */
  weakColumns: Partial<Record<ColumnKey, string[]>>;
  /** Header texts of columns remit knows and does not read (balance due, type): they do not make a row less of a header. */
  ignoredColumns: string[];
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

const label = (words: LabelWords): FieldRule => ({
  kind: 'label',
  label: new RegExp(`^(?:${words.source})`, 'iu'),
  ...(words.check ? { check: words.check } : {}),
});

export const GENERIC_FIELDS: Record<FieldKey, FieldRule[]> = Object.fromEntries(
  (Object.entries(FIELD_LABELS) as Array<[FieldKey, LabelWords[]]>).map(([key, list]) => [key, list.map(label)]),
) as Record<FieldKey, FieldRule[]>;

export const GENERIC_COLUMNS: Record<ColumnKey, string[]> = COLUMN_NAMES;

/** Columns of stubs and advices that carry nothing remit stores. */
const IGNORED_COLUMNS = [
  'Type', 'Doc Type', 'Document Type', 'Balance Due', 'Balance', 'Amount Due', 'Amt Due', 'Open Amount', 'Open Balance',
  'Remaining', 'Still Owing', 'Status', 'Line', 'Item', 'Qty', 'Tax', 'VAT', 'Due Date', 'Payment Date', 'Check Date',
  'Check No', 'Check Number', 'Cheque No', 'Currency', 'Account', 'Belegart', 'Fälligkeit', 'Offen', 'Restbetrag',
  'Échéance', 'Solde', 'Vencimiento', 'Saldo',
];

const TOTAL_ROW = /^(?:grand\s+|payment\s+|remittance\s+|check\s+|net\s+)?(?:totals?|summe|gesamtsumme|gesamtbetrag|gesamt|total\s+g[ée]n[ée]ral|montant\s+total|importe\s+total)(?:\s+(?:payment|paid|amount|remitted|net|pagado|r[ée]gl[ée]|pay[ée]))?\s*:?(?:\s|$)/iu;
const SUBTOTAL_ROW = /^(?:page\s+|sub-?\s*)total/i;
/** `Page 2 of 3`, `Page 2/3`, a lone `Page 2`. */
export const PAGE_FOOTER = /\bpage\s*\d+\s*(?:of|\/)\s*\d+\b|^page\s*\d+$/i;

export const GENERIC_LAYOUT: Layout = {
  fields: GENERIC_FIELDS,
  columns: GENERIC_COLUMNS,
  weakColumns: WEAK_COLUMN_NAMES,
  ignoredColumns: IGNORED_COLUMNS,
  requiredColumns: [
    ['reference', 'net'],
    ['po', 'net'],
  ],
  minColumns: 3,
  isTotalRow: (line) => TOTAL_ROW.test(line.firstFragment),
  isSkipped: (line) => PAGE_FOOTER.test(line.text) || SUBTOTAL_ROW.test(line.firstFragment),
  source: 'generic',
};

/** Header text compared loosely: case, accents, spaces and `. : # _ - /` do not matter (`Numéro` = `numero`, `Re-Nr.` = `RENR`). */
export function normaliseName(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[\s.:#_\-/]/g, '');
}

/** The header texts a layout needs in a header row, for messages: `"Invoice No" and "Net" or ...`. */
export function describeRequiredColumns(layout: Layout): string {
  const first = (key: ColumnKey) => layout.columns[key]?.[0] ?? key;
  return layout.requiredColumns.map((group) => group.map((key) => `"${first(key)}"`).join(' and ')).join(' or ');
}
