/** Model payments and invoices as the CSV files payers and ERPs send. */
import { formatMinor } from '../../../core/money.js';
import type { ModelInvoice, ModelPayment } from '../demo-model.js';

const quote = (text: string): string => `"${text.replace(/"/g, '""')}"`;

function usDate(iso: string): string {
  if (!iso) return '';
  const [y, m, d] = iso.split('-');
  return `${m}/${d}/${y}`;
}

/** A marketplace-style export: every field quoted, deductions as their own negative lines. */
export function remittanceCsv(payment: ModelPayment): string {
  const header = ['Invoice Number', 'Invoice Date', 'Transaction Description', 'Invoice Amount', 'Discount Taken', 'Deduction Amount', 'Deduction Reason', 'Amount Paid', 'Payment Number', 'Payment Date', 'Invoice Currency'];
  const rows = [header.map(quote).join(',')];
  for (const line of payment.lines) {
    const deductionOnly = line.case === 'deduction-only';
    rows.push(
      [
        line.reference, usDate(line.invoiceDate), deductionOnly ? line.reasonRaw : 'Invoice', formatMinor(line.grossMinor),
        formatMinor(line.discountMinor), deductionOnly || !line.deductionMinor ? '0.00' : formatMinor(-line.deductionMinor),
        deductionOnly ? '' : line.reasonRaw, formatMinor(line.paidMinor), payment.paymentRef, usDate(payment.paymentDate), payment.currency,
      ].map(quote).join(','),
    );
  }
  return `${rows.join('\n')}\n`;
}

/** An ERP aging export: CRLF, plain amounts, US dates. */
export function openInvoicesCsv(invoices: ModelInvoice[]): string {
  const rows = ['Customer ID,Customer Name,Invoice No,Invoice Date,Due Date,PO No,Currency,Original Amount,Open Amount'];
  for (const invoice of invoices.filter((i) => i.listed)) {
    rows.push([invoice.customer, quote(invoice.customerName), invoice.number, usDate(invoice.invoiceDate), usDate(invoice.dueDate), invoice.po,
      invoice.currency, formatMinor(invoice.originalMinor), formatMinor(invoice.openMinor)].join(','));
  }
  return `${rows.join('\r\n')}\r\n`;
}
