/**
 * `netsuite-payment`: NetSuite customer payment CSV import (Import CSV Records, Transactions,
 * Customer Payment), which applies each payment to its invoices in NetSuite: the payment's
 * amount is the cash received, its Apply lines the invoices with the amount paid and the
 * discount taken, and what is not applied stays on the payment as its unapplied amount, with
 * the customer. Fields follow the customer payment record
 * (https://system.netsuite.com/help/helpcenter/en_US/srbrowser/Browser2026_1/script/record/customerpayment.html:
 * customer, payment, aracct, account, memo, apply sublist with doc/refnum, amount, disc) and
 * https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/article_0224093711.html.
 *
 * A payment screen cannot carry deductions, short payments written off, overpayments taken
 * in or deductions without an invoice: those, and every change after an export (a reversal,
 * a later application), go into a second file, `-journal.csv`, in the `netsuite-journal`
 * format, each against the customer's receivable (Name set) so its credit can be applied to
 * the invoice it names. Import the payments first, then the journal.
 *
 * Choices: one row per applied invoice (the payment's header values repeated, grouped by
 * External ID); `Apply - Ref No.` is the invoice number, `Apply - Payment` and `Apply - Disc.`
 * the amounts; a payment that applies nothing has one row with empty apply columns.
 */
import { splitForApplication } from '../payment-application.js';
import { formatDate, amountCell, checkAmountDigits, clip, csvRow, customerName, identifier, type ExportFile, type WriteContext } from './common.js';
import { netsuiteJournalHeader, netsuiteJournalRows } from './netsuite-journal.js';
import type { PostingEntry } from '../posting.js';
import type { NetsuitePaymentSettings } from '../settings.js';
import { formatMinor } from '../../core/money.js';

export const NETSUITE_PAYMENT_HEADER = ['External ID', 'Customer', 'Date', 'Currency', 'Payment', 'A/R Account', 'Account', 'Payment Method', 'Check #', 'Memo', 'Apply - Ref No.', 'Apply - Payment', 'Apply - Disc.'];

export function writeNetsuitePayment(entries: readonly PostingEntry[], settings: NetsuitePaymentSettings, context: WriteContext): ExportFile[] {
  let payments = csvRow(settings.subsidiary !== undefined ? [...NETSUITE_PAYMENT_HEADER, 'Subsidiary'] : NETSUITE_PAYMENT_HEADER);
  const journals: PostingEntry[] = [];
  for (const entry of entries) {
    const { application, journal } = splitForApplication(entry, context.accounts, { discounts: true, invoiceReductions: false });
    if (journal) journals.push(journal);
    if (!application) continue;
    checkAmountDigits(application.amountMinor, 10, 'netsuite-payment', entry);
    const header = [
      identifier(application.documentNo, 40, 'External ID', 'netsuite-payment'), customerName(entry, 'netsuite-payment'),
      formatDate(application.postingDate, settings.dateFormat), application.currency, formatMinor(application.amountMinor),
      context.accounts.receivable, context.accounts.clearing, settings.paymentMethod ?? '', clip(application.paymentRef, 45),
      clip(`payment ${application.paymentRef} of ${application.paymentDate}: applied ${formatMinor(application.appliedMinor)}, unapplied ${formatMinor(application.unappliedMinor)}`, 999),
    ];
    const tail = settings.subsidiary !== undefined ? [settings.subsidiary] : [];
    if (application.invoices.length === 0) payments += csvRow([...header, '', '', '', ...tail]);
    for (const invoice of application.invoices) {
      payments += csvRow([...header, invoice.invoice, amountCell(invoice.cashMinor) || '0.00', amountCell(invoice.discountMinor), ...tail]);
    }
  }
  const files: ExportFile[] = [{ suffix: '.csv', content: payments }];
  if (journals.length > 0) {
    files.push({ suffix: '-journal.csv', content: csvRow(netsuiteJournalHeader(settings)) + netsuiteJournalRows(journals, settings) });
  }
  return files;
}
