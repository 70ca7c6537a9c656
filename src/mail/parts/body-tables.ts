/**
 * A remittance written in the body of one message, as rows the tabular reader takes
 * (`remittancesFromRows`, src/parsers/tabular/remittance-table.ts): the HTML body's table
 * with the most remittance-like header (and any later table with the same header: one per
 * payment), else an aligned plain-text table. Never both: they are two views of one body.
 * Payment number, date and currency written above a table are added as columns when the
 * table has none, so the tabular reader needs no mapping. Totals rows are left out: under
 * a body table "TOTAL" often sits in the middle column, where the file reader would not
 * look for it.
 */
import type { Row } from '../../parsers/tabular/cells.js';
import { textCell } from '../../parsers/tabular/cells.js';
import { headerRowScore, remittanceHeader, type RemittanceHeader } from './header-score.js';
import { htmlTables } from './html-tables.js';
import { paymentFields, type PaymentFields } from './payment-fields.js';
import { textTables } from './text-tables.js';

export interface BodyTable {
  /** Where it was read: "HTML body", "text body", a text attachment, or under a forwarded message. */
  origin: string;
  /** Header first; ready for remittancesFromRows. */
  rows: Row[];
  /** The payment-level fields found above the table. */
  fields: PaymentFields;
  /** Columns added from `fields` because the table had none ("Payment Number"). */
  addedColumns: string[];
  /** Payment-level fields neither a column nor a "Label: value" line gives (payment_ref, payment_date). */
  missing: string[];
}

export interface BodyOptions {
  columns: Partial<Record<string, string>>;
  decimalComma: boolean;
}

const TOTAL = /^(grand\s+|sub\s*)?totals?\b|^total\s+(payment|paid|amount)/i;

export function bodyTables(body: { text: string; html: string | undefined }, origin: string, options: BodyOptions): BodyTable[] {
  if (body.html) {
    const fromHtml = htmlBodyTables(body.html, options);
    if (fromHtml.length > 0) return fromHtml.map((table) => finish(table, `${origin}HTML body`, options));
  }
  const found = textTables(body.text, (cells) => headerRowScore(cells, options.columns));
  const picked = pick(found.map((table) => ({ rows: table.rows, header: remittanceHeader(table.rows, options.columns, 1), before: table.textBefore })));
  return picked.map((table, index) => finish({ ...table, before: since(table.before, picked[index - 1]?.before) }, `${origin}text body`, options));
}

interface Candidate {
  rows: string[][];
  header: RemittanceHeader | undefined;
  before: string;
}

function htmlBodyTables(html: string, options: BodyOptions): Candidate[] {
  const { tables } = htmlTables(html);
  const picked = pick(tables.map((table) => ({ rows: table.rows, header: remittanceHeader(table.rows, options.columns), before: table.textBefore })));
  return picked.map((table, index) => ({ ...table, before: since(table.before, picked[index - 1]?.before) }));
}

/** The best-scoring table, and every other table with the very same header (a payment each). */
function pick(candidates: Candidate[]): Array<Candidate & { header: RemittanceHeader }> {
  const headed = candidates.filter((c): c is Candidate & { header: RemittanceHeader } => c.header !== undefined);
  if (headed.length === 0) return [];
  const best = headed.reduce((a, b) => (b.header.score > a.header.score ? b : a));
  const signature = (c: Candidate & { header: RemittanceHeader }) => headerText(c).join('\u0000').toLowerCase();
  return headed.filter((c) => signature(c) === signature(best));
}

function headerText(c: Candidate & { header: RemittanceHeader }): string[] {
  return (c.rows[c.header.rowIndex] ?? []).map((cell) => cell.trim());
}

/** The text that comes after the previous table's own text began: its fields are not this table's. */
function since(before: string, previous: string | undefined): string {
  return previous !== undefined && before.startsWith(previous) ? before.slice(previous.length) : before;
}

function finish(table: Candidate & { header?: RemittanceHeader }, origin: string, options: BodyOptions): BodyTable {
  const header = table.header!;
  const titleRows = table.rows.slice(0, header.rowIndex).map((row) => row.filter(Boolean).join('  '));
  const fields = paymentFields([table.before, ...titleRows].join('\n'), { decimalComma: options.decimalComma });
  const headerRow = table.rows[header.rowIndex]!;
  const data = table.rows.slice(header.rowIndex + 1).filter((row) => !isTotal(row, header));
  const added: Array<{ name: string; value: string }> = [];
  const missing: string[] = [];
  const add = (field: string, name: string, value: string | undefined) => {
    if (header.columns[field] !== undefined) return;
    if (value === undefined) missing.push(field);
    else added.push({ name, value });
  };
  add('payment_ref', 'Payment Number', fields.paymentRef);
  add('payment_date', 'Payment Date', fields.paymentDate);
  if (fields.currency && header.columns['currency'] === undefined) added.push({ name: 'Currency', value: fields.currency });
  const rows: Row[] = [
    [...headerRow, ...added.map((column) => column.name)].map(textCell),
    ...data.map((row) => [...padded(row, headerRow.length), ...added.map((column) => column.value)].map(textCell)),
  ];
  return { origin, rows, fields, addedColumns: added.map((column) => column.name), missing };
}

/** A totals row: no invoice or PO, and a "Total" anywhere in it. */
function isTotal(row: string[], header: RemittanceHeader): boolean {
  const reference = header.columns['reference'];
  const po = header.columns['po'];
  const named = (reference !== undefined && (row[reference] ?? '').trim() !== '' && !TOTAL.test((row[reference] ?? '').trim())) ||
    (po !== undefined && (row[po] ?? '').trim() !== '');
  return !named && row.some((cell) => TOTAL.test(cell.trim()));
}

function padded(row: string[], length: number): string[] {
  const copy = row.slice(0, length);
  while (copy.length < length) copy.push('');
  return copy;
}
