/**
 * Remittance and open-invoice CSV at scale, streamed. The column layout is the one of the
 * demo writers (writers/csv.ts), which are called per payment or per slice of invoices
 * with their header dropped, so the scale files read exactly like the demo's.
 */
import type { ModelInvoice, ModelPayment } from '../demo-model.js';
import { openInvoicesCsv, remittanceCsv } from '../writers/csv.js';
import { FileSink } from './sink.js';

const INVOICE_SLICE = 10_000;

/** A remittance CSV of many payments (a marketplace export): one header, then every line. */
export class RemittanceCsvFile {
  private readonly sink: FileSink;
  private headerWritten = false;
  lines = 0;

  constructor(path: string) {
    this.sink = new FileSink(path);
  }

  add(payment: ModelPayment): void {
    const text = remittanceCsv(payment);
    const body = text.indexOf('\n') + 1;
    if (!this.headerWritten) {
      this.sink.write(text.slice(0, body));
      this.headerWritten = true;
    }
    this.sink.write(text.slice(body));
    this.lines += payment.lines.length;
  }

  close(): void {
    this.sink.close();
  }
}

/** An ERP aging export of the listed (open) invoices. */
export class OpenInvoiceCsvFile {
  private readonly sink: FileSink;
  private headerWritten = false;
  rows = 0;

  constructor(path: string) {
    this.sink = new FileSink(path);
  }

  add(invoices: readonly ModelInvoice[]): void {
    for (let start = 0; start < invoices.length; start += INVOICE_SLICE) {
      const slice = invoices.slice(start, start + INVOICE_SLICE);
      const text = openInvoicesCsv(slice);
      const body = text.indexOf('\r\n') + 2;
      if (!this.headerWritten) {
        this.sink.write(text.slice(0, body));
        this.headerWritten = true;
      }
      this.sink.write(text.slice(body));
      this.rows += slice.filter((invoice) => invoice.listed).length;
    }
  }

  close(): void {
    this.sink.close();
  }
}
