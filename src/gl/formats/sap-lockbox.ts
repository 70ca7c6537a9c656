/**
 * `sap-lockbox`: a BAI2 lockbox file for SAP's lockbox program (FLB2 import, FLBP post
 * processing), so SAP clears the open items itself. Fixed 80-character records, in order:
 * 1 immediate address header (SAP structure FLB01: priority, destination, origin, creation
 * date YYMMDD and time HHMM), 2 service record (FLB02; SAP does not validate it), 5 lockbox
 * header (batch, lockbox number, deposit date), 6 detail per check (FLB26: batch, item,
 * remittance amount, remitter bank routing and account, check number), 4 overflow per
 * invoice (FLB24: batch, item, overflow type 4, sequence 01-99, end indicator 9 on the
 * last, invoice number 16, payment amount 10, deduction amount 10, reason code 3), 7 batch
 * total, 8 lockbox total, 9 trailer with the record count. Amounts are cents, zero-filled,
 * unsigned. Layouts: https://www.sapdatasheet.org/abap/tabl/flb24.html (FLB24, exact),
 * https://www.se80.co.uk/saptables/f/flb2/flb26.htm (FLB26 field order), and
 * https://community.sap.com/t5/enterprise-resource-planning-blogs-by-sap/lockbox-deep-dive-in-sap-s-4hana/ba-p/13470965.
 * The widths of records 5, 6, 7 and 8 after their first fields follow the common BAI lockbox
 * layout and must be checked against the bank's and SAP's (SE11 FLB25/26/27/28) before a
 * first production run.
 *
 * Choices: each invoice in its own record 4 (none in record 6), cash on one record and each
 * deduction, discount or short payment written off on another with no payment amount, the
 * deduction amount and its SAP reason code (`reason_codes`, by remit reason, `discount`,
 * `write-off`, `default`); cash not applied stays on the check as a payment on account.
 * Deductions without an invoice, overpayments taken in and every change after an export go
 * to `-journal.csv` (posting CSV). Deposit date = the posting date; one batch per 999 checks;
 * USD only; a check needing more than 99 overflow records is refused.
 */
import { RemitError } from '../../core/errors.js';
import { splitForApplication, type PaymentApplication } from '../payment-application.js';
import { identifier, type ExportFile, type WriteContext } from './common.js';
import { postingCsv } from './posting-csv.js';
import type { PostingEntry } from '../posting.js';
import type { SapLockboxSettings } from '../settings.js';

const RECORD = 80;
const MAX_AMOUNT = 10_000_000_000; // ten digits of cents

export function writeSapLockbox(entries: readonly PostingEntry[], settings: SapLockboxSettings, context: WriteContext): ExportFile[] {
  const applications: Array<{ entry: PostingEntry; application: PaymentApplication }> = [];
  const journals: PostingEntry[] = [];
  for (const entry of entries) {
    const { application, journal } = splitForApplication(entry, context.accounts, { discounts: true, invoiceReductions: true });
    if (journal) journals.push(journal);
    if (!application) continue;
    if (application.currency !== 'USD') {
      throw new RemitError('gl-currency', `sap-lockbox: payment ${entry.paymentRef} is in ${application.currency}; a BAI2 lockbox carries US dollars only`, { hint: 'export it with a journal format' });
    }
    applications.push({ entry, application });
  }
  const [date = '', time = ''] = context.createdAt.split('T');
  const records: string[] = [
    record('1', '01', pad(settings.destination, 10), pad(settings.origin, 10), yymmdd(date), time.replace(':', '').slice(0, 4)),
    record('2', pad(settings.destination, 10), pad(settings.origin, 10), pad('', 10), '400', '080', '0800', '1'),
  ];
  let lockboxCount = 0;
  let lockboxAmount = 0;
  for (let start = 0, batch = 1; start < applications.length; start += 999, batch += 1) {
    const chunk = applications.slice(start, start + 999);
    const depositDate = yymmdd(chunk[0]!.application.postingDate);
    const batchNo = num(batch, 3);
    records.push(record('5', batchNo, '000', num(Number(settings.lockboxNumber), 7), depositDate, pad(settings.destination, 10), pad(settings.origin, 10)));
    let batchAmount = 0;
    chunk.forEach(({ entry, application }, k) => {
      const item = num(k + 1, 3);
      const bank = settings.payers[application.payer] ?? {};
      records.push(record('6', batchNo, item, cents(application.amountMinor, entry), pad(bank.routing ?? '', 9), pad(bank.account ?? '', 10), pad(identifier(application.paymentRef, 10, 'check number', 'sap-lockbox'), 10)));
      const overflow: Array<[string, number, number, string]> = [];
      for (const invoice of application.invoices) {
        const number = identifier(invoice.invoice, 16, 'invoice number', 'sap-lockbox');
        overflow.push([number, invoice.cashMinor, 0, '']);
        if (invoice.discountMinor !== 0) overflow.push([number, 0, invoice.discountMinor, reasonCode(settings, 'discount')]);
        for (const r of invoice.reductions) overflow.push([number, 0, r.amountMinor, reasonCode(settings, r.reasonCode)]);
      }
      if (overflow.length > 99) {
        throw new RemitError('gl-limit', `sap-lockbox: payment ${entry.paymentRef} needs ${overflow.length} overflow records; a check takes 99 (sequence 01-99)`, { hint: 'export it with a journal format' });
      }
      overflow.forEach(([invoice, paid, deducted, reason], n) => {
        records.push(record('4', batchNo, item, '4', num(n + 1, 2), n === overflow.length - 1 ? '9' : '0', pad(invoice, 16), cents(paid, entry), cents(deducted, entry), pad(reason, 3)));
      });
      batchAmount += application.amountMinor;
    });
    records.push(record('7', batchNo, '000', num(Number(settings.lockboxNumber), 7), depositDate, num(chunk.length, 3), cents(batchAmount)));
    lockboxCount += chunk.length;
    lockboxAmount += batchAmount;
  }
  records.push(record('8', '000', '000', num(Number(settings.lockboxNumber), 7), yymmdd(applications[0]?.application.postingDate ?? date), num(lockboxCount, 4), cents(lockboxAmount)));
  records.push(record('9', num(records.length + 1, 6)));
  const files: ExportFile[] = [{ suffix: '.txt', content: records.map((r) => `${r}\r\n`).join('') }];
  if (journals.length > 0) files.push({ suffix: '-journal.csv', content: postingCsv(journals) });
  return files;
}

function reasonCode(settings: SapLockboxSettings, reason: string): string {
  const code = settings.reasonCodes[reason] ?? settings.reasonCodes['default'];
  if (code === undefined) {
    throw new RemitError('gl-reason', `sap-lockbox: no SAP reason code for ${reason}`, { hint: `set gl.formats.sap-lockbox.reason_codes.${reason} (or .default) in remit.yaml` });
  }
  return code;
}

function record(...fields: string[]): string {
  const text = fields.join('');
  if (text.length > RECORD) throw new Error(`lockbox record longer than ${RECORD}: ${text}`);
  return text.padEnd(RECORD, ' ');
}

function pad(text: string, width: number): string {
  return text.slice(0, width).padEnd(width, ' ');
}

function num(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

function cents(minor: number, entry?: PostingEntry): string {
  if (!Number.isSafeInteger(minor) || minor < 0 || minor >= MAX_AMOUNT) {
    throw new RemitError('gl-field', `sap-lockbox: amount ${minor} cents${entry ? ` of payment ${entry.paymentRef}` : ''} does not fit ten unsigned digits`);
  }
  return num(minor, 10);
}

function yymmdd(iso: string): string {
  return iso.slice(2, 4) + iso.slice(5, 7) + iso.slice(8, 10);
}
