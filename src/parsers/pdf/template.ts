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
 * validatePdfTemplate); template-layout.ts turns a checked one into the reading layout.
 */
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
 * Check a raw `pdf_template` value. Every problem is reported, each prefixed with its path
 * (e.g. `payers.HD.pdf_template.fields.payment_ref: not a valid regular expression (...)`).
 * `template` is set only when there are no problems.
 */
export function validatePdfTemplate(raw: unknown, path: string): { template?: PdfTemplate; problems: string[] } {
  const problems: string[] = [];
  if (!isMapping(raw)) {
    return { problems: [`${path}: expected a mapping with fields and/or columns, got ${describe(raw)}`] };
  }
  for (const key of Object.keys(raw)) {
    if (!(TOP_KEYS as readonly string[]).includes(key)) problems.push(`${path}.${key}: unknown key; expected ${TOP_KEYS.join(', ')}`);
  }
  const template: PdfTemplate = {};

  if (raw.fields !== undefined) {
    const fields = checkFields(raw.fields, `${path}.fields`, problems);
    if (fields) template.fields = fields;
  }
  if (raw.columns !== undefined) {
    const columns = checkColumns(raw.columns, `${path}.columns`, problems);
    if (columns) template.columns = columns;
  }
  if (raw.total_row !== undefined && checkRegex(raw.total_row, `${path}.total_row`, problems)) {
    template.total_row = raw.total_row as string;
  }
  if (raw.skip_lines !== undefined) {
    if (!Array.isArray(raw.skip_lines)) {
      problems.push(`${path}.skip_lines: expected a list of regular expressions, got ${describe(raw.skip_lines)}`);
    } else {
      const ok = raw.skip_lines.map((item, i) => checkRegex(item, `${path}.skip_lines[${i}]`, problems));
      if (ok.every(Boolean)) template.skip_lines = raw.skip_lines as string[];
    }
  }
  if (TOP_KEYS.every((key) => raw[key] === undefined)) problems.push(`${path}: empty template; give fields and/or columns`);
  return problems.length === 0 ? { template, problems } : { problems };
}

function checkFields(raw: unknown, path: string, problems: string[]): PdfTemplate['fields'] | undefined {
  if (!isMapping(raw)) {
    problems.push(`${path}: expected a mapping of field to regular expression, got ${describe(raw)}`);
    return undefined;
  }
  const fields: Partial<Record<PdfTemplateField, string>> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (!(key in FIELD_KEYS)) {
      problems.push(`${path}.${key}: unknown field; expected ${TEMPLATE_FIELDS.join(', ')}`);
      continue;
    }
    if (checkRegex(value, `${path}.${key}`, problems)) fields[key as PdfTemplateField] = value as string;
  }
  return fields;
}

function checkColumns(raw: unknown, path: string, problems: string[]): PdfTemplate['columns'] | undefined {
  if (!isMapping(raw)) {
    problems.push(`${path}: expected a mapping of column to header text, got ${describe(raw)}`);
    return undefined;
  }
  const columns: Partial<Record<PdfTemplateColumn, string | string[]>> = {};
  const owners = new Map<string, string>();
  for (const [key, value] of Object.entries(raw)) {
    if (!(key in COLUMN_KEYS)) {
      problems.push(`${path}.${key}: unknown column; expected ${TEMPLATE_COLUMNS.join(', ')}`);
      continue;
    }
    const names = typeof value === 'string' ? [value] : Array.isArray(value) ? value : undefined;
    if (!names || names.length === 0 || names.some((n) => typeof n !== 'string' || n.trim() === '')) {
      problems.push(`${path}.${key}: expected the column's header text (or a list of them), got ${describe(value)}`);
      continue;
    }
    for (const name of names as string[]) {
      const owner = owners.get(normaliseName(name));
      if (owner && owner !== key) problems.push(`${path}.${key}: "${name}" is also the header of ${owner}`);
      owners.set(normaliseName(name), key);
    }
    columns[key as PdfTemplateColumn] = value as string | string[];
  }
  if (columns.net === undefined) problems.push(`${path}: needs net (the amount paid per line)`);
  if (columns.reference === undefined && columns.po === undefined) problems.push(`${path}: needs reference or po`);
  return columns;
}

function checkRegex(value: unknown, path: string, problems: string[]): boolean {
  if (typeof value !== 'string' || value.trim() === '') {
    problems.push(`${path}: expected a regular expression (text), got ${describe(value)}`);
    return false;
  }
  let pattern: RegExp;
  try {
    pattern = new RegExp(value, 'i');
  } catch (err) {
    const reason = err instanceof Error ? err.message.replace(/^Invalid regular expression: /, '') : String(err);
    problems.push(`${path}: not a valid regular expression (${reason})`);
    return false;
  }
  if (pattern.test('')) {
    problems.push(`${path}: matches empty text, so it would match every line`);
    return false;
  }
  return true;
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return value.trim() === '' ? 'empty text' : `"${value.slice(0, 40)}"`;
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value} ${String(value)}`;
}
