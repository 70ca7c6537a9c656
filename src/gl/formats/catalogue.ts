/**
 * The export formats by name, with a one-line description and the ERP screen that imports
 * each: plain data, so `remit --help` lists them without loading any writer.
 */
import type { ErpFormatName } from '../settings.js';

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

/** Every format name, `generic` first. */
export const EXPORT_FORMAT_NAMES: readonly FormatName[] = EXPORT_FORMATS.map((f) => f.name);
