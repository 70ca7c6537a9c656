/**
 * `bc-cash-receipt`: Microsoft Dynamics 365 Business Central cash receipt journal lines
 * (Gen. Journal Line, template type Cash Receipts), pasted into the Cash Receipt Journal page
 * with Edit in Excel and published (or imported with a configuration package for table 81).
 * Columns are the page's field captions. A customer payment line is Document Type Payment,
 * Account Type Customer, Account No. the customer, a negative Amount, and Applies-to Doc.
 * Type Invoice / Applies-to Doc. No. the invoice, so posting the journal closes it
 * (https://learn.microsoft.com/en-us/dynamics365/business-central/receivables-how-apply-sales-transactions-manually,
 * https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/api-reference/v2.0/resources/dynamics_journalline).
 *
 * Choices: every posting line is one journal line and a payment's lines share its Document
 * No., so the document balances by itself; the cash line posts to `bal_account_type` /
 * `bal_account_no` (the clearing account by default) and Bal. Account stays blank on every
 * line: use a journal batch with no balancing account, as Business Central's own OCR import
 * requires. Discounts, deductions and write-offs are G/L lines of their own: the invoice is
 * closed by the customer line of the whole amount settled (use payment terms without a
 * payment discount for customers whose discounts remit posts, or Business Central takes its
 * own as well). Unapplied cash is a Payment line of the customer with no Applies-to: it stays
 * open on the customer. A late change (a reversal) is a customer line with blank Document
 * Type. Line No. steps by 10000; Posting Date is ISO (Excel reads it in every locale);
 * Currency Code is blank for the company's local currency (`local_currency`, else always written).
 */
import { formatMinor } from '../../core/money.js';
import { clip, csvRow, identifier, isCustomerLine, type ExportFile } from './common.js';
import type { PostingEntry, PostingLine } from '../posting.js';
import type { BcCashReceiptSettings } from '../settings.js';

export const BC_CASH_RECEIPT_HEADER = [
  'Journal Template Name', 'Journal Batch Name', 'Line No.', 'Posting Date', 'Document Type', 'Document No.', 'External Document No.',
  'Account Type', 'Account No.', 'Description', 'Currency Code', 'Amount', 'Bal. Account Type', 'Bal. Account No.', 'Applies-to Doc. Type', 'Applies-to Doc. No.',
];

export function writeBcCashReceipt(entries: readonly PostingEntry[], settings: BcCashReceiptSettings): ExportFile[] {
  let out = csvRow(BC_CASH_RECEIPT_HEADER);
  let lineNo = 0;
  for (const entry of entries) {
    const documentNo = identifier(entry.documentNo, 20, 'Document No.', 'bc-cash-receipt');
    const external = identifier(entry.paymentRef, 35, 'External Document No.', 'bc-cash-receipt');
    const currency = settings.localCurrency !== undefined && entry.currency === settings.localCurrency ? '' : entry.currency;
    for (const line of entry.lines) {
      lineNo += 10000;
      const amount = line.debitMinor - line.creditMinor;
      const [accountType, accountNo] = accountOf(line, settings);
      const applies = line.role === 'receivable' && amount < 0 && line.invoice !== null;
      out += csvRow([
        settings.journalTemplate, settings.journalBatch, String(lineNo), entry.postingDate,
        accountType === 'Customer' && amount < 0 ? 'Payment' : '', documentNo, external, accountType,
        identifier(accountNo, 20, 'Account No.', 'bc-cash-receipt'), clip(line.invoice && !applies ? `${line.memo} [invoice ${line.invoice}]` : line.memo, 100), currency, formatMinor(amount), '', '',
        applies ? 'Invoice' : '', applies ? identifier(line.invoice!, 20, 'Applies-to Doc. No.', 'bc-cash-receipt') : '',
      ]);
    }
  }
  return [{ suffix: '.csv', content: out }];
}

function accountOf(line: PostingLine, settings: BcCashReceiptSettings): [string, string] {
  if (isCustomerLine(line)) return ['Customer', line.customer?.id ?? ''];
  if (line.role === 'clearing') return [settings.balAccountType, settings.balAccountNo ?? line.account];
  return ['G/L Account', line.account];
}
