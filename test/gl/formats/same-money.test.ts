/**
 * Every format carries the same money as the generic journal: per payment, the cash, the
 * discount, the deductions, the write-offs, the invoices settled and the unapplied cash, to
 * the cent, read back from the files each writer produces.
 */
import { describe, expect, it } from 'vitest';
import { parseAmount } from '../../../src/core/money.js';
import { buildJournal } from '../../../src/gl/journal.js';
import { buildPostingEntry } from '../../../src/gl/posting-entry.js';
import { buildReconciliationEntry } from '../../../src/gl/reconciliation-entry.js';
import type { PostableReconciliation } from '../../../src/domain/bank.js';
import { ERP_FORMAT_NAMES, postingAccountsFor, type ErpFormatName, type GlSettings } from '../../../src/gl/settings.js';
import { writeErpFormat } from '../../../src/gl/formats/registry.js';
import type { ExportFile } from '../../../src/gl/formats/common.js';
import { ledgerLines } from '../../../src/gl/ledger-lines.js';
import type { PostableRemittance } from '../../../src/gl/types.js';
import { baseAccounts, context, glSettings, ledger, p4, records } from './ledger.js';

/** Per payment (or bank entry); `bank` and `fee` appear only where a reconciled bank entry posts them. */
type Money = Record<string, Record<'cash' | 'discount' | 'deduction' | 'writeOff' | 'settled' | 'unapplied', number> & { bank?: number; fee?: number }>;
const refOf: Record<string, string> = { '101': 'ACH0001', '102': 'CHK 55012', '103': 'WIRE-88', '104': 'CHK 7001', B901: 'WIRE-901', B902: 'FED902', B903: 'RET-903' };

function minor(text: string): number {
  if (text === '') return 0;
  const parsed = parseAmount(text);
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.minor;
}

function add(money: Money, ref: string, kind: keyof Money[string], amount: number): void {
  money[ref] ??= { cash: 0, discount: 0, deduction: 0, writeOff: 0, settled: 0, unapplied: 0 };
  money[ref]![kind] = (money[ref]![kind] ?? 0) + amount;
}

/** By account (1090 clearing, 1200 AR, 2410 unapplied, 4910 discount, 6990 write-off, 129x deductions); AR lines without an invoice are unapplied cash of the customer. */
function byAccount(money: Money, ref: string, account: string, net: number, hasInvoice: boolean): void {
  if (account === '1090' || account === 'CHECKING') add(money, ref, 'cash', net);
  else if (account === '1010') add(money, ref, 'bank', net);
  else if (account === '6810') add(money, ref, 'fee', net);
  else if (account === '4910') add(money, ref, 'discount', net);
  else if (account === '6990') add(money, ref, 'writeOff', net);
  else if (account.startsWith('129')) add(money, ref, 'deduction', net);
  else if ((account === '1200' || account.startsWith('C000')) && hasInvoice) add(money, ref, 'settled', -net);
  else if (account === '1200' || account === '2410' || account.startsWith('C000')) add(money, ref, 'unapplied', -net);
  else throw new Error(`unexpected account ${account}`);
}

function remittanceRef(documentNo: string): string {
  const id = /^RM(B?\d+)/.exec(documentNo)?.[1];
  const ref = id ? refOf[id] : undefined;
  if (!ref) throw new Error(`no payment for ${documentNo}`);
  return ref;
}

const readers: Record<ErpFormatName, (files: ExportFile[], money: Money) => void> = {
  'netsuite-journal': ([file], money) => readNetsuiteJournal(file!.content, money),
  'netsuite-payment': (files, money) => {
    for (const r of records(files[0]!.content)) {
      // The payment amount repeats on each of its rows: count it once per External ID.
      const ref = remittanceRef(r['External ID']!);
      add(money, ref, 'settled', minor(r['Apply - Payment']!) + minor(r['Apply - Disc.']!));
      add(money, ref, 'discount', minor(r['Apply - Disc.']!));
    }
    const seen = new Set<string>();
    for (const r of records(files[0]!.content)) {
      if (seen.has(r['External ID']!)) continue;
      seen.add(r['External ID']!);
      const ref = remittanceRef(r['External ID']!);
      const applied = records(files[0]!.content).filter((x) => x['External ID'] === r['External ID']).reduce((s, x) => s + minor(x['Apply - Payment']!), 0);
      add(money, ref, 'cash', minor(r['Payment']!));
      add(money, ref, 'unapplied', minor(r['Payment']!) - applied);
    }
    if (files[1]) readNetsuiteJournal(files[1].content, money);
  },
  'qbo-journal': ([file], money) => {
    for (const r of records(file!.content)) byAccount(money, remittanceRef(r['Journal No.']!), r['Account Name']!, minor(r['Debits']!) - minor(r['Credits']!), r['Description']!.includes('[invoice '));
  },
  'xero-journal': (files, money) => {
    for (const file of files) for (const r of records(file.content)) byAccount(money, remittanceRef(r['*Narration']!), r['*AccountCode']!, minor(r['*Amount']!), r['Description']!.includes('[invoice '));
  },
  'bc-cash-receipt': ([file], money) => {
    for (const r of records(file!.content)) {
      const hasInvoice = r['Applies-to Doc. No.'] !== '' || r['Description']!.includes('[invoice ');
      byAccount(money, remittanceRef(r['Document No.']!), r['Account No.']!, minor(r['Amount']!), hasInvoice);
    }
  },
  'intacct-journal': ([file], money) => {
    let reference = '';
    for (const r of records(file!.content)) {
      if (r['REFERENCE_NO']) reference = r['REFERENCE_NO'];
      byAccount(money, remittanceRef(reference), r['ACCT_NO']!, minor(r['DEBIT']!) - minor(r['CREDIT']!), r['DOCUMENT'] !== '');
    }
  },
  'sap-lockbox': (files, money) => {
    const codes: Record<string, 'discount' | 'writeOff' | 'deduction'> = { DIS: 'discount', WO: 'writeOff', S01: 'deduction', P01: 'deduction', D99: 'deduction' };
    let ref = '';
    let applied = 0;
    let check = 0;
    const close = (): void => {
      if (ref) add(money, ref, 'unapplied', check - applied);
    };
    for (const line of files[0]!.content.split('\r\n').filter(Boolean)) {
      if (line[0] === '6') {
        close();
        ref = line.slice(36, 46).trim();
        check = Number(line.slice(7, 17));
        applied = 0;
        add(money, ref, 'cash', check);
      } else if (line[0] === '4') {
        const paid = Number(line.slice(27, 37));
        const deducted = Number(line.slice(37, 47));
        applied += paid;
        add(money, ref, 'settled', paid + deducted);
        if (deducted) add(money, ref, codes[line.slice(47, 50).trim()]!, deducted);
      }
    }
    close();
    if (files[1]) {
      for (const r of records(files[1].content)) byAccount(money, r['payment_ref']!, r['account']!, minor(r['debit']!) - minor(r['credit']!), r['invoice'] !== '');
    }
  },
};

function readNetsuiteJournal(text: string, money: Money): void {
  for (const r of records(text)) byAccount(money, remittanceRef(r['External ID']!), r['Account']!, minor(r['Debit']!) - minor(r['Credit']!), r['Line Memo']!.includes('[invoice '));
}

/** The ledger of every test: the month's payments and one whose chargeback line makes its invoice settle more than its cash. */
const remittances = (): PostableRemittance[] => [...ledger(), p4()];

/** The generic journal as export-gl writes it: the posting entries with the company's base accounts, as ledger lines. */
function genericMoney(): Money {
  const money: Money = {};
  const accounts = postingAccountsFor(baseAccounts, glSettings);
  let lineNo = 1;
  for (const remittance of remittances()) {
    const lines = ledgerLines(buildPostingEntry(remittance, context({ accounts })), lineNo);
    lineNo += lines.length;
    for (const line of lines) byAccount(money, line.paymentRef, line.account, line.debitMinor - line.creditMinor, line.invoice !== null && line.account === '1200');
  }
  return money;
}

describe('every format carries the money of the generic journal', () => {
  const expected = genericMoney();

  it('the generic journal of the test ledger is what the test expects', () => {
    expect(expected['ACH0001']).toEqual({ cash: 150000, discount: 2000 - 2000, deduction: 8000, writeOff: 0, settled: 150000 - 100000 + 7500, unapplied: 10000 + 98000 - 7500 });
    expect(expected['CHK 55012']).toEqual({ cash: 120002, discount: 0, deduction: 0, writeOff: -2, settled: 120000, unapplied: 0 });
    expect(expected['WIRE-88']).toEqual({ cash: 30000, discount: 0, deduction: 0, writeOff: 0, settled: 0, unapplied: 30000 });
    expect(expected['CHK 7001']).toEqual({ cash: 42000, discount: 0, deduction: 8000, writeOff: 0, settled: 50000, unapplied: 0 });
  });

  it('the old journal builder (journal.ts) agrees with it on the month\'s payments', () => {
    const old: Money = {};
    for (const line of buildJournal(remittances(), baseAccounts)) byAccount(old, line.paymentRef, line.account, line.debitMinor - line.creditMinor, line.invoice !== null && line.account === '1200');
    expect(old).toEqual(expected);
  });

  it.each(ERP_FORMAT_NAMES)('%s: cash, discount, deduction, write-off, settled and unapplied per payment, to the cent', (format) => {
    const accounts = postingAccountsFor(baseAccounts, glSettings, format);
    const entries = remittances().map((r) => buildPostingEntry(r, context({ accounts })));
    const files = writeErpFormat(format, entries, glSettings, { accounts, createdAt: '2026-10-05T06:30' });
    const money: Money = {};
    readers[format](files, money);
    expect(money).toEqual(expected);
  });
});

/** Reconciled bank entries: a wire less its fee, a payer's credit with no remittance, a return. */
const reconciliations = (): PostableReconciliation[] => {
  const base = { company: 'ACME', accountId: '3849100273', currency: 'USD', entryDate: '2026-10-02', method: 'reference', invoiceNumber: null, feeMinor: 0 };
  return [
    { ...base, entryId: 901, reconciliationId: 1, bankRef: 'FW901', amountMinor: 28500, status: 'reconciled', method: 'reference-wire-fee', payer: 'AMZ', feeMinor: 1500,
      remittances: [{ remittanceId: 201, payer: 'AMZ', paymentRef: 'WIRE-901', amountMinor: 30000 }] },
    { ...base, entryId: 902, reconciliationId: 2, bankRef: 'FED902', amountMinor: 5000, status: 'unidentified', method: 'on-account', payer: 'AMZ', remittances: [] },
    { ...base, entryId: 903, reconciliationId: 3, bankRef: 'RT903', amountMinor: -2000, status: 'returned', method: 'return', payer: 'WMT',
      remittances: [{ remittanceId: 202, payer: 'WMT', paymentRef: 'RET-903', amountMinor: 2000 }] },
  ];
};
const bankSettings: GlSettings = { ...glSettings, bank: '1010', bankFees: '6810' };

describe('every format carries the reconciliation entries of the generic journal', () => {
  const expected: Money = {};
  for (const rec of reconciliations()) {
    const lines = ledgerLines(buildReconciliationEntry(rec, context({ accounts: postingAccountsFor(baseAccounts, bankSettings) })), 1);
    for (const line of lines) byAccount(expected, line.paymentRef, line.account, line.debitMinor - line.creditMinor, false);
  }

  it('the generic journal: bank = cash received, the fee, clearing credited with the payment, unapplied cash, a return reversed', () => {
    expect(expected).toEqual({
      'WIRE-901': { cash: -30000, bank: 28500, fee: 1500, discount: 0, deduction: 0, writeOff: 0, settled: 0, unapplied: 0 },
      FED902: { cash: 0, bank: 5000, discount: 0, deduction: 0, writeOff: 0, settled: 0, unapplied: 5000 },
      'RET-903': { cash: 2000, bank: -2000, discount: 0, deduction: 0, writeOff: 0, settled: 0, unapplied: 0 },
    });
  });

  it.each(ERP_FORMAT_NAMES)('%s: clearing, bank, fee and unapplied per bank entry, to the cent', (format) => {
    const accounts = postingAccountsFor(baseAccounts, bankSettings, format);
    const entries = reconciliations().map((r) => buildReconciliationEntry(r, context({ accounts })));
    const files = writeErpFormat(format, entries, bankSettings, { accounts, createdAt: '2026-10-05T06:30' });
    const money: Money = {};
    readers[format](files, money);
    expect(money).toEqual(expected);
  });
});
