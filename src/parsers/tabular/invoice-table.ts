/**
 * Rows of an ERP open-item (aging) export to invoices. Same header finding and cell
 * reading as remittances; a bad row fails the file, naming row and column.
 */
import { ParseError } from '../../core/errors.js';
import type { Diagnostic, ParseOptions } from '../types.js';
import type { OpenItem } from '../../domain/invoice.js';
import type { Row } from './cells.js';
import { DateCache, amountIn, type CellRef } from './amounts.js';
import { INVOICE_COLUMNS, cellAt, findHeader, type HeaderMatch } from './columns.js';
import { HEADER_SCAN, HeaderBuffer } from './header-buffer.js';

const REQUIRED = ['customer', 'reference', 'open'] as const;

export function invoicesFromRows(rows: Row[], options: ParseOptions): { invoices: OpenItem[]; diagnostics: Diagnostic[] } {
  const table = new InvoiceTable(options);
  const invoices: OpenItem[] = [];
  for (const row of rows) invoices.push(...table.push(row));
  invoices.push(...table.finish());
  return { invoices, diagnostics: table.diagnostics };
}

/** The table read row by row, so a large aging export can stream through it. */
export class InvoiceTable {
  readonly diagnostics: Diagnostic[] = [];
  private readonly rows: HeaderBuffer<HeaderMatch, OpenItem>;
  private readonly dates = new DateCache();
  private count = 0;

  constructor(private readonly options: ParseOptions) {
    this.rows = new HeaderBuffer((top) => invoiceHeader(top, options), (row, index) => this.readRow(row, index));
  }

  /** Read one row; returns the invoices it completed (the rows above the header wait for it). */
  push(row: Row): OpenItem[] {
    return this.rows.push(row);
  }

  /** The end of the file: the invoices of a file shorter than the header scan, then the checks. */
  finish(): OpenItem[] {
    const header = this.rows.finish();
    if (this.count === 0) throw new ParseError(`no invoices under the header on row ${header.rowIndex + 1}`);
    return this.rows.drain();
  }

  private readRow(row: Row, index: number): void {
    const header = this.rows.header!;
    const { options } = this;
    const rowNo = index + 1;
    if (row.every((cell) => cell.text.trim() === '')) return;
    const at = (field: string): CellRef => {
      const column = header.columns[field];
      return { cell: column === undefined ? undefined : row[column], rowNo, header: column === undefined ? field : (header.headers[column] ?? field) };
    };
    const customer = cellAt(row, header.columns, 'customer');
    const number = cellAt(row, header.columns, 'reference');
    if (/^(grand\s+)?totals?\b/i.test(customer) || (!number && /total/i.test(row.map((c) => c.text).join(' ')))) return;
    if (!customer || !number) throw new ParseError(`row ${rowNo}: ${!customer ? 'no customer id' : 'no invoice number'}`);
    const open = amountIn(at('open'), options);
    if (open === undefined) throw new ParseError(`row ${rowNo}: invoice ${number} has no open amount`);
    const original = amountIn(at('original'), options) ?? open;
    const po = cellAt(row, header.columns, 'po');
    const customerName = cellAt(row, header.columns, 'customer_name');
    this.count += 1;
    // An invoice listed twice is found when the snapshot is written (the ledger knows every invoice).
    this.rows.emit({
      row: rowNo,
      customer,
      number,
      currency: (cellAt(row, header.columns, 'currency') || options.currency).toUpperCase(),
      originalMinor: original,
      openMinor: open,
      ...(customerName ? { customerName } : {}),
      ...(po ? { po } : {}),
      invoiceDate: this.dates.read(at('invoice_date'), options),
      dueDate: this.dates.read(at('due_date'), options),
    });
  }
}

function invoiceHeader(top: Row[], options: ParseOptions): HeaderMatch {
  const header = findHeader(top, INVOICE_COLUMNS, options.columns, REQUIRED, HEADER_SCAN);
  const missing = header ? REQUIRED.filter((field) => header.columns[field] === undefined) : [...REQUIRED];
  if (!header || missing.length > 0) {
    throw new ParseError(
      `no header row with open-invoice columns (missing: ${missing.map((f) => (f === 'reference' ? 'invoice number' : f === 'open' ? 'open amount' : f)).join(', ')})`,
    );
  }
  return header;
}
