/**
 * The export formats: each with a one-line description and the ERP screen that imports it
 * (for `export-gl --help` and the README), and its writer. `generic` is today's journal CSV,
 * written by generic-writer.ts from the ledger's lines as before; the others take posting
 * entries built with the format's own accounts.
 */
import { RemitError, UsageError } from '../../core/errors.js';
import type { PostingEntry } from '../posting.js';
import type { ErpFormatName, GlSettings } from '../settings.js';
import type { ExportFile, WriteContext } from './common.js';
import { writeBcCashReceipt } from './bc-cash-receipt.js';
import { writeIntacctJournal } from './intacct-journal.js';
import { writeNetsuiteJournal } from './netsuite-journal.js';
import { writeNetsuitePayment } from './netsuite-payment.js';
import { writeQboJournal } from './qbo-journal.js';
import { writeSapLockbox } from './sap-lockbox.js';
import { writeXeroJournal } from './xero-journal.js';

export type FormatName = 'generic' | ErpFormatName;

export interface ExportFormat {
  name: FormatName;
  description: string;
  /** Where in the ERP the file is imported. */
  erpScreen: string;
  /** `payment-application` formats close invoices in the ERP itself; their residual journal comes as a second file. */
  kind: 'journal' | 'payment-application';
}

export const EXPORT_FORMATS: readonly ExportFormat[] = [
  { name: 'generic', kind: 'journal', description: 'balanced journal CSV, one row per GL line (journal_id, line_no, entry_date, account, debit, credit, ...)', erpScreen: 'any ERP journal import, after mapping the columns' },
  { name: 'netsuite-journal', kind: 'journal', description: 'NetSuite journal entries: External ID per entry, header values on every line, Name on AR lines', erpScreen: 'NetSuite: Setup > Import/Export > Import CSV Records > Transactions > Journal Entry' },
  { name: 'netsuite-payment', kind: 'payment-application', description: 'NetSuite customer payments applied to invoices (payment = applied + unapplied), plus a journal for the rest', erpScreen: 'NetSuite: Import CSV Records > Transactions > Customer Payment (then Journal Entry for -journal.csv)' },
  { name: 'qbo-journal', kind: 'journal', description: 'QuickBooks Online journal entries: Journal No., Journal Date, Account Name, Debits, Credits, Description, Name', erpScreen: 'QuickBooks Online: Settings > Import data > Journal Entries' },
  { name: 'xero-journal', kind: 'journal', description: 'Xero manual journals: Narration, Date, AccountCode, TaxRate, signed Amount; 300 lines a file', erpScreen: 'Xero: Accounting > Manual Journals > Import' },
  { name: 'bc-cash-receipt', kind: 'payment-application', description: 'Business Central cash receipt journal lines: Payment lines of the customer applying to each invoice', erpScreen: 'Business Central: Cash Receipt Journals > Edit in Excel (or a configuration package for table 81)' },
  { name: 'intacct-journal', kind: 'journal', description: 'Sage Intacct GL journal entries: header on the first line of each entry, LINE_NO, ACCT_NO, DEBIT/CREDIT', erpScreen: 'Sage Intacct: Company > Setup > Import data > General Ledger journal entries' },
  { name: 'sap-lockbox', kind: 'payment-application', description: 'SAP BAI2 lockbox file: checks with their invoices and deductions, control totals; a journal for the rest', erpScreen: 'SAP: FLB2 (Import Lockbox File), then FLBP for post-processing' },
];

/** The format of a name, or a usage error listing them all. */
export function exportFormat(name: string): ExportFormat {
  const format = EXPORT_FORMATS.find((f) => f.name === name);
  if (!format) throw new UsageError(`--format ${name}: the formats are ${EXPORT_FORMATS.map((f) => f.name).join(', ')}`, 'see remit export-gl --help');
  return format;
}

/** Write posting entries (built with `postingAccountsFor(base, gl, format)`) in an ERP format. */
export function writeErpFormat(name: ErpFormatName, entries: readonly PostingEntry[], gl: GlSettings, context: WriteContext): ExportFile[] {
  const missing = (): never => {
    throw new RemitError('gl-format', `--format ${name} needs its settings in remit.yaml`, { hint: `add gl.formats.${name} to the company's gl settings (see the README's ERP formats)` });
  };
  switch (name) {
    case 'netsuite-journal': return writeNetsuiteJournal(entries, gl.formats[name] ?? missing());
    case 'netsuite-payment': return writeNetsuitePayment(entries, gl.formats[name] ?? missing(), context);
    case 'qbo-journal': return writeQboJournal(entries, gl.formats[name] ?? missing());
    case 'xero-journal': return writeXeroJournal(entries, gl.formats[name] ?? missing());
    case 'bc-cash-receipt': return writeBcCashReceipt(entries, gl.formats[name] ?? missing());
    case 'intacct-journal': return writeIntacctJournal(entries, gl.formats[name] ?? missing());
    case 'sap-lockbox': return writeSapLockbox(entries, gl.formats[name] ?? missing(), context);
  }
}

/** `export-gl --help` text: one line per format. */
export function formatsHelp(): string {
  return EXPORT_FORMATS.map((f) => `  ${f.name.padEnd(17)} ${f.description}`).join('\n');
}
