/** Delimited remittance and open-invoice files read as streams: bytes to text to rows to records. */
import type { OpenItem } from '../../domain/invoice.js';
import type { RemittanceStream } from '../stream.js';
import type { Diagnostic, ParseOptions, Remittance } from '../types.js';
import { decodeChunks } from './decode-stream.js';
import { delimitedRows } from './delimited-stream.js';
import { InvoiceTable } from './invoice-table.js';
import { RemittanceTable } from './remittance-table.js';

export function streamDelimitedRemittances(chunks: Iterable<Uint8Array>, options: ParseOptions): RemittanceStream {
  const table = new RemittanceTable(options, 'stream');
  function* remittances(): Generator<Remittance> {
    for (const rows of delimitedRows(decodeChunks(chunks), options.limits)) {
      for (const row of rows) yield* table.push(row);
    }
    yield* table.finish();
  }
  return { format: 'csv', remittances: remittances(), diagnostics: () => table.diagnostics, dateOrder: () => table.evidencedDateOrder };
}

export interface InvoiceStream {
  format: 'csv';
  invoices: Iterable<OpenItem>;
  /** Complete once `invoices` has been read to its end. */
  diagnostics(): Diagnostic[];
}

export function streamDelimitedInvoices(chunks: Iterable<Uint8Array>, options: ParseOptions): InvoiceStream {
  const table = new InvoiceTable(options);
  function* invoices(): Generator<OpenItem> {
    for (const rows of delimitedRows(decodeChunks(chunks), options.limits)) {
      for (const row of rows) yield* table.push(row);
    }
    yield* table.finish();
  }
  return { format: 'csv', invoices: invoices(), diagnostics: () => table.diagnostics };
}
