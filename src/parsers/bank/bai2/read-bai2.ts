/**
 * BAI2 (BAI Cash Management Balance Reporting Specifications Version 2, 2005):
 * 01 file header, 02 group header (one bank, one as-of date), 03 account with balances and
 * summaries, 16 transaction details, 88 continuations, 49 account / 98 group / 99 file
 * trailers with control totals and record counts.
 * Spec: https://www.bai.org/docs/default-source/libraries/site-general-downloads/cash_management_2005.pdf
 * (transcript: https://fdocuments.us/document/cash-management-balance-reporting-specifications-version-2-bai.html);
 * default currency USD and the 16-text rules as banks state them:
 * https://docs.oracle.com/en/applications/jd-edwards/financials/9.2/eoaga/mapping-bai2-fields-to-the-f09610-and-f09611-tables.html
 *
 * Checks: each 49 total against the amounts of its 03 and 16 records and its record count
 * (03 to 49, 88s included); each 98 against its 49s, accounts and records; each 99 against
 * its 98s, groups and records. A total off is an error diagnostic (strict: a ParseError).
 * Warnings, because banks need not detail every item: 100/400 totals and item counts
 * against the detail, and 010 + detail = 015.
 * A file that ends before its 99 trailer is cut short: ParseError, lenient or not.
 * Several 01..99 files one after the other are read in turn.
 */
import { ParseError } from '../../../core/errors.js';
import { parseDate } from '../../../core/dates.js';
import type { Minor } from '../../../core/money.js';
import { impliedDecimalMinor } from '../amounts.js';
import { CLOSING_AVAILABLE, CLOSING_LEDGER, OPENING_AVAILABLE, OPENING_LEDGER, TOTAL_CREDITS, TOTAL_DEBITS } from '../codes/bai2-codes.js';
import { minorDigitsOf } from '../currency.js';
import { countEntry, type ReadContext, type ReadOutcome } from '../reader.js';
import type { BankBalance, BankIdentity, BankStatement } from '../types.js';
import { readAccountRecord, type AccountSummary } from './account-record.js';
import { readDetailRecord } from './detail-record.js';
import { logicalRecords, physicalLines, type Bai2Record } from './records.js';

interface FileState {
  line: number;
  fileId: string;
  records: number;
  groups: number;
  statedGroupTotals: Minor;
}

interface GroupState {
  line: number;
  number: number;
  bank: BankIdentity | undefined;
  asOfDate: string;
  currency: string;
  records: number;
  accounts: number;
  statedAccountTotals: Minor;
}

interface AccountState {
  line: number;
  statement: BankStatement;
  minorDigits: number;
  records: number;
  controlSum: Minor;
  summaries: AccountSummary[];
  credits: { count: number; sum: Minor };
  debits: { count: number; sum: Minor };
}

const BIC = /^[A-Z]{6}[A-Z0-9]{2}(?:[A-Z0-9]{3})?$/;
const IBAN = /^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/;

export function readBai2(text: string, context: ReadContext): ReadOutcome {
  const { diagnostics, sink, limits } = context;
  let file: FileState | undefined;
  let group: GroupState | undefined;
  let account: AccountState | undefined;
  let firstFile: { fileId: string; createdAt?: string } | undefined;
  let statements = 0;
  let groupsInAll = 0;
  // The 01's physical record length (80 in practice): longer lines are reported, not refused.
  let recordLength: number | undefined;
  const long = { count: 0, first: 0 };

  const at = (record: Bai2Record) => `line ${record.line}`;
  const count = (record: Bai2Record) => {
    if (file) file.records += record.physical;
    if (group) group.records += record.physical;
    if (account) account.records += record.physical;
  };

  const closeAccount = (why: string | undefined) => {
    if (!account) return;
    if (why) diagnostics.error(`account ${account.statement.accountId} has no 49 trailer before ${why}; its totals are not checked`, `line ${account.line}`);
    sink.end(account.statement);
    account = undefined;
  };
  const closeGroup = (why: string | undefined) => {
    if (!group) return;
    closeAccount(why);
    if (why) diagnostics.error(`group of ${group.asOfDate} has no 98 trailer before ${why}; its totals are not checked`, `line ${group.line}`);
    group = undefined;
  };

  const records = logicalRecords(physicalLines(text, limits.maxFieldChars), limits.maxFieldChars, (line) =>
    diagnostics.error('an 88 continuation with no record before it; skipped', `line ${line}`),
  );
  for (const record of records) {
    if (recordLength !== undefined && record.longest > recordLength) {
      long.count += 1;
      long.first ||= record.line;
    }
    switch (record.code) {
      case '01': {
        if (file) {
          closeGroup('the next 01 file header');
          diagnostics.error('file has no 99 trailer before the next 01 file header; its totals are not checked', `line ${file.line}`);
        }
        const [, , created = '', time = '', fileId = '', length = '', , version = ''] = record.fields.map((f) => f.trim());
        recordLength = /^\d{2,4}$/.test(length) ? Number(length) : undefined;
        file = { line: record.line, fileId, records: 0, groups: 0, statedGroupTotals: 0 };
        count(record);
        if (version !== '2') diagnostics.warning(`version "${version}" in the 01 record: read as BAI2 (version 2)`, at(record));
        const date = parseDate(created, 'ymd');
        if (!firstFile) {
          firstFile = { fileId };
          if (date.ok && /^\d{6}$/.test(created)) firstFile.createdAt = /^\d{4}$/.test(time) ? `${date.iso}T${time.slice(0, 2)}:${time.slice(2)}` : date.iso;
        }
        break;
      }
      case '02': {
        if (!file) {
          diagnostics.error('a 02 group header before any 01 file header; skipped', at(record));
          break;
        }
        closeGroup('the next 02 group header');
        const [, originator = '', status = '', asOf = '', , currencyText = '', modifier = ''] = record.fields.map((f) => f.trim());
        const date = parseDate(asOf, 'ymd');
        if (!/^\d{6}$/.test(asOf) || !date.ok) throw new ParseError(`the 02 group header at line ${record.line} has as-of date "${asOf}", not YYMMDD: its entries have no date`);
        const currency = currencyText.toUpperCase() || 'USD';
        groupsInAll += 1;
        group = { line: record.line, number: groupsInAll, bank: bankOf(originator), asOfDate: date.iso, currency, records: 0, accounts: 0, statedAccountTotals: 0 };
        count(record);
        file.groups += 1;
        if (status === '2' || status === '3' || status === '4') {
          const meaning = status === '2' ? 'a deletion of data sent before' : status === '3' ? 'a correction of data sent before' : 'test data only';
          diagnostics.warning(`group status ${status}: the bank marks this group as ${meaning}`, at(record));
        }
        if (modifier === '1' || modifier === '3') diagnostics.warning(`as-of-date modifier ${modifier}: interim data, the bank will report this day again`, at(record));
        break;
      }
      case '03': {
        if (!group) {
          diagnostics.error('a 03 account record outside a group; skipped with its details', at(record));
          count(record);
          break;
        }
        closeAccount('the next 03 account record');
        const read = readAccountRecord(record.fields);
        const currency = read.currency || group.currency;
        const minorDigits = minorDigitsOf(currency);
        if (minorDigits === undefined) throw new ParseError(`account ${read.accountNumber} at line ${record.line} is in "${currency}", not an ISO 4217 currency: its amounts cannot be read`);
        for (const problem of read.problems) diagnostics.error(problem, at(record));
        const statement: BankStatement = {
          format: 'bai2',
          location: at(record),
          ...(group.bank ? { bank: group.bank } : {}),
          accountId: read.accountNumber,
          accountIdKind: IBAN.test(read.accountNumber) ? 'iban' : 'number',
          currency,
          ...(file?.fileId ? { statementId: file.fileId } : {}),
          sequence: String(group.number),
          date: group.asOfDate,
          entries: [],
        };
        if (!read.accountNumber) diagnostics.error('the 03 record has no account number', at(record));
        setBalances(statement, read.summaries, group.asOfDate);
        account = {
          line: record.line,
          statement,
          minorDigits,
          records: 0,
          controlSum: read.controlSum,
          summaries: read.summaries,
          credits: { count: 0, sum: 0 },
          debits: { count: 0, sum: 0 },
        };
        count(record);
        group.accounts += 1;
        statements += 1;
        sink.begin(statement);
        break;
      }
      case '16': {
        if (!account) {
          diagnostics.error('a 16 detail record outside an account; skipped', at(record));
          count(record);
          break;
        }
        count(record);
        const read = readDetailRecord(record.fields, at(record), {
          currency: account.statement.currency,
          minorDigits: account.minorDigits,
          asOfDate: group!.asOfDate,
          position: account.credits.count + account.debits.count + 1,
        });
        account.controlSum += read.controlAmount;
        if (read.kind === 'skipped') {
          if (read.level === 'error') diagnostics.error(read.reason, at(record));
          else diagnostics.warning(read.reason, at(record));
          break;
        }
        const entry = read.entry;
        if (!entry.bankRef) diagnostics.warning('entry has no bank reference', at(record));
        const side = entry.amountMinor > 0 ? account.credits : account.debits;
        side.count += 1;
        side.sum += Math.abs(entry.amountMinor);
        countEntry(context);
        sink.entry(entry, account.statement);
        break;
      }
      case '49': {
        if (!account) {
          diagnostics.error('a 49 account trailer with no account open; skipped', at(record));
          count(record);
          break;
        }
        count(record);
        const [totalText = '', recordsText = ''] = record.fields.map((f) => f.trim());
        const where = `${at(record)} (49 of account ${account.statement.accountId})`;
        const total = checkTotal(totalText, account.controlSum, 'account control total', 'the amounts of its 03 and 16 records', where, diagnostics);
        checkCount(recordsText, account.records, 'number of records', 'records from its 03 to this 49', where, diagnostics);
        checkSummaries(account, where, diagnostics);
        if (group) group.statedAccountTotals += total ?? account.controlSum;
        closeAccount(undefined);
        break;
      }
      case '98': {
        if (!group) {
          diagnostics.error('a 98 group trailer with no group open; skipped', at(record));
          count(record);
          break;
        }
        closeAccount('the 98 group trailer');
        count(record);
        const [totalText = '', accountsText = '', recordsText = ''] = record.fields.map((f) => f.trim());
        const where = `${at(record)} (98 of the group at line ${group.line})`;
        const total = checkTotal(totalText, group.statedAccountTotals, 'group control total', 'its account control totals', where, diagnostics);
        checkCount(accountsText, group.accounts, 'number of accounts', 'accounts in the group', where, diagnostics);
        checkCount(recordsText, group.records, 'number of records', 'records from its 02 to this 98', where, diagnostics);
        if (file) file.statedGroupTotals += total ?? group.statedAccountTotals;
        group = undefined;
        break;
      }
      case '99': {
        if (!file) {
          diagnostics.error('a 99 file trailer with no 01 file header; skipped', at(record));
          break;
        }
        closeGroup('the 99 file trailer');
        count(record);
        const [totalText = '', groupsText = '', recordsText = ''] = record.fields.map((f) => f.trim());
        const where = `${at(record)} (99)`;
        checkTotal(totalText, file.statedGroupTotals, 'file control total', 'its group control totals', where, diagnostics);
        checkCount(groupsText, file.groups, 'number of groups', 'groups in the file', where, diagnostics);
        checkCount(recordsText, file.records, 'number of records', 'records from 01 to 99', where, diagnostics);
        file = undefined;
        break;
      }
      default:
        count(record);
        diagnostics.error(`unknown record type "${record.code}"; skipped`, at(record));
    }
  }
  if (long.count > 0) diagnostics.warning(`${long.count} record(s) have physical lines longer than the ${recordLength} characters the 01 record declares (first at line ${long.first})`, `line ${long.first}`);
  if (file || group || account) {
    const open = account ? `account ${account.statement.accountId} (line ${account.line})` : group ? `the group at line ${group.line}` : `the file at line ${file!.line}`;
    throw new ParseError(`the file ends inside ${open} with no ${account ? '49' : group ? '98' : '99'} trailer: it is cut short`);
  }
  if (!firstFile) throw new ParseError('no 01 file header: not a BAI2 file');
  return { format: 'bai2', fileId: firstFile.fileId, ...(firstFile.createdAt ? { createdAt: firstFile.createdAt } : {}), statements };
}

function bankOf(originator: string): BankIdentity | undefined {
  if (/^\d{9}$/.test(originator)) return { aba: originator };
  if (BIC.test(originator)) return { bic: originator };
  return originator ? { memberId: originator } : undefined;
}

function setBalances(statement: BankStatement, summaries: readonly AccountSummary[], date: string): void {
  const balance = (code: string): BankBalance | undefined => {
    const found = summaries.find((s) => s.typeCode === code);
    return found ? { amountMinor: found.amountMinor, date, code } : undefined;
  };
  const pairs = [
    ['openingBooked', OPENING_LEDGER],
    ['closingBooked', CLOSING_LEDGER],
    ['openingAvailable', OPENING_AVAILABLE],
    ['closingAvailable', CLOSING_AVAILABLE],
  ] as const;
  for (const [field, code] of pairs) {
    const value = balance(code);
    if (value) statement[field] = value;
  }
}

function checkTotal(text: string, expected: Minor, name: string, what: string, where: string, diagnostics: ReadContext['diagnostics']): Minor | undefined {
  const stated = impliedDecimalMinor(text, true);
  if (!stated.ok) {
    diagnostics.error(`${name} "${text}" is not an amount`, where);
    return undefined;
  }
  if (stated.minor !== expected) diagnostics.error(`${name} is ${stated.minor}, but ${what} sum to ${expected} (off by ${stated.minor - expected})`, where);
  return stated.minor;
}

function checkCount(text: string, expected: number, name: string, what: string, where: string, diagnostics: ReadContext['diagnostics']): void {
  if (text === '') {
    diagnostics.warning(`${name} is blank`, where);
    return;
  }
  if (!/^\d{1,9}$/.test(text)) {
    diagnostics.error(`${name} "${text}" is not a number`, where);
    return;
  }
  if (Number(text) !== expected) diagnostics.error(`${name} is ${text}, but there are ${expected} ${what}`, where);
}

/** 100/400 totals and their item counts against the detail, 010 + detail = 015: warnings only. */
function checkSummaries(account: AccountState, where: string, diagnostics: ReadContext['diagnostics']): void {
  const { statement, credits, debits, summaries } = account;
  const sides = [
    [TOTAL_CREDITS, 'total credits (100)', credits],
    [TOTAL_DEBITS, 'total debits (400)', debits],
  ] as const;
  for (const [code, name, side] of sides) {
    const summary = summaries.find((s) => s.typeCode === code);
    if (!summary) continue;
    if (summary.amountMinor !== side.sum) diagnostics.warning(`${name} is ${summary.amountMinor}, the detail records sum to ${side.sum}`, where);
    if (summary.itemCount !== undefined && summary.itemCount !== side.count) diagnostics.warning(`${name} counts ${summary.itemCount} items, there are ${side.count} detail records`, where);
  }
  const opening = statement.openingBooked?.amountMinor;
  const closing = statement.closingBooked?.amountMinor;
  if (opening !== undefined && closing !== undefined && opening + credits.sum - debits.sum !== closing) {
    diagnostics.warning(`opening ledger (010) ${opening} + detail ${credits.sum - debits.sum} is ${opening + credits.sum - debits.sum}, not the closing ledger (015) ${closing}`, where);
  }
}
