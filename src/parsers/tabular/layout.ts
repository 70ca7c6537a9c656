/**
 * The layout of a remittance table, found in its first rows: which row is the header, what
 * each column holds and why, which adjustment amount goes with which reason, and the
 * payment fields written as labels above the table. Header words decide first (a payer's
 * `columns` mapping wins); the values then confirm them (a column named for amounts whose
 * values are not amounts is not used) and decide what the words leave open: an "Amount"
 * column, a lone "Date", a column of amounts that adds up to the stated total, a column of
 * references that are the payer's open invoice numbers.
 */
import { ParseError } from '../../core/errors.js';
import { displayMinor } from '../../core/money.js';
import type { ParseOptions, PaymentField } from '../types.js';
import type { Cell, Row } from './cells.js';
import { looksLikeAmount, looksLikeDate } from './cell-kinds.js';
import { customLabels, labelsInRow, type LabelFound } from './labels.js';
import { columnRole, type Field, type RoleGuess } from './roles.js';
import { fileNameFields } from './file-name.js';
import { plainWords } from './words.js';
import { lenientAmount } from './sample-amounts.js';

/** Rows searched for the header. */
export const HEADER_ROWS = 50;

export interface ColumnPlan {
  index: number;
  header: string;
  /** The role the header (or the payer's mapping) suggested, before the values were seen. */
  suggested?: RoleGuess;
  /** The role the column is read as; undefined: not read. */
  field?: Field;
  why: string;
}

export interface AdjustmentPair {
  amount: number;
  reasons: number[];
}

export interface TableLayout {
  /** 0-based row of the header. */
  rowIndex: number;
  headers: string[];
  /** Field -> column, for the fields read from one column. */
  columns: Partial<Record<Field, number>>;
  adjustments: AdjustmentPair[];
  /** Reason columns not paired with an adjustment amount: the reason of a deduction line. */
  lineReasons: number[];
  plans: ColumnPlan[];
  /** Payment fields from labels above the header (best per field). */
  labels: LabelFound[];
  /** Payment number and date from the file name, when the content lacks them. */
  fileName: { paymentRef?: string; paymentDate?: string };
  /** What is still missing for the table to be read; empty when it can be. */
  missing: string[];
}

/** A field a payer can map in `payers.<ID>.columns`. */
const MAPPABLE = new Set<Field>(['reference', 'invoice_date', 'po', 'gross', 'discount', 'adjustment', 'reason', 'paid', 'payment_ref', 'payment_date', 'currency', 'description']);
const AMOUNT_FIELDS = new Set<Field>(['paid', 'gross', 'discount', 'adjustment', 'amount', 'payment_total']);
const DATE_FIELDS = new Set<Field>(['invoice_date', 'payment_date', 'date']);
const SINGLE_FIELDS: Field[] = ['reference', 'invoice_date', 'po', 'gross', 'discount', 'paid', 'payment_ref', 'payment_date', 'currency', 'description', 'method', 'payment_total'];

export const TOTAL_ROW = /^(grand\s+)?totals?\b|^total\s+(payment|paid|amount)|^(summe|gesamtsumme|gesamtbetrag|gesamt|total\s+g[ée]n[ée]ral|totaux|importe\s+total|suma\s+total|suma)\b/i;
const TOTAL_WORD = /\b(totals?|totale?s?|summe|gesamt\w*|suma|totaux)\b/i;

/**
 * A totals row: "TOTAL" (or Summe, Gesamt, Total général...) in one of its first cells, or a
 * total word there ("Payment Amount Total") when the row names no invoice.
 */
export function isTotalsRow(row: Row, referenceIndex: number | undefined): boolean {
  for (let i = 0; i < 3 && i < row.length; i += 1) {
    const text = row[i]!.text.trim();
    if (text === '') continue;
    if (TOTAL_ROW.test(text)) return true;
    if (TOTAL_WORD.test(text) && (referenceIndex === undefined || referenceIndex === i || (row[referenceIndex]?.text.trim() ?? '') === '')) return true;
  }
  return false;
}

/**
 * Find the layout in the first rows of a table (the header within the first 50; the rows
 * after it are the sample its values are judged on). Throws ParseError when there is no
 * header row; `missing` lists what else is missing (the caller decides whether to throw).
 */
export function findLayout(top: Row[], options: ParseOptions): TableLayout {
  const mapping = mappedHeaders(options);
  let headerRow = findHeaderRow(top, mapping);
  if (headerRow === undefined) {
    throw new ParseError(
      `no header row with remittance columns in the first ${HEADER_ROWS} rows (looked for: invoice number, amount paid, payment number, payment date)`,
      `map the columns in remit.yaml under payers.${options.payer ?? '<ID>'}.columns`,
    );
  }
  const custom = customLabels(options.headerFields);
  const labels = bestLabels(top.slice(0, headerRow).flatMap((row, k) => labelsInRow(row, k + 1, custom)));
  const twoRows = secondHeaderRow(top, headerRow, mapping);
  const headers = twoRows ?? (top[headerRow] ?? []).map((cell) => cell.text.trim());
  if (twoRows) headerRow += 1;
  const sample = sampleRows(top, headerRow, headers, custom);
  const plans = headers.map((header, index) => plan(header, index, mapping));
  for (const p of plans) confirmByValues(p, sample);
  const footer = footerTotal(top, headerRow, plans, custom);
  const statedTotal = labelTotal(labels) ?? footer;
  const fileName = fileNameFields(options.fileName);
  resolve(plans, sample, { labels, fileName, statedTotal, openInvoices: options.openInvoiceNumbers });
  const columns: Partial<Record<Field, number>> = {};
  for (const field of SINGLE_FIELDS) {
    const p = plans.find((c) => c.field === field);
    if (p) columns[field] = p.index;
  }
  const { adjustments, lineReasons } = pairAdjustments(plans);
  const layout: TableLayout = { rowIndex: headerRow, headers, columns, adjustments, lineReasons, plans, labels, fileName, missing: [] };
  layout.missing = missingFields(layout);
  return layout;
}

function mappedHeaders(options: ParseOptions): Map<string, Field> {
  const mapped = new Map<string, Field>();
  for (const [field, header] of Object.entries(options.columns)) {
    if (header && MAPPABLE.has(field as Field)) mapped.set(plainWords(header).join(' '), field as Field);
  }
  return mapped;
}

function guessFor(header: string, mapping: Map<string, Field>): RoleGuess | undefined {
  const mapped = mapping.get(plainWords(header).join(' '));
  if (mapped) return { field: mapped, score: 10, why: `"${header}" is mapped to ${mapped} in payers.<ID>.columns` };
  return columnRole(header);
}

/** The first row that names at least two table fields (one of them a reference or an amount) and holds no values. */
function findHeaderRow(top: Row[], mapping: Map<string, Field>): number | undefined {
  for (let r = 0; r < Math.min(top.length, HEADER_ROWS); r += 1) if (isHeaderRow(top[r] ?? [], mapping)) return r;
  return undefined;
}

/** Does this row read as a table header? (Also asked of rows further down: another table starting.) */
export function isHeaderRow(row: Row, mapping: Map<string, Field> = new Map()): boolean {
  const fields = new Set<Field>();
  for (const cell of row) {
    const text = cell.text.trim();
    if (text === '') continue;
    if (cell.kind !== 'text' || /[:：]$/.test(text) || looksLikeAmount(cell) || looksLikeDate(cell)) return false;
    const guess = guessFor(text, mapping);
    if (guess && guess.field !== 'ignored') fields.add(guess.field);
  }
  if (fields.size < 2) return false;
  const named = (...list: Field[]): boolean => list.some((f) => fields.has(f));
  return named('reference', 'po') || (named('paid', 'gross', 'amount', 'discount', 'adjustment') && fields.size >= 3);
}

/**
 * A header written over two rows ("Invoice | Gross" above "Number | Amount"): the row under
 * the header holds only words, and joined to the row above they name more fields than the
 * row above alone. Returns the joined headers, or undefined.
 */
function secondHeaderRow(top: Row[], headerRow: number, mapping: Map<string, Field>): string[] | undefined {
  const upper = top[headerRow] ?? [];
  const lower = top[headerRow + 1];
  if (!lower) return undefined;
  const filled = lower.filter((cell) => cell.text.trim() !== '');
  if (filled.length < 2 || filled.some((cell) => cell.kind !== 'text' || /\d/.test(cell.text) || /[:：]$/.test(cell.text.trim()))) return undefined;
  const width = Math.max(upper.length, lower.length);
  const joined = Array.from({ length: width }, (_, i) => `${upper[i]?.text.trim() ?? ''} ${lower[i]?.text.trim() ?? ''}`.trim());
  const named = (headers: string[]): number => new Set(headers.map((h) => guessFor(h, mapping)?.field).filter((f) => f && f !== 'ignored')).size;
  const alone = upper.map((cell) => cell.text.trim());
  return named(joined) > named(alone) ? joined : undefined;
}

function plan(header: string, index: number, mapping: Map<string, Field>): ColumnPlan {
  if (header === '') return { index, header, why: 'no header' };
  const suggested = guessFor(header, mapping);
  if (!suggested) return { index, header, why: `"${header}" names nothing remit reads` };
  return { index, header, suggested, field: suggested.field === 'ignored' ? undefined : suggested.field, why: suggested.why };
}

/** The data rows under the header in the first rows: not blank, not totals, not labels, not a repeated header. */
function sampleRows(top: Row[], headerRow: number, headers: string[], custom: ReturnType<typeof customLabels>): Row[] {
  const out: Row[] = [];
  top.slice(headerRow + 1).forEach((row, k) => {
    const texts = row.map((c) => c.text.trim());
    if (texts.every((t) => t === '')) return;
    if (texts.slice(0, 3).some((t) => TOTAL_ROW.test(t) || TOTAL_WORD.test(t))) return;
    if (texts.some((t) => /[:：]$/.test(t))) return;
    if (texts.every((t, i) => t === (headers[i] ?? ''))) return;
    // "Check Amount  4,812.35" under the last line: a label, not a line.
    if (labelsInRow(row, headerRow + 2 + k, custom).length > 0) return;
    out.push(row);
  });
  return out;
}

interface ColumnValues {
  filled: Cell[];
  amounts: number;
  dates: number;
}

function valuesOf(sample: Row[], index: number): ColumnValues {
  const filled = sample.map((row) => row[index]).filter((cell): cell is Cell => cell !== undefined && cell.text.trim() !== '');
  return { filled, amounts: filled.filter(looksLikeAmount).length, dates: filled.filter(looksLikeDate).length };
}

/** A header's role stands only if the values agree: amounts for money, dates for dates, no line numbers for references. */
function confirmByValues(p: ColumnPlan, sample: Row[]): void {
  if (!p.field || !p.suggested || p.suggested.score >= 10) return;
  const v = valuesOf(sample, p.index);
  if (v.filled.length === 0) return;
  const first = `"${v.filled.find((c) => !(AMOUNT_FIELDS.has(p.field!) ? looksLikeAmount(c) : looksLikeDate(c)))?.text.trim().slice(0, 20) ?? ''}"`;
  // Mostly is enough: one stray text (a footnote mark, "n/a") does not undo a plain header.
  const mostly = (count: number): boolean => count * 4 >= v.filled.length * 3;
  if (AMOUNT_FIELDS.has(p.field) && !mostly(v.amounts)) {
    p.why = `${p.why}, but its values are not all amounts (${first}): not read`;
    p.field = undefined;
  } else if (DATE_FIELDS.has(p.field) && !mostly(v.dates)) {
    p.why = `${p.why}, but its values are not all dates (${first}): not read`;
    p.field = undefined;
  } else if (p.field === 'reference' && v.filled.length >= 2 && v.filled.every((c, k) => c.text.trim() === String(k + 1))) {
    p.why = `${p.why}, but its values count 1, 2, 3...: line numbers, not read`;
    p.field = undefined;
  }
}

function bestLabels(found: LabelFound[]): LabelFound[] {
  const best = new Map<PaymentField, LabelFound>();
  for (const label of found) {
    const seen = best.get(label.field);
    if (!seen || label.score > seen.score) best.set(label.field, label);
  }
  return [...best.values()];
}

function labelTotal(labels: LabelFound[]): { minor: number; where: string } | undefined {
  const label = labels.find((l) => l.field === 'statedTotal');
  if (!label) return undefined;
  const minor = lenientAmount(label.cell);
  return minor === undefined ? undefined : { minor, where: `label "${label.label}" on row ${label.rowNo}` };
}

/** A totals row or total label under the table, within the first rows (short files). */
function footerTotal(top: Row[], headerRow: number, plans: ColumnPlan[], custom: ReturnType<typeof customLabels>): { minor: number; where: string } | undefined {
  const paid = plans.find((p) => p.field === 'paid');
  for (let r = headerRow + 1; r < top.length; r += 1) {
    const row = top[r]!;
    if (isTotalsRow(row, plans.find((p) => p.field === 'reference')?.index)) {
      const cell = paid ? row[paid.index] : [...row].reverse().find((c) => looksLikeAmount(c));
      const minor = cell ? lenientAmount(cell) : undefined;
      if (minor !== undefined) return { minor, where: `the totals row (row ${r + 1})` };
    }
    const label = labelsInRow(row, r + 1, custom).find((l) => l.field === 'statedTotal');
    if (label) {
      const minor = lenientAmount(label.cell);
      if (minor !== undefined) return { minor, where: `label "${label.label}" on row ${label.rowNo}` };
    }
  }
  return undefined;
}

interface Context {
  labels: LabelFound[];
  fileName: { paymentRef?: string; paymentDate?: string };
  statedTotal: { minor: number; where: string } | undefined;
  openInvoices: ReadonlySet<string> | undefined;
}

/** Settle what the header words left open, from the values and the rest of the file. */
function resolve(plans: ColumnPlan[], sample: Row[], context: Context): void {
  // One column per single field: the most specific header wins.
  for (const field of SINGLE_FIELDS) {
    const holders = plans.filter((p) => p.field === field).sort((a, b) => (b.suggested?.score ?? 0) - (a.suggested?.score ?? 0));
    for (const loser of holders.slice(1)) {
      loser.why = `${loser.why}; "${holders[0]!.header}" says it more plainly: not read`;
      loser.field = undefined;
    }
  }
  chooseReference(plans, sample, context.openInvoices);
  const only = (field: Field): ColumnPlan | undefined => plans.find((p) => p.field === field);
  // A payment total that changes from row to row within one payment is the line's amount paid.
  const total = only('payment_total');
  if (total && !only('paid') && varies(sample, total.index, only('payment_ref')?.index)) {
    total.field = 'paid';
    total.why = `${total.why}, but it changes from line to line: read as the amount paid`;
  }
  const amounts = plans.filter((p) => p.field === 'amount');
  if (!only('paid') && context.statedTotal) {
    const candidates = plans.filter((p) => (p.field === undefined || p.field === 'amount') && p.header !== '' && isAmountColumn(sample, p.index));
    const adding = candidates.filter((p) => sumOf(sample, p.index) === context.statedTotal!.minor);
    if (adding.length === 1) {
      adding[0]!.field = 'paid';
      adding[0]!.why = `"${adding[0]!.header}": its amounts add up to the total ${displayMinor(context.statedTotal.minor)} (${context.statedTotal.where}): the amount paid`;
    }
  }
  if (!only('paid') && amounts.length === 1) {
    amounts[0]!.field = 'paid';
    amounts[0]!.why = `${amounts[0]!.why}: the only amount column, read as the amount paid`;
  }
  for (const p of plans.filter((c) => c.field === 'amount')) {
    if (!only('gross')) {
      p.field = 'gross';
      p.why = `${p.why}: beside "${only('paid')?.header ?? 'the amount paid'}", read as the invoice amount`;
    } else {
      p.field = undefined;
      p.why = `${p.why}: the table already has an amount paid and an invoice amount, not read`;
    }
  }
  const dates = plans.filter((p) => p.field === 'date');
  const paymentDateElsewhere = context.labels.some((l) => l.field === 'paymentDate') || context.fileName.paymentDate !== undefined;
  for (const p of dates) {
    if (!only('payment_date') && !paymentDateElsewhere && only('payment_ref') && !only('invoice_date')) {
      p.field = 'payment_date';
      p.why = `${p.why}: the table's only date, beside the payment number column "${only('payment_ref')!.header}": the payment date`;
    } else if (!only('invoice_date')) {
      p.field = 'invoice_date';
      p.why = `${p.why}: the payment date is ${only('payment_date') ? `in "${only('payment_date')!.header}"` : 'given above the table'}, so this is the invoice date`;
    } else {
      p.field = undefined;
      p.why = `${p.why}: not read (the table has its invoice and payment dates)`;
    }
  }
  // A column of dates under a header we have no words for: the invoice date, when the payment date is known.
  if (!only('invoice_date') && (only('payment_date') || paymentDateElsewhere)) {
    const unnamed = plans.filter((p) => p.field === undefined && !p.suggested && p.header !== '' && isDateColumn(sample, p.index));
    if (unnamed.length === 1) {
      unnamed[0]!.field = 'invoice_date';
      unnamed[0]!.why = `"${unnamed[0]!.header}" holds only dates: read as the invoice date`;
    }
  }
}

/** Among the columns that could hold the invoice number, the one whose values are the payer's open invoices wins. */
function chooseReference(plans: ColumnPlan[], sample: Row[], openInvoices: ReadonlySet<string> | undefined): void {
  if (!openInvoices || openInvoices.size === 0 || sample.length === 0) return;
  const open = new Set([...openInvoices].map(invoiceKey));
  const chosen = plans.find((p) => p.field === 'reference');
  const candidates = plans.filter((p) => p.header !== '' && (p.field === undefined || p.field === 'reference' || p.field === 'description' || p.field === 'po'));
  const scored = candidates.map((p) => {
    const values = valuesOf(sample, p.index).filled;
    return { p, hits: values.filter((c) => open.has(invoiceKey(c.text))).length, of: values.length };
  }).sort((a, b) => b.hits - a.hits);
  const best = scored[0];
  if (!best || best.hits === 0 || (scored[1] && scored[1].hits === best.hits)) return;
  if (chosen === best.p) {
    chosen.why = `${chosen.why}; ${best.hits} of ${best.of} values are open invoice numbers of this payer`;
    return;
  }
  const chosenHits = scored.find((s) => s.p === chosen)?.hits ?? 0;
  if (chosen && chosenHits >= best.hits) return;
  if (chosen) {
    chosen.field = undefined;
    chosen.why = `${chosen.why}, but "${best.p.header}" holds the open invoice numbers: not read`;
  }
  if (best.p.field === 'po') return;
  best.p.field = 'reference';
  best.p.why = `"${best.p.header}": ${best.hits} of ${best.of} values are open invoice numbers of this payer: the invoice number`;
}

/** Invoice numbers compared without case, spaces, dashes or leading zeros. */
export function invoiceKey(text: string): string {
  return text.toUpperCase().replace(/[^A-Z0-9]/g, '').replace(/^0+(?=\d)/, '');
}

function isAmountColumn(sample: Row[], index: number): boolean {
  const v = valuesOf(sample, index);
  return v.filled.length > 0 && v.amounts === v.filled.length;
}

function isDateColumn(sample: Row[], index: number): boolean {
  const v = valuesOf(sample, index);
  return v.filled.length > 0 && v.dates === v.filled.length;
}

function sumOf(sample: Row[], index: number): number | undefined {
  let sum = 0;
  for (const row of sample) {
    const cell = row[index];
    if (!cell || cell.text.trim() === '') continue;
    const minor = lenientAmount(cell);
    if (minor === undefined) return undefined;
    sum += minor;
  }
  return sum;
}

function varies(sample: Row[], index: number, paymentRefIndex: number | undefined): boolean {
  const byPayment = new Map<string, Set<string>>();
  for (const row of sample) {
    const key = paymentRefIndex === undefined ? '' : (row[paymentRefIndex]?.text.trim() ?? '');
    const value = row[index]?.text.trim() ?? '';
    if (value === '') continue;
    byPayment.set(key, (byPayment.get(key) ?? new Set()).add(value));
  }
  return [...byPayment.values()].some((values) => values.size > 1);
}

/**
 * Adjustment amounts and their reasons: by the number in the header ("Adj Amt 2" with
 * "Adj Rsn 2"), else the reason columns right after an amount, else one of each.
 */
function pairAdjustments(plans: ColumnPlan[]): { adjustments: AdjustmentPair[]; lineReasons: number[] } {
  const amounts = plans.filter((p) => p.field === 'adjustment');
  const reasons = plans.filter((p) => p.field === 'reason');
  const taken = new Set<number>();
  const pairs: AdjustmentPair[] = amounts.map((a) => ({ amount: a.index, reasons: [] }));
  const indexOf = (p: ColumnPlan): string | undefined => /(\d+)\s*$/.exec(p.header)?.[1] ?? /\b(\d+)\b/.exec(p.header)?.[1];
  if (amounts.length > 1) {
    pairs.forEach((pair, k) => {
      const n = indexOf(amounts[k]!);
      if (n === undefined) return;
      for (const r of reasons) if (!taken.has(r.index) && indexOf(r) === n) (pair.reasons.push(r.index), taken.add(r.index));
    });
    pairs.forEach((pair, k) => {
      if (pair.reasons.length > 0) return;
      for (let i = amounts[k]!.index + 1; i < plans.length; i += 1) {
        const next = plans[i]!;
        if (next.field !== 'reason' || taken.has(next.index)) break;
        pair.reasons.push(next.index);
        taken.add(next.index);
      }
    });
  } else if (amounts.length === 1) {
    for (const r of reasons) (pairs[0]!.reasons.push(r.index), taken.add(r.index));
  }
  const unpaired = reasons.filter((r) => !taken.has(r.index)).map((r) => r.index);
  // A deduction line (a negative line of its own) takes the unpaired reasons, else the first pair's.
  return { adjustments: pairs, lineReasons: unpaired.length > 0 ? unpaired : (pairs[0]?.reasons ?? []) };
}

function missingFields(layout: TableLayout): string[] {
  const has = (field: Field): boolean => layout.columns[field] !== undefined;
  const label = (field: PaymentField): boolean => layout.labels.some((l) => l.field === field);
  const missing: string[] = [];
  if (!has('reference') && !has('po')) missing.push('invoice number');
  if (!has('paid')) missing.push('amount paid');
  if (!has('payment_ref') && !label('paymentRef') && !layout.fileName.paymentRef) missing.push('payment number');
  if (!has('payment_date') && !label('paymentDate') && !layout.fileName.paymentDate) missing.push('payment date');
  return missing;
}
