/**
 * Each ERP format against the rules of its import specification (cited in each writer):
 * exact headers, date and number formats, balancing per entry, customer on AR lines, limits
 * and splitting, field lengths; and a golden file per format under fixtures/gl/.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RemitError } from '../../../src/core/errors.js';
import { buildPostingEntry } from '../../../src/gl/posting-entry.js';
import type { PostingEntry } from '../../../src/gl/posting.js';
import { ERP_FORMAT_NAMES, postingAccountsFor, type ErpFormatName, type GlSettings } from '../../../src/gl/settings.js';
import { EXPORT_FORMATS, exportFormat, writeErpFormat } from '../../../src/gl/formats/registry.js';
import type { ExportFile } from '../../../src/gl/formats/common.js';
import { updateGolden } from '../../support/golden.js';
import { writeFileSync } from 'node:fs';
import { baseAccounts, context, glSettings, ledger, p1, p3, parseCsv, records } from './ledger.js';
import type { PostableRemittance } from '../../../src/gl/types.js';

const createdAt = '2026-10-05T06:30';

function write(format: ErpFormatName, remittances: PostableRemittance[] = ledger(), gl: GlSettings = glSettings): { files: ExportFile[]; entries: PostingEntry[] } {
  const accounts = postingAccountsFor(baseAccounts, gl, format);
  const entries = remittances.map((r) => buildPostingEntry(r, context({ accounts, customers: gl.customers })));
  return { files: writeErpFormat(format, entries, gl, { accounts, createdAt }), entries };
}

function cents(text: string): number {
  const m = /^(-?)(\d+)\.(\d{2})$/.exec(text);
  if (!m) throw new Error(`not a plain amount: "${text}"`);
  return (m[1] ? -1 : 1) * (Number(m[2]) * 100 + Number(m[3]));
}

function balancedBy(rows: Array<Record<string, string>>, key: (r: Record<string, string>) => string, amount: (r: Record<string, string>) => number): Map<string, number> {
  const sums = new Map<string, number>();
  let last = '';
  for (const r of rows) {
    last = key(r) || last;
    sums.set(last, (sums.get(last) ?? 0) + amount(r));
  }
  return sums;
}

const amountOrZero = (text: string | undefined): number => (text ? cents(text) : 0);

// Spec: https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1534492479.html (header fields),
// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/section_1534492737.html (lines), article_159361099314.html (line limits).
describe('netsuite-journal', () => {
  const { files } = write('netsuite-journal');
  const rows = records(files[0]!.content);
  it('has the header, the header values on every line and balances per External ID', () => {
    expect(parseCsv(files[0]!.content)[0]).toEqual(['External ID', 'Subsidiary', 'Currency', 'Date', 'Memo', 'Account', 'Debit', 'Credit', 'Line Memo', 'Name']);
    for (const r of rows) expect(r['External ID'] && r['Subsidiary'] === 'ACME Corp' && r['Currency'] === 'USD' && r['Date'] === '10/05/2026' && r['Memo']).toBeTruthy();
    for (const sum of balancedBy(rows, (r) => r['External ID']!, (r) => amountOrZero(r['Debit']) - amountOrZero(r['Credit'])).values()) expect(sum).toBe(0);
    expect([...new Set(rows.map((r) => r['External ID']))]).toEqual(['RM101', 'RM102', 'RM101-A901', 'RM103']);
  });
  it('names the customer on every AR and unapplied-cash line', () => {
    for (const r of rows.filter((x) => x['Account'] === '1200' || x['Account'] === '2410')) expect(['Amazon.com Services LLC', 'Walmart Inc.']).toContain(r['Name']);
    expect(rows.filter((r) => r['Account'] === '1090').every((r) => r['Name'] === '')).toBe(true);
  });
  it('splits an entry over max_lines_per_entry into balanced parts with the same total', () => {
    const gl: GlSettings = { ...glSettings, formats: { ...glSettings.formats, 'netsuite-journal': { ...glSettings.formats['netsuite-journal']!, maxLinesPerEntry: 4 } } };
    const split = records(write('netsuite-journal', [p1()], gl).files[0]!.content);
    const parts = balancedBy(split, (r) => r['External ID']!, (r) => amountOrZero(r['Debit']) - amountOrZero(r['Credit']));
    expect([...parts.keys()]).toEqual(['RM101-1', 'RM101-2', 'RM101-3']);
    for (const sum of parts.values()) expect(sum).toBe(0);
    for (const id of parts.keys()) expect(split.filter((r) => r['External ID'] === id).length).toBeLessThanOrEqual(4);
    expect(split.filter((r) => r['Account'] === '1090').reduce((s, r) => s + amountOrZero(r['Debit']) - amountOrZero(r['Credit']), 0)).toBe(150000);
  });
  it('refuses a customer line when remit.yaml maps no customer name', () => {
    expect(() => write('netsuite-journal', [p3()], { ...glSettings, customers: {} })).toThrow(/set gl.customers.AMZ.name|no customer name/);
  });
});

// Spec: https://system.netsuite.com/help/helpcenter/en_US/srbrowser/Browser2026_1/script/record/customerpayment.html,
// https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/article_0224093711.html.
describe('netsuite-payment', () => {
  const { files } = write('netsuite-payment');
  it('writes one row per applied invoice with payment = applied + unapplied, and the rest as a journal', () => {
    expect(files.map((f) => f.suffix)).toEqual(['.csv', '-journal.csv']);
    const rows = records(files[0]!.content);
    expect(parseCsv(files[0]!.content)[0]).toEqual(['External ID', 'Customer', 'Date', 'Currency', 'Payment', 'A/R Account', 'Account', 'Payment Method', 'Check #', 'Memo', 'Apply - Ref No.', 'Apply - Payment', 'Apply - Disc.']);
    const p1Rows = rows.filter((r) => r['External ID'] === 'RM101');
    expect(p1Rows.map((r) => [r['Apply - Ref No.'], r['Apply - Payment'], r['Apply - Disc.']])).toEqual([['INV-101240', '980.00', '20.00'], ['INV-101241', '450.00', '']]);
    expect(p1Rows[0]!['Payment']).toBe('1500.00');
    expect(p1Rows[0]!['Memo']).toBe('payment ACH0001 of 2026-09-16: applied 1430.00, unapplied 70.00');
    expect(rows.find((r) => r['External ID'] === 'RM103')).toMatchObject({ Payment: '300.00', 'Apply - Ref No.': '' });
    const journal = records(files[1]!.content);
    expect([...new Set(journal.map((r) => r['External ID']))]).toEqual(['RM101-J', 'RM102-J', 'RM101-A901']);
    for (const r of journal.filter((x) => x['Account'] === '1200')) expect(r['Name']).not.toBe('');
  });
  it('never puts a reversal into a payment', () => {
    expect(records(files[0]!.content).some((r) => r['External ID'] === 'RM101-A901')).toBe(false);
  });
});

// Spec: https://quickbooks.intuit.com/learn-support/en-au/help-article/import-export-files/import-journal-entries-quickbooks-online/L4tQBwbs7_AU_en_AU
describe('qbo-journal', () => {
  const { files } = write('qbo-journal');
  const rows = records(files[0]!.content);
  it('has the QuickBooks columns, dates in the company locale, Name on every A/R line, and balances per Journal No.', () => {
    expect(parseCsv(files[0]!.content)[0]).toEqual(['Journal No.', 'Journal Date', 'Account Name', 'Debits', 'Credits', 'Description', 'Name', 'Currency Code']);
    expect(new Set(rows.map((r) => r['Journal Date']))).toEqual(new Set(['05/10/2026']));
    for (const r of rows.filter((x) => x['Account Name'] === '1200' || x['Account Name'] === '2410')) expect(r['Name']).not.toBe('');
    for (const sum of balancedBy(rows, (r) => r['Journal No.']!, (r) => amountOrZero(r['Debits']) - amountOrZero(r['Credits'])).values()) expect(sum).toBe(0);
    for (const r of rows) expect(Boolean(r['Debits']) !== Boolean(r['Credits'])).toBe(true);
  });
  it('writes sub-accounts as Parent:Sub and refuses a Journal No. over 21 characters', () => {
    const gl: GlSettings = { ...glSettings, documentPrefix: 'RM', formats: { ...glSettings.formats, 'qbo-journal': { dateFormat: 'MM/DD/YYYY', accounts: { clearing: 'Undeposited Funds', receivable: 'Accounts Receivable (A/R)', unapplied: 'Other Current Liabilities:Unapplied Cash' } } } };
    const out = records(write('qbo-journal', [p3()], gl).files[0]!.content);
    expect(out.map((r) => r['Account Name'])).toEqual(['Undeposited Funds', 'Other Current Liabilities:Unapplied Cash']);
    const long = p3();
    long.id = 12345678901234567890 as unknown as number;
    expect(() => write('qbo-journal', [long])).toThrow(/Journal No\. .* the import takes at most 21/);
  });
});

// Spec: https://help.xero.com/nz/ManualJournalsImport
describe('xero-journal', () => {
  it('signs amounts, names the tax rate and dates as 5 Oct 2026', () => {
    const { files } = write('xero-journal');
    expect(parseCsv(files[0]!.content)[0]).toEqual(['*Narration', '*Date', 'Description', '*AccountCode', '*TaxRate', '*Amount', 'TrackingName1', 'TrackingOption1', 'TrackingName2', 'TrackingOption2']);
    const rows = records(files[0]!.content);
    expect(new Set(rows.map((r) => r['*Date']))).toEqual(new Set(['5 Oct 2026']));
    expect(new Set(rows.map((r) => r['*TaxRate']))).toEqual(new Set(['Tax Exempt']));
    for (const sum of balancedBy(rows, (r) => r['*Narration']!, (r) => cents(r['*Amount']!)).values()) expect(sum).toBe(0);
    for (const r of rows.filter((x) => x['*AccountCode'] === '1200' || x['*AccountCode'] === '2410')) expect(r['Description']).toMatch(/^customer C000[12] /);
  });
  it('splits into files of at most 300 lines without cutting a journal, and splits a journal longer than that', () => {
    const many: PostableRemittance[] = [];
    for (let k = 0; k < 90; k += 1) many.push({ ...p1(), id: 1000 + k, paymentRef: `ACH${k}` });
    const big = { ...p3(), id: 5000, totalMinor: 0, lines: [], applications: [] as PostableRemittance['applications'] };
    for (let k = 0; k < 400; k += 1) big.applications.push({ id: 10_000 + k, lineNo: k + 1, invoiceNumber: `INV-${k}`, cashMinor: 100, discountMinor: 0, deductionMinor: 0, writeOffMinor: 0 });
    big.totalMinor = 40000;
    const { files } = write('xero-journal', [...many, big]);
    expect(files.length).toBeGreaterThan(3);
    expect(files.map((f) => f.suffix).slice(0, 2)).toEqual(['-1.csv', '-2.csv']);
    const narrationsPerFile = files.map((f) => new Set(records(f.content).map((r) => r['*Narration'])));
    for (const f of files) expect(records(f.content).length).toBeLessThanOrEqual(300);
    for (let a = 0; a < narrationsPerFile.length; a += 1) for (let b = a + 1; b < narrationsPerFile.length; b += 1) for (const n of narrationsPerFile[a]!) expect(narrationsPerFile[b]!.has(n)).toBe(false);
    const all = files.flatMap((f) => records(f.content));
    for (const sum of balancedBy(all, (r) => r['*Narration']!, (r) => cents(r['*Amount']!)).values()) expect(sum).toBe(0);
    expect(all.filter((r) => r['*Narration']!.startsWith('RM5000-')).filter((r) => r['*AccountCode'] === '1090').reduce((s, r) => s + cents(r['*Amount']!), 0)).toBe(40000);
  });
});

// Spec: https://learn.microsoft.com/en-us/dynamics365/business-central/receivables-how-apply-sales-transactions-manually,
// https://learn.microsoft.com/en-us/dynamics365/business-central/dev-itpro/api-reference/v2.0/resources/dynamics_journalline
describe('bc-cash-receipt', () => {
  const { files } = write('bc-cash-receipt');
  const rows = records(files[0]!.content);
  it('writes Payment lines of the customer that apply to each invoice, balanced per Document No.', () => {
    expect(parseCsv(files[0]!.content)[0]).toEqual(['Journal Template Name', 'Journal Batch Name', 'Line No.', 'Posting Date', 'Document Type', 'Document No.', 'External Document No.', 'Account Type', 'Account No.', 'Description', 'Currency Code', 'Amount', 'Bal. Account Type', 'Bal. Account No.', 'Applies-to Doc. Type', 'Applies-to Doc. No.']);
    const inv = rows.find((r) => r['Applies-to Doc. No.'] === 'INV-101240')!;
    expect(inv).toMatchObject({ 'Document Type': 'Payment', 'Account Type': 'Customer', 'Account No.': 'C0001', Amount: '-1000.00', 'Applies-to Doc. Type': 'Invoice', 'Currency Code': '', 'Posting Date': '2026-10-05' });
    expect(rows.find((r) => r['Account Type'] === 'Bank Account')).toMatchObject({ 'Account No.': 'CHECKING', Amount: '1500.00' });
    for (const sum of balancedBy(rows, (r) => r['Document No.']!, (r) => cents(r['Amount']!)).values()) expect(sum).toBe(0);
    expect(rows.map((r) => Number(r['Line No.']))).toEqual(rows.map((_, k) => (k + 1) * 10000));
    for (const r of rows) expect(r['Description']!.length).toBeLessThanOrEqual(100);
    expect(rows.filter((r) => r['Document Type'] === 'Payment').every((r) => cents(r['Amount']!) < 0)).toBe(true);
  });
});

// Spec: https://www.intacct.com/ia/docs/en_US/help_action/More/Uploading_Data/GL/import-GL-journal-entries.htm
describe('intacct-journal', () => {
  const { files } = write('intacct-journal');
  const rows = records(files[0]!.content);
  it('puts the header on the first line of each entry, numbers lines from 1 and keeps to the field limits', () => {
    expect(parseCsv(files[0]!.content)[0]).toEqual(['JOURNAL', 'DATE', 'DESCRIPTION', 'REFERENCE_NO', 'LINE_NO', 'ACCT_NO', 'LOCATION_ID', 'DOCUMENT', 'MEMO', 'DEBIT', 'CREDIT', 'CURRENCY', 'CUSTOMER_ID']);
    const firsts = rows.filter((r) => r['LINE_NO'] === '1');
    expect(firsts.map((r) => r['REFERENCE_NO'])).toEqual(['RM101', 'RM102', 'RM101-A901', 'RM103']);
    for (const r of firsts) expect(r['JOURNAL'] === 'CRJ' && r['DATE'] === '10/05/2026').toBe(true);
    for (const r of rows.filter((x) => x['LINE_NO'] !== '1')) expect([r['JOURNAL'], r['DATE'], r['DESCRIPTION'], r['REFERENCE_NO']]).toEqual(['', '', '', '']);
    for (const r of rows) expect(r['DESCRIPTION']!.length).toBeLessThanOrEqual(30);
    for (const sum of balancedBy(rows, (r) => r['REFERENCE_NO']!, (r) => amountOrZero(r['DEBIT']) - amountOrZero(r['CREDIT'])).values()) expect(sum).toBe(0);
    for (const r of rows.filter((x) => x['ACCT_NO'] === '1200' || x['ACCT_NO'] === '2410')) expect(r['CUSTOMER_ID']).toMatch(/^C000[12]$/);
    for (const r of rows) expect(/[$,]/.test(r['DEBIT']! + r['CREDIT']!)).toBe(false);
  });
});

// Spec: https://www.sapdatasheet.org/abap/tabl/flb24.html (FLB24), https://www.se80.co.uk/saptables/f/flb2/flb26.htm (FLB26),
// https://community.sap.com/t5/enterprise-resource-planning-blogs-by-sap/lockbox-deep-dive-in-sap-s-4hana/ba-p/13470965
describe('sap-lockbox', () => {
  const { files } = write('sap-lockbox');
  const records80 = files[0]!.content.split('\r\n').filter(Boolean);
  it('writes 80-character records 1 2 5 6 4 7 8 9 with control totals and the record count', () => {
    for (const r of records80) expect(r).toHaveLength(80);
    expect(records80.map((r) => r[0]).join('')).toBe('1256444464446789');
    expect(records80[0]!.slice(0, 33)).toBe('101ACMEAR    021000021 2610050630');
    const checks = records80.filter((r) => r[0] === '6');
    const total = checks.reduce((s, r) => s + Number(r.slice(7, 17)), 0);
    expect(total).toBe(150000 + 120002 + 30000);
    const batch = records80.find((r) => r[0] === '7')!;
    expect(batch.slice(0, 33)).toBe(`70010001234567261005003${String(total).padStart(10, '0')}`);
    expect(records80.find((r) => r[0] === '8')!.slice(0, 34)).toBe(`80000001234567261005${'0003'}${String(total).padStart(10, '0')}`);
    expect(records80.at(-1)!.slice(0, 7)).toBe(`9${String(records80.length).padStart(6, '0')}`);
  });
  it('carries invoice numbers, deductions and reason codes in the overflow records, the rest in the journal', () => {
    const overflow = records80.filter((r) => r[0] === '4').map((r) => [r.slice(1, 7), r.slice(7, 11), r.slice(11, 27).trim(), Number(r.slice(27, 37)), Number(r.slice(37, 47)), r.slice(47, 50).trim()]);
    expect(overflow.slice(0, 4)).toEqual([
      ['001001', '4010', 'INV-101240', 98000, 0, ''],
      ['001001', '4020', 'INV-101240', 0, 2000, 'DIS'],
      ['001001', '4030', 'INV-101241', 45000, 0, ''],
      ['001001', '4049', 'INV-101241', 0, 5000, 'S01'],
    ]);
    const journal = records(files[1]!.content);
    expect(journal.filter((r) => r['role'] === 'deduction:pricing')).toHaveLength(1);
    expect(new Set(journal.map((r) => r['document_no']))).toEqual(new Set(['RM101-J', 'RM102-J', 'RM101-A901']));
  });
  it('refuses a payment in another currency than US dollars', () => {
    expect(() => write('sap-lockbox', [{ ...p3(), currency: 'EUR' }])).toThrow(/US dollars only/);
  });
});

describe('every format', () => {
  it('is listed with its ERP screen, and an unknown one is refused with the list', () => {
    expect(EXPORT_FORMATS.map((f) => f.name)).toEqual(['generic', ...ERP_FORMAT_NAMES]);
    for (const f of EXPORT_FORMATS) expect(f.erpScreen.length).toBeGreaterThan(10);
    expect(() => exportFormat('netsuite')).toThrow(/the formats are generic, netsuite-journal, netsuite-payment/);
  });

  it.each(ERP_FORMAT_NAMES)('%s neutralises text a spreadsheet would run as a formula', (format) => {
    const hostile = { ...p3(), paymentRef: '=HYPERLINK("x")', lines: [{ lineNo: 1, reference: '+SUM(A1)', paidMinor: 30000, unappliedMinor: 30000, status: 'unapplied' }] };
    if (format === 'sap-lockbox' || format === 'bc-cash-receipt' || format === 'qbo-journal') hostile.paymentRef = '=1+1';
    const { files } = write(format, [hostile]);
    for (const f of files.filter((x) => x.suffix.endsWith('.csv'))) for (const row of parseCsv(f.content)) for (const cell of row) expect(/^[=+\-@]/.test(cell) && !/^-?\d/.test(cell)).toBe(false);
  });

  it.each(ERP_FORMAT_NAMES)('%s refuses without its settings, naming the key to add', (format) => {
    const gl: GlSettings = { ...glSettings, formats: {} };
    const accounts = postingAccountsFor(baseAccounts, gl, format);
    const entries = [buildPostingEntry(p3(), context({ accounts }))];
    expect(() => writeErpFormat(format, entries, gl, { accounts, createdAt })).toThrow(RemitError);
  });

  it.each(ERP_FORMAT_NAMES)('%s matches its golden file', (format) => {
    const { files } = write(format);
    for (const file of files) {
      const path = new URL(`../../../fixtures/gl/${format}/export${file.suffix}`, import.meta.url);
      if (updateGolden) writeFileSync(path, file.content);
      expect(file.content).toBe(readFileSync(path, 'utf8'));
    }
  });
});
