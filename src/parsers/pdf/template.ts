/**
 * A payer's PDF template, from remit.yaml `payers.<ID>.pdf_template`, for layouts the
 * generic reader cannot read. Everything in it is optional; what it gives replaces the
 * generic rule for that part only.
 *
 * ```yaml
 * pdf_template:
 *   fields:                      # regex per header field, matched against each text line
 *     payment_ref: 'Remittance ID\s*:?\s*(\S+)'   # (words joined by single spaces);
 *     payment_date: 'Value Date\s*:?\s*(\S+)'     # the first group is the value, or
 *     total: 'Amount Remitted\s*:?\s*(\S+)'       # without a group the text after it
 *   columns:                     # column header text as printed (a list = alternatives)
 *     reference: Doc Ref
 *     invoice_date: Doc Date
 *     net: [Settled, Settled Amt]
 *   total_row: '^Sum of settlement'   # regex of the totals row that ends the table
 *   skip_lines: ['^Continued on']     # regexes of lines to ignore
 * ```
 * When `columns` is given, only those columns are read: it needs `net` and `reference`
 * or `po`. This file reads and checks the template (the config loader calls
 * readPdfTemplate); template-layout.ts turns a checked one into the reading layout.
 */
import { Checker, closest, describe, isMapping, type PathSegment } from '../../core/validation.js';
import { normaliseName, type ColumnKey, type FieldKey } from './layout.js';

export const TEMPLATE_FIELDS = ['payment_ref', 'payment_date', 'total', 'currency', 'payer_name', 'method'] as const;
export type PdfTemplateField = (typeof TEMPLATE_FIELDS)[number];

export const TEMPLATE_COLUMNS = [
  'reference', 'invoice_date', 'po', 'description', 'gross', 'discount', 'deduction', 'reason', 'net',
] as const;
export type PdfTemplateColumn = (typeof TEMPLATE_COLUMNS)[number];

/** The per-payer PDF template as written in remit.yaml (see the file's doc block). */
export interface PdfTemplate {
  /** Regex per header field (case-insensitive), matched against each text line outside the table. */
  fields?: Partial<Record<PdfTemplateField, string>>;
  /** Column header text as printed; a list gives alternatives. */
  columns?: Partial<Record<PdfTemplateColumn, string | string[]>>;
  /** Regex of the totals row that ends the table. */
  total_row?: string;
  /** Regexes of lines to ignore anywhere (`Page n of m` is always ignored). */
  skip_lines?: string[];
}

const TOP_KEYS = ['fields', 'columns', 'total_row', 'skip_lines'] as const;

export const FIELD_KEYS: Record<PdfTemplateField, FieldKey> = {
  payment_ref: 'paymentRef',
  payment_date: 'paymentDate',
  total: 'total',
  currency: 'currency',
  payer_name: 'payerName',
  method: 'method',
};

export const COLUMN_KEYS: Record<PdfTemplateColumn, ColumnKey> = {
  reference: 'reference',
  invoice_date: 'invoiceDate',
  po: 'po',
  description: 'description',
  gross: 'gross',
  discount: 'discount',
  deduction: 'deduction',
  reason: 'reason',
  net: 'net',
};

/**
 * Check a raw `pdf_template` value at `at` (e.g. `payers.HD.pdf_template`), reporting every
 * problem to the checker. Returns the template only when it has none; remit.yaml's loader
 * calls this once, and parsers receive the checked template.
 */
export function readPdfTemplate(c: Checker, raw: unknown, at: readonly PathSegment[]): PdfTemplate | undefined {
  const before = c.problems.length;
  if (!isMapping(raw)) {
    c.add(at, `expected a mapping with fields and/or columns, got ${describe(raw)}`);
    return undefined;
  }
  c.unknownKeys(raw, at, TOP_KEYS);
  const template: PdfTemplate = {};
  if (raw['fields'] !== undefined) {
    const fields = checkFields(c, raw['fields'], [...at, 'fields']);
    if (fields) template.fields = fields;
  }
  if (raw['columns'] !== undefined) {
    const columns = checkColumns(c, raw['columns'], [...at, 'columns']);
    if (columns) template.columns = columns;
  }
  if (raw['total_row'] !== undefined && c.regex(raw['total_row'], [...at, 'total_row'], { flags: 'i' })) template.total_row = raw['total_row'] as string;
  if (raw['skip_lines'] !== undefined) {
    if (!Array.isArray(raw['skip_lines'])) {
      c.add([...at, 'skip_lines'], `expected a list of regular expressions, got ${describe(raw['skip_lines'])}`);
    } else {
      const lines = raw['skip_lines'] as unknown[];
      const ok = lines.map((item, i) => c.regex(item, [...at, 'skip_lines', i], { flags: 'i' }) !== undefined);
      if (ok.every(Boolean)) template.skip_lines = lines as string[];
    }
  }
  if (TOP_KEYS.every((key) => raw[key] === undefined)) c.add(at, 'empty template; give fields and/or columns');
  return c.problems.length === before ? template : undefined;
}

function checkFields(c: Checker, raw: unknown, at: PathSegment[]): PdfTemplate['fields'] | undefined {
  if (!isMapping(raw)) {
    c.add(at, `expected a mapping of field to regular expression, got ${describe(raw)}`);
    return undefined;
  }
  const fields: Partial<Record<PdfTemplateField, string>> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (!(key in FIELD_KEYS)) {
      const near = closest(key, TEMPLATE_FIELDS);
      c.add([...at, key], `unknown field${near ? ` (did you mean "${near}"?)` : ''}; expected ${TEMPLATE_FIELDS.join(', ')}`);
      continue;
    }
    if (c.regex(value, [...at, key], { flags: 'i' })) fields[key as PdfTemplateField] = value as string;
  }
  return fields;
}

function checkColumns(c: Checker, raw: unknown, at: PathSegment[]): PdfTemplate['columns'] | undefined {
  if (!isMapping(raw)) {
    c.add(at, `expected a mapping of column to header text, got ${describe(raw)}`);
    return undefined;
  }
  const columns: Partial<Record<PdfTemplateColumn, string | string[]>> = {};
  const owners = new Map<string, string>();
  for (const [key, value] of Object.entries(raw)) {
    if (!(key in COLUMN_KEYS)) {
      const near = closest(key, TEMPLATE_COLUMNS);
      c.add([...at, key], `unknown column${near ? ` (did you mean "${near}"?)` : ''}; expected ${TEMPLATE_COLUMNS.join(', ')}`);
      continue;
    }
    const names = typeof value === 'string' ? [value] : Array.isArray(value) ? value : undefined;
    if (!names || names.length === 0 || names.some((n) => typeof n !== 'string' || n.trim() === '')) {
      c.add([...at, key], `expected the column's header text (or a list of them), got ${describe(value)}`);
      continue;
    }
    for (const name of names as string[]) {
      const owner = owners.get(normaliseName(name));
      if (owner && owner !== key) c.add([...at, key], `"${name}" is also the header of ${owner}`);
      owners.set(normaliseName(name), key);
    }
    columns[key as PdfTemplateColumn] = value as string | string[];
  }
  if (columns.net === undefined) c.add(at, 'needs net (the amount paid per line)');
  if (columns.reference === undefined && columns.po === undefined) c.add(at, 'needs reference or po');
  return columns;
}

