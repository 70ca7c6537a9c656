/**
 * Rows of a remittance spreadsheet to remittances: the layout found in the first rows
 * (header under title rows and label/value lines, column roles from the words and the
 * values), then one remittance per payment number (+ date + currency) in file order.
 * Payment fields come from columns, else from labels above the table (or above each
 * section of a file that lists payments one after another), else from the file name.
 * The order of day and month and the decimal mark are decided from the file's own values;
 * rows wait until they are. Any bad amount or date fails the whole document with its row
 * and column named; a stated total the lines do not reach is an error diagnostic.
 * Read row by row (RemittanceTable), so a large file can stream through it.
 */
import { ParseError } from '../../core/errors.js';
import type { Minor } from '../../core/money.js';
import type { Diagnostic, ParseOptions, PaymentField, Remittance } from '../types.js';
import type { Row } from './cells.js';
import { Conventions } from './conventions.js';
import { customLabels, labelsInRow, type LabelFound } from './labels.js';
import { findLayout, isHeaderRow, isTotalsRow, TOTAL_ROW, type TableLayout } from './layout.js';
import { amountAt, lineFrom, textAt, type LineContext } from './line.js';
import { PaymentTotals, Section, type FieldValue, type StatedTotal } from './payment-fields.js';
import { NotStreamable } from '../stream.js';
import { HeaderBuffer } from './header-buffer.js';
import { looksLikeAmount } from './cell-kinds.js';
import { markEvidence } from './decimal-mark.js';
import { dateEvidence } from '../../core/dates.js';

/** Rows read before the layout is settled: the header is searched in the first 50, the rest are the sample its roles are checked on. */
const SAMPLE_ROWS = 200;
/** Rows a stream holds while the file's dates or amounts do not yet tell their conventions. */
const MAX_WAITING = 50_000;

export function remittancesFromRows(rows: Row[], options: ParseOptions): { remittances: Remittance[]; diagnostics: Diagnostic[]; dateOrder?: 'dmy' | 'mdy' } {
  const table = new RemittanceTable(options, 'whole');
  for (const row of rows) table.push(row);
  const remittances = table.finish();
  const dateOrder = table.evidencedDateOrder;
  return { remittances, diagnostics: table.diagnostics, ...(dateOrder ? { dateOrder } : {}) };
}

/**
 * The table read row by row. 'whole' gathers every payment until the end (a payment's rows
 * may be anywhere in the file); 'stream' hands each payment on as soon as the next one
 * starts, and throws NotStreamable when a payment seen before comes back.
 */
export class RemittanceTable {
  readonly diagnostics: Diagnostic[] = [];
  private readonly rows: HeaderBuffer<TableLayout, Remittance>;
  private layout!: TableLayout;
  private found: TableLayout | undefined;
  private conventions!: Conventions;
  private context!: LineContext;
  private custom!: ReturnType<typeof customLabels>;
  private section = new Section();
  private readonly totals = new PaymentTotals();
  private readonly payments = new Map<string, Remittance>();
  private current: { key: string; remittance: Remittance } | undefined;
  private readonly finished = new Set<string>();
  private waiting: Array<{ row: Row; rowNo: number }> = [];
  private fileSum: Minor = 0;
  private paymentCount = 0;
  private headerFirst = '';
  private headerFirstAt = -1;
  private headerFirstRaw = '';
  /** Rows below a second, different header: a table this reader does not read. */
  private otherTable = false;
  private columnWhere: string[] = [];

  constructor(
    private readonly options: ParseOptions,
    private readonly mode: 'whole' | 'stream',
  ) {
    this.rows = new HeaderBuffer((top) => this.setUp(top), (row, index) => this.readRow(row, index), SAMPLE_ROWS);
  }

  /** Read one row; in stream mode, returns the payments this row completed. */
  push(row: Row): Remittance[] {
    return this.rows.push(row);
  }

  /** The layout found (after the first rows, or at the end of a short file), also when it lacks a field the table needs. */
  get tableLayout(): TableLayout | undefined {
    return this.rows.header ?? this.found;
  }

  /** The conventions as decided so far (for the propose command). */
  get fileConventions(): Conventions | undefined {
    return this.conventions;
  }

  /** The order of day and month the file's own dates proved (not a setting, not the payer's usual one). */
  get evidencedDateOrder(): 'dmy' | 'mdy' | undefined {
    return this.conventions && !this.conventions.dates.known ? this.conventions.dates.evidenced : undefined;
  }

  /** The end of the file: every payment not yet handed on. */
  finish(): Remittance[] {
    const layout = this.rows.finish();
    const dates = this.conventions?.dates.decide();
    if (dates?.ok && dates.usual) this.diagnostics.push({ level: 'warning', message: dates.why });
    if (this.waiting.length > 0) {
      const failure = this.conventions.failure();
      if (failure) {
        // A row's own bad amount is the more precise message: name it first, in file order.
        if (this.conventions.marks.decide().ok) for (const { row, rowNo } of this.waiting) this.checkAmounts(row, rowNo);
        throw new ParseError(failure);
      }
      this.flush();
    }
    this.closeSection();
    const noLines = new ParseError(`no remittance lines under the header on row ${layout.rowIndex + 1}`);
    if (this.mode === 'whole') {
      if (this.payments.size === 0) throw noLines;
      for (const remittance of this.payments.values()) this.totals.check(remittance, this.diagnostics);
      return [...this.payments.values()];
    }
    if (this.current === undefined && this.finished.size === 0) throw noLines;
    if (this.current) this.handOn(this.current.remittance);
    this.current = undefined;
    return this.rows.drain();
  }

  private setUp(top: Row[]): TableLayout {
    const { options } = this;
    const layout = findLayout(top, options);
    this.found = layout;
    if (layout.missing.length > 0) {
      const fromLabels = layout.missing.some((m) => m === 'payment number' || m === 'payment date');
      throw new ParseError(
        `row ${layout.rowIndex + 1} has no column for ${layout.missing.join(', ')}${fromLabels ? ', and no label above the table or the file name gives it' : ''} (headers: ${layout.headers.filter(Boolean).join(' | ').slice(0, 160)})`,
        `map them in remit.yaml under payers.${options.payer ?? '<ID>'}.columns${fromLabels ? ' (or header_fields)' : ''}; remit payers propose FILE shows what was found`,
      );
    }
    const watched = (fields: string[]) =>
      layout.plans.filter((p) => p.field && fields.includes(p.field)).map((p) => ({ index: p.index, header: p.header }));
    const dateColumns = watched(['invoice_date', 'payment_date']);
    const amountColumns = watched(['paid', 'gross', 'discount', 'adjustment', 'payment_total']);
    this.conventions = new Conventions(options, dateColumns, amountColumns);
    this.custom = customLabels(options.headerFields);
    for (const label of layout.labels) {
      this.observeLabel(label);
      this.section.set(label);
    }
    this.layout = layout;
    this.context = { layout, conventions: this.conventions, options, diagnostics: this.diagnostics };
    this.headerFirst = layout.headers.find((h) => h !== '') ?? '';
    this.headerFirstAt = this.headerFirst === '' ? -1 : layout.headers.indexOf(this.headerFirst);
    this.headerFirstRaw = this.headerFirstAt < 0 ? '' : (top[layout.rowIndex]?.[this.headerFirstAt]?.text ?? '');
    this.columnWhere = layout.headers.map((header) => `column "${header}"`);
    return layout;
  }

  private readRow(row: Row, index: number): void {
    const rowNo = index + 1;
    if (isBlank(row)) return;
    const settled = this.conventions.dates.settled && this.conventions.marks.settled;
    const admitted = settled || (this.conventions.admit(row, rowNo) && this.admitLabels(row));
    if (this.waiting.length > 0 || !admitted || !this.conventions.ready) {
      this.waiting.push({ row, rowNo });
      if (this.conventions.ready) this.flush();
      else if (this.mode === 'stream' && this.waiting.length > MAX_WAITING) {
        throw new NotStreamable(`the first ${MAX_WAITING} rows do not tell the order of day and month or the decimal mark`);
      }
      return;
    }
    this.handle(row, rowNo);
  }

  private checkAmounts(row: Row, rowNo: number): void {
    const { layout } = this;
    if (!(filled(row, layout.columns.reference) || filled(row, layout.columns.po))) return;
    for (const p of layout.plans) {
      if (p.field === 'paid' || p.field === 'gross' || p.field === 'discount' || p.field === 'adjustment') amountAt(row, p.index, rowNo, this.context);
    }
  }

  private flush(): void {
    const failure = this.conventions.failure();
    if (failure) throw new ParseError(failure);
    const waiting = this.waiting;
    this.waiting = [];
    for (const { row, rowNo } of waiting) this.handle(row, rowNo);
  }

  /** Labels in a row are evidence too: a label's date or total waits for the file's conventions like a cell. */
  private admitLabels(row: Row): boolean {
    if (!mayHoldLabel(row)) return true;
    let ok = true;
    for (const label of labelsInRow(row, 0, this.custom)) if (!this.observeLabel(label)) ok = false;
    return ok;
  }

  private observeLabel(label: LabelFound): boolean {
    if (label.cell.kind !== 'text') return true;
    const where = `label "${label.label}" on row ${label.rowNo}`;
    if (label.field === 'paymentDate') {
      this.conventions.observeDate(label.value, where);
      return this.conventions.dates.settled || dateEvidence(label.value) !== 'either';
    }
    if (label.field === 'statedTotal') {
      this.conventions.observeAmount(label.value, where);
      return this.conventions.marks.settled || markEvidence(label.value) !== 'either';
    }
    return true;
  }

  private handle(row: Row, rowNo: number): void {
    const { layout } = this;
    if (this.headerFirstAt >= 0 && row[this.headerFirstAt]?.text === this.headerFirstRaw && isHeaderAgain(row, layout.headers)) {
      this.otherTable = false;
      return;
    }
    const { columns } = layout;
    const dataRow = (filled(row, columns.reference) || filled(row, columns.po)) && filled(row, columns.paid);
    if (!dataRow && isHeaderRow(row)) {
      // Another table (credits applied, a legend): not read; the stated total still checks the payment.
      this.otherTable = true;
      const headers = row.map((c) => c.text.trim()).filter(Boolean).join(' | ').slice(0, 120);
      this.diagnostics.push({ level: 'warning', location: `row ${rowNo}`, message: `another table starts here (${headers}): its rows are not read` });
      return;
    }
    if (this.otherTable) {
      // Its rows are skipped; a total under it, or the labels of the next payment, are read.
      if (isTotalRow(row)) return this.footerRow(row, rowNo);
      const labels = startsWithLabel(row) ? labelsInRow(row, rowNo, this.custom) : [];
      if (labels.length === 0) return;
      if (labels.some((l) => l.field === 'paymentRef' || l.field === 'paymentDate')) this.otherTable = false;
      return this.applyLabels(labels);
    }
    if (isTotalRow(row) || (!dataRow && isTotalsRow(row, columns.reference))) return this.footerRow(row, rowNo);
    // A row that reads as a line is a label row only when it starts with a label ("Payment Number:,12346"):
    // a colon inside a line's note ("ref: 12:30 call") is not one.
    if (!dataRow || startsWithLabel(row)) {
      const labels = labelsInRow(row, rowNo, this.custom);
      if (labels.length > 0) return this.applyLabels(labels);
    }
    this.line(row, rowNo);
  }

  private applyLabels(labels: LabelFound[]): void {
    const startsPayment = labels.some((l) => l.field === 'paymentRef' || l.field === 'paymentDate');
    if (startsPayment && this.section.hasLines) {
      this.closeSection();
      this.section = new Section();
    }
    for (const label of labels) {
      if (label.field === 'statedTotal' && this.section.hasLines) {
        const minor = this.conventions.amount(label.cell, label.rowNo, label.label);
        if (minor !== undefined) this.sectionTotal(minor, `label "${label.label}" on row ${label.rowNo}`);
      } else {
        this.section.set(label);
      }
    }
  }

  private footerRow(row: Row, rowNo: number): void {
    const paidIndex = this.layout.columns.paid;
    let cell = paidIndex === undefined ? undefined : row[paidIndex];
    if (!cell || cell.text.trim() === '') cell = [...row].reverse().find((c) => c.text.trim() !== '' && looksLikeAmount(c));
    if (!cell) return;
    const header = paidIndex !== undefined && cell === row[paidIndex] ? (this.layout.headers[paidIndex] ?? '') : 'total';
    const minor = this.conventions.amount(cell, rowNo, header);
    if (minor !== undefined) this.sectionTotal(minor, `the totals row (row ${rowNo})`);
  }

  /** A total under the lines; a grand total of a file of several sections is the sum of all of them. */
  private sectionTotal(minor: Minor, where: string): void {
    if (this.paymentCount > this.section.count && minor === this.fileSum) return;
    this.section.totals.push({ minor, where });
  }

  /** The section is over: its totals go to its one payment, or are checked against the sum of its payments. */
  private closeSection(): void {
    const { section } = this;
    // Totals labelled above the lines come first: they are what the payer says it paid.
    const above: StatedTotal[] = [];
    for (const label of section.labelTotals.splice(0)) {
      const minor = this.conventions.amount(label.cell, label.rowNo, label.label);
      if (minor !== undefined) above.push({ minor, where: `label "${label.label}" on row ${label.rowNo}` });
    }
    section.totals.unshift(...above);
    if (section.totals.length === 0 || section.count === 0) return;
    if (section.count === 1) {
      for (const total of section.totals) this.totals.add(section.first!, total);
      return;
    }
    for (const total of section.totals) {
      if (total.minor === section.sum) continue;
      const more = section.count > section.refs.length ? ` and ${section.count - section.refs.length} more` : '';
      this.diagnostics.push({
        level: 'error',
        location: total.where,
        message: `payments ${section.refs.join(', ')}${more}: lines add up to ${formatTotal(section.sum)} but the document states ${formatTotal(total.minor)} (${total.where})`,
      });
    }
  }

  private line(row: Row, rowNo: number): void {
    const { layout, options, context } = this;
    const { columns } = layout;
    const reference = textAt(row, columns.reference);
    const po = textAt(row, columns.po);
    const paid = amountAt(row, columns.paid, rowNo, context);
    if (paid === undefined) {
      if (!reference && !po) return; // a note or legend line under the table
      if (/[:：]/.test(reference) && /\s/.test(reference)) {
        // "Note: see attached" written where the invoice numbers are: a note, said so.
        this.diagnostics.push({ level: 'warning', location: `row ${rowNo}`, message: `a note under the table, not read: "${reference.slice(0, 60)}"` });
        return;
      }
      throw new ParseError(`row ${rowNo}: "${reference || po}" has no amount in column "${layout.headers[columns.paid!] ?? 'paid'}"`);
    }
    // Read straight from the columns when the table has them (every row of a large file does);
    // where each field came from is only worked out when a payment begins.
    const refInColumn = textAt(row, columns.payment_ref);
    const paymentRef = refInColumn || this.paymentField('paymentRef')?.value;
    if (!paymentRef) throw new ParseError(`row ${rowNo}: no payment number in column "${layout.headers[columns.payment_ref ?? -1] ?? 'payment number'}"`);
    const dateCell = columns.payment_date === undefined ? undefined : row[columns.payment_date];
    const dateInColumn = dateCell !== undefined && dateCell.text.trim() !== '';
    const paymentDate = dateInColumn
      ? this.conventions.date(dateCell, rowNo, layout.headers[columns.payment_date!] ?? '')
      : this.readLabelDate(this.paymentField('paymentDate'));
    if (!paymentDate) throw new ParseError(`row ${rowNo}: no payment date in column "${layout.headers[columns.payment_date ?? -1] ?? 'payment date'}"`);
    const currency = (textAt(row, columns.currency) || this.section.currency()?.value || options.currency).toUpperCase();

    this.section.hasLines = true;
    this.section.sum += paid;
    this.fileSum += paid;
    const current = this.current?.remittance;
    if (current && current.paymentRef === paymentRef && current.paymentDate === paymentDate && current.currency === currency) {
      // The next row of the payment being read: the common case, without building its key.
      current.lines.push(lineFrom(row, rowNo, current.lines.length + 1, paid, context));
      if (columns.payment_total !== undefined) this.rowTotal(current, row, rowNo);
      return;
    }
    const key = `${paymentRef}\u0000${paymentDate}\u0000${currency}`;
    let remittance: Remittance | undefined;
    if (this.mode === 'whole') remittance = this.payments.get(key);
    else {
      if (this.finished.has(key)) throw new NotStreamable(`payment ${paymentRef} comes back on row ${rowNo} after other payments`);
      if (this.current) {
        this.handOn(this.current.remittance);
        this.finished.add(this.current.key);
      }
    }
    if (!remittance) {
      const refSource = refInColumn ? this.columnWhere[columns.payment_ref!]! : this.paymentField('paymentRef')!.where;
      const dateSource = dateInColumn ? this.columnWhere[columns.payment_date!]! : this.paymentField('paymentDate')!.where;
      remittance = this.newPayment(row, { value: paymentRef, where: refSource }, { value: paymentDate, where: dateSource }, paymentDate, currency);
      if (this.mode === 'whole') this.payments.set(key, remittance);
    }
    this.current = { key, remittance };
    remittance.lines.push(lineFrom(row, rowNo, remittance.lines.length + 1, paid, context));
    if (columns.payment_total !== undefined) this.rowTotal(remittance, row, rowNo);
  }

  private newPayment(row: Row, paymentRef: FieldValue, dateField: FieldValue, paymentDate: string, currency: string): Remittance {
    const { options, layout } = this;
    const method = textAt(row, layout.columns.method) || this.section.get('method')?.value;
    const payerName = this.section.get('payerName')?.value;
    const sources: NonNullable<Remittance['sources']> = { paymentRef: paymentRef.where, paymentDate: dateField.where };
    const currencySource = textAt(row, layout.columns.currency) ? `column "${layout.headers[layout.columns.currency!]}"` : this.section.currency()?.where;
    if (currencySource) sources.currency = currencySource;
    if (method) sources.method = textAt(row, layout.columns.method) ? `column "${layout.headers[layout.columns.method!]}"` : this.section.get('method')!.where;
    const remittance: Remittance = {
      paymentRef: paymentRef.value,
      paymentDate,
      currency,
      lines: [],
      ...(options.payer ? { payer: options.payer } : {}),
      ...(payerName ? { payerName } : {}),
      ...(method ? { method } : {}),
      sources,
    };
    this.section.began(remittance);
    this.paymentCount += 1;
    return remittance;
  }

  /** A payment-level field the row's columns do not give: the section's label, else the file name. */
  private paymentField(field: PaymentField): FieldValue | undefined {
    const labelled = this.section.get(field);
    if (labelled) return labelled;
    const fromName = field === 'paymentRef' ? this.layout.fileName.paymentRef : field === 'paymentDate' ? this.layout.fileName.paymentDate : undefined;
    return fromName ? { value: fromName, where: `file name "${this.options.fileName.replace(/^.*[\\/]/, '')}"` } : undefined;
  }

  private readLabelDate(field: FieldValue | undefined): string | undefined {
    if (!field) return undefined;
    const label = (field as FieldValue & { label?: LabelFound }).label;
    if (label) return this.conventions.date(label.cell, label.rowNo, label.label);
    return field.value; // the file name's date is ISO already
  }

  /** A per-row payment total ("Check Amount" on every row): the payment's stated total, the same on each of its rows. */
  private rowTotal(remittance: Remittance, row: Row, rowNo: number): void {
    const column = this.layout.columns.payment_total!;
    const minor = amountAt(row, column, rowNo, this.context);
    if (minor === undefined) return;
    const where = `column "${this.layout.headers[column]}"`;
    if (remittance.statedTotalMinor === undefined || remittance.sources?.statedTotal !== where) this.totals.add(remittance, { minor, where });
    else if (remittance.statedTotalMinor !== minor) {
      this.diagnostics.push({ level: 'error', location: `row ${rowNo}`, message: `payment ${remittance.paymentRef}: ${where} says ${formatTotal(minor)} here but ${formatTotal(remittance.statedTotalMinor)} on its first row` });
    }
  }

  /** Stream mode: a complete payment goes to the reader, its stated total checked first. */
  private handOn(remittance: Remittance): void {
    this.totals.check(remittance, this.diagnostics);
    this.rows.emit(remittance);
  }
}

function formatTotal(minor: Minor): string {
  const sign = minor < 0 ? '-' : '';
  const digits = String(Math.abs(minor)).padStart(3, '0');
  return `${sign}${digits.slice(0, -2).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${digits.slice(-2)}`;
}

function filled(row: Row, index: number | undefined): boolean {
  return index !== undefined && (row[index]?.text ?? '') !== '';
}

function isBlank(row: Row): boolean {
  for (const cell of row) if (cell.text.trim() !== '') return false;
  return true;
}

function isTotalRow(row: Row): boolean {
  for (let i = 0; i < 3 && i < row.length; i += 1) if (TOTAL_ROW.test(row[i]!.text.trim())) return true;
  return false;
}

function isHeaderAgain(row: Row, headers: string[]): boolean {
  return headers.every((header, i) => (row[i]?.text.trim() ?? '') === header);
}

function startsWithLabel(row: Row): boolean {
  for (const cell of row) {
    if (cell.text === '') continue;
    if (!cell.text.includes(':') && !cell.text.includes('：')) return false;
    const text = cell.text.trim();
    return /[:：]\s*$/.test(text) || /^[^\d:：]{2,50}[:：]\s*\S/.test(text);
  }
  return false;
}

/** A colon in one of the first cells: the cheap test before looking for labels in a row. */
function mayHoldLabel(row: Row): boolean {
  for (let i = 0, seen = 0; i < row.length && seen < 3; i += 1) {
    const text = row[i]!.text;
    if (text === '') continue;
    seen += 1;
    if (text.includes(':') || text.includes('：')) return true;
  }
  return false;
}
