import { describe, expect, it } from 'vitest';
import { postingAccountsFor, validateGlSettings } from '../../src/gl/settings.js';
import { baseAccounts } from './formats/ledger.js';

describe('gl settings', () => {
  it('reads closed_through, customers and per-format settings with their accounts', () => {
    const { settings, problems } = validateGlSettings({
      bank_clearing: '1090', closed_through: '2026-03-31', document_prefix: 'AC', customers: { AMZ: { id: 'C0001', name: 'Amazon' }, WMT: 'C0002' },
      formats: { 'xero-journal': { tax_rate: 'Tax Exempt', accounts: { bank_clearing: '610', deductions: { shortage: '631' } } }, 'qbo-journal': { date_format: 'DD/MM/YYYY' } },
    }, 'companies.acme.gl');
    expect(problems).toEqual([]);
    expect(settings).toMatchObject({ closedThrough: '2026-03-31', documentPrefix: 'AC', customers: { AMZ: { id: 'C0001', name: 'Amazon' }, WMT: { id: 'C0002' } } });
    const accounts = postingAccountsFor(baseAccounts, settings, 'xero-journal');
    expect(accounts).toMatchObject({ clearing: '610', receivable: '1200', deductions: { default: '1290', shortage: '631', pricing: '1293' } });
  });

  it('reads the export format, the time zone and QuickBooks sub-accounts; refuses what the ERP would not take, naming the key', () => {
    const good = validateGlSettings({ export_format: 'qbo-journal', time_zone: 'America/Chicago', formats: { 'qbo-journal': { date_format: 'MM/DD/YYYY', accounts: { accounts_receivable: 'Accounts Receivable (A/R)', discounts_allowed: 'Discounts:Early Payment' } } } }, 'gl');
    expect(good.problems).toEqual([]);
    expect(good.settings).toMatchObject({ exportFormat: 'qbo-journal', timeZone: 'America/Chicago' });
    const bad = validateGlSettings({ export_format: 'xero-journal', time_zone: 'Mars/Olympus', formats: { 'qbo-journal': { date_format: 'MM/DD/YYYY', accounts: { discounts_allowed: 'Discounts: Early', deductions: { shortage: 'Deductions::Short' } } } } }, 'gl');
    expect(bad.problems).toEqual([
      'gl.time_zone: must be an IANA time zone such as America/Chicago or Europe/Berlin, got "Mars/Olympus"',
      'gl.formats.qbo-journal.accounts.discounts_allowed: must be a QuickBooks account name, a sub-account written Parent:Sub with no empty part or space around ":", got "Discounts: Early"',
      'gl.formats.qbo-journal.accounts.deductions.shortage: must be a QuickBooks account name, a sub-account written Parent:Sub with no empty part or space around ":", got "Deductions::Short"',
      'gl.export_format: is xero-journal, but gl.formats.xero-journal is not set: give that format its settings',
    ]);
  });

  it('reads gl.bank_accounts (bank account id -> GL account) over gl.bank, refusing a value that is no account', () => {
    const { settings, problems } = validateGlSettings({ bank: '1010', bank_fees: '6810', bank_accounts: { '3849100273': '1011', 77: 1012 } }, 'gl');
    expect(problems).toEqual([]);
    expect(postingAccountsFor(baseAccounts, settings)).toMatchObject({ bank: '1010', bankFee: '6810', bankAccounts: { '3849100273': '1011', '77': '1012' } });
    expect(validateGlSettings({ bank_accounts: { '3849100273': '' } }, 'gl').problems).toEqual(['gl.bank_accounts.3849100273: must be a GL account']);
    expect(validateGlSettings({ bank_accounts: ['1011'] }, 'gl').problems).toEqual(['gl.bank_accounts: must map bank account ids (as the statements name them) to GL accounts']);
  });

  it('reports every problem with its path', () => {
    const { problems } = validateGlSettings({
      closed_through: '31/03/2026', colour: 'red', customers: { AMZ: 7 },
      formats: {
        xero: {}, 'xero-journal': { accounts: { bank_clearing: '' } }, 'qbo-journal': { date_format: 'YYYY-MM-DD' }, 'netsuite-journal': {},
        'sap-lockbox': { destination: 'X', origin: 'Y', lockbox_number: 'ABC', reason_codes: { shortage: 'TOOLONG' } },
        'bc-cash-receipt': { bal_account_type: 'Bank Account' }, 'intacct-journal': {},
      },
    }, 'companies.acme.gl');
    expect(problems).toEqual([
      'companies.acme.gl.colour: unknown setting (expected one of: bank_clearing, accounts_receivable, discounts_allowed, unapplied_cash, write_off, deductions, export_format, closed_through, time_zone, document_prefix, customers, bank, bank_accounts, bank_fees, formats)',
      'companies.acme.gl.closed_through: must be a YYYY-MM-DD date, got "31/03/2026"',
      'companies.acme.gl.customers.AMZ: must be the ERP customer id, or { id, name }',
      'companies.acme.gl.formats.xero: unknown format (expected one of: netsuite-journal, netsuite-payment, qbo-journal, xero-journal, bc-cash-receipt, intacct-journal, sap-lockbox)',
      'companies.acme.gl.formats.xero-journal.accounts.bank_clearing: must be a non-empty text',
      'companies.acme.gl.formats.xero-journal.tax_rate: is required: the tax rate name exactly as Xero shows it for journals without tax (e.g. "Tax Exempt", "BAS Excluded", "No VAT")',
      'companies.acme.gl.formats.qbo-journal.date_format: must be one of MM/DD/YYYY, DD/MM/YYYY, got "YYYY-MM-DD"',
      "companies.acme.gl.formats.netsuite-journal.date_format: is required: the date format of the company's ERP locale (MM/DD/YYYY or DD/MM/YYYY or YYYY-MM-DD or DD.MM.YYYY)",
      'companies.acme.gl.formats.sap-lockbox.lockbox_number: must be up to 7 characters matching ^\\d+$, got "ABC"',
      'companies.acme.gl.formats.sap-lockbox.reason_codes.shortage: must be an SAP reason code of 1 to 3 letters or digits',
      'companies.acme.gl.formats.bc-cash-receipt.bal_account_no: is required with bal_account_type "Bank Account": the bank account no. in Business Central',
      'companies.acme.gl.formats.intacct-journal.journal: is required: the Intacct journal symbol the entries go to (e.g. CRJ)',
    ]);
  });
});
