/**
 * Rows of an ERP open-item (aging) export to invoices. Same header finding and cell
 * reading as remittances; a bad row fails the file, naming row and column.
 */
import { ParseError } from '../../core/errors.js';
import type { Diagnostic, ParseOptions } from '../types.js';
import type { InvoiceRow } from '../../ledger/invoices.js';
import type { Row } from './cells.js';
import { amountIn, dateIn, type CellRef } from './amounts.js';
import { INVOICE_COLUMNS, cellAt, findHeader } from './columns.js';

const REQUIRED = ['customer', 'reference', 'open'] as const;

export function invoicesFromRows(rows: Row[], options: ParseOptions): { invoices: InvoiceRow[]; diagnostics: Diagnostic[] } {
  const header = findHeader(rows, INVOICE_COLUMNS, options.columns, REQUIRED);
  const missing = header ? REQUIRED.filter((field) => header.columns[field] === undefined) : [...REQUIRED];
  if (!header || missing.length > 0) {
    throw new ParseError(
      `no header row with open-invoice columns (missing: ${missing.map((f) => (f === 'reference' ? 'invoice number' : f === 'open' ? 'open amount' : f)).join(', ')})`,
    );
  }
  const diagnostics: Diagnostic[] = [];
  const seen = new Map<string, number>();
  const invoices: InvoiceRow[] = [];
  for (let index = header.rowIndex + 1; index < rows.length; index += 1) {
    const row = rows[index] ?? [];
    const rowNo = index + 1;
    if (row.every((cell) => cell.text.trim() === '')) continue;
    const at = (field: string): CellRef => {
      const column = header.columns[field];
      return { cell: column === undefined ? undefined : row[column], rowNo, header: column === undefined ? field : (header.headers[column] ?? field) };
    };
    const customer = cellAt(row, header.columns, 'customer');
    const number = cellAt(row, header.columns, 'reference');
    if (/^(grand\s+)?totals?\b/i.test(customer) || (!number && /total/i.test(row.map((c) => c.text).join(' ')))) continue;
    if (!customer || !number) throw new ParseError(`row ${rowNo}: ${!customer ? 'no customer id' : 'no invoice number'}`);
    const open = amountIn(at('open'), options);
    if (open === undefined) throw new ParseError(`row ${rowNo}: invoice ${number} has no open amount`);
    const original = amountIn(at('original'), options) ?? open;
    const key = `${customer}\u0000${number}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      diagnostics.push({ level: 'error', location: `row ${rowNo}`, message: `invoice ${number} of ${customer} is listed again (first on row ${earlier}); the first row is kept` });
      continue;
    }
    seen.set(key, rowNo);
    const po = cellAt(row, header.columns, 'po');
    const customerName = cellAt(row, header.columns, 'customer_name');
    invoices.push({
      customer,
      number,
      currency: (cellAt(row, header.columns, 'currency') || options.currency).toUpperCase(),
      originalMinor: original,
      openMinor: open,
      ...(customerName ? { customerName } : {}),
      ...(po ? { po } : {}),
      invoiceDate: dateIn(at('invoice_date'), options),
      dueDate: dateIn(at('due_date'), options),
    });
  }
  if (invoices.length === 0) throw new ParseError(`no invoices under the header on row ${header.rowIndex + 1}`);
  return { invoices, diagnostics };
}
