/**
 * SWIFT MT940 (Customer Statement Message) and MT942 (Interim Transaction Report), one
 * statement per message: :20: reference, :25: account, :28C: statement/sequence number,
 * :60F:/:60M: opening balance, :61: statement lines each with an optional :86:, :62F:/:62M:
 * closing balance, :64: closing available, :65: forward available; MT942 has :34F: floor
 * limit, :13D: date-time and :90D:/:90C: number and sum of debits/credits instead.
 * Field specifications: SWIFT Category 9 (MT 940 and MT 942),
 * https://www2.swift.com/knowledgecentre/publications/us9m_20230720/2.0.
 *
 * Checks (error diagnostics; strict: ParseError): opening + entries = closing for each
 * MT940 message (:60F:/M: + :61: = :62F:/M:), and :90D:/:90C: against the MT942 lines.
 * A message that stops before its closing balance (no "-}" or no :62:) is cut short:
 * ParseError.
 */
import { ParseError } from '../../../core/errors.js';
import { parseDate } from '../../../core/dates.js';
import type { Minor } from '../../../core/money.js';
import { swiftMinor } from '../amounts.js';
import { minorDigitsOf } from '../currency.js';
import { countEntry, type ReadContext, type ReadOutcome } from '../reader.js';
import type { BankBalance, BankEntry, BankIdentity, BankStatement } from '../types.js';
import { readInformation86 } from './information-86.js';
import { readStatementLine } from './statement-line.js';
import { swiftMessages, type SwiftField, type SwiftMessage } from './swift-blocks.js';
import { addDetails } from '../entry-details.js';

const IBAN = /^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/;
const BIC = /^[A-Z]{6}[A-Z0-9]{2}(?:[A-Z0-9]{3})?$/;
const ITEMS = /\b(\d{1,6}) ITEMS?\b/;
const DEPOSIT_TYPES = new Set(['CHK', 'CLR', 'LBX']);

interface Balance {
  amountMinor: Minor;
  date: string;
  currency: string;
}

export function readMt940(text: string, context: ReadContext): ReadOutcome {
  const { diagnostics, limits } = context;
  let statements = 0;
  let sawMt940 = false;
  let sawMt942 = false;
  let fileId: string | undefined;
  let skipped = 0;
  const messages = swiftMessages(text, limits.maxFieldChars, () => {
    skipped += 1;
  });
  for (const message of messages) {
    if (!message.complete) throw new ParseError(`the SWIFT message at line ${message.line} ends before its ${message.fields.length ? 'closing balance (:62F:/:62M:) or "-}"' : 'fields'}: it is cut short`);
    if (message.type && message.type !== '940' && message.type !== '942') {
      diagnostics.warning(`an MT${message.type} message, not a statement; skipped`, `line ${message.line}`);
      continue;
    }
    const mt942 = message.type === '942' || (!message.type && !message.fields.some((f) => f.tag.startsWith('60')) && message.fields.some((f) => f.tag === '34F' || f.tag === '13D' || f.tag === '90D' || f.tag === '90C'));
    if (mt942) sawMt942 = true;
    else sawMt940 = true;
    const read = readMessage(message, mt942, context);
    if (read) {
      statements += 1;
      fileId ??= read.statementId;
    }
  }
  if (skipped > 0) diagnostics.warning(`${skipped} line(s) before the first SWIFT field were not read (a bank's file header)`, 'line 1');
  const outcome: ReadOutcome = { format: sawMt942 && !sawMt940 ? 'mt942' : 'mt940', statements };
  if (fileId) outcome.fileId = fileId;
  return outcome;
}

function readMessage(message: SwiftMessage, mt942: boolean, context: ReadContext): BankStatement | undefined {
  const { diagnostics, sink } = context;
  const where = `line ${message.line}`;
  const one = (tag: string): SwiftField | undefined => message.fields.find((f) => f.tag === tag);
  const account = one('25') ?? one('25P');
  if (!account) {
    diagnostics.error('the message has no :25: account; skipped', where);
    return undefined;
  }
  const opening = one('60F') ?? one('60M');
  const closing = one('62F') ?? one('62M');
  let currency: string | undefined;
  let openingBalance: Balance | undefined;
  let closingBalance: Balance | undefined;
  if (opening) {
    const read = balanceOf(opening);
    if ('problem' in read) diagnostics.error(read.problem, `line ${opening.line}`);
    else {
      openingBalance = read;
      currency = read.currency;
    }
  }
  if (closing) {
    const read = balanceOf(closing);
    if ('problem' in read) diagnostics.error(read.problem, `line ${closing.line}`);
    else {
      closingBalance = read;
      currency ??= read.currency;
    }
  }
  const floor = one('34F');
  if (!currency && floor) currency = /^([A-Z]{3})/.exec(floor.value)?.[1];
  if (!mt942 && !opening) diagnostics.error('the MT940 message has no opening balance :60F:/:60M:', where);
  if (!currency || minorDigitsOf(currency) === undefined) {
    diagnostics.error(`the message names no ISO 4217 currency${currency ? ` ("${currency}")` : ''}; skipped`, where);
    return undefined;
  }

  const statement = statementOf(message, account.value, currency, mt942);
  if (openingBalance) statement.openingBooked = { amountMinor: openingBalance.amountMinor, date: openingBalance.date, code: opening!.tag };
  const closingAvailable = one('64');
  sink.begin(statement);

  let booked = 0;
  let position = 0;
  const sides = { credits: { count: 0, sum: 0 }, debits: { count: 0, sum: 0 } };
  for (let i = 0; i < message.fields.length; i += 1) {
    const field = message.fields[i]!;
    if (field.tag !== '61') continue;
    const read = readStatementLine(field.value, currency);
    if (!read.ok) {
      diagnostics.error(`${read.reason}; entry skipped`, `line ${field.line}`);
      continue;
    }
    const line = read.line;
    position += 1;
    const entry: BankEntry = {
      position,
      valueDate: line.valueDate,
      amountMinor: line.amountMinor,
      currency,
      typeCode: { swift: line.transactionType },
      reversal: line.mark === 'RC' || line.mark === 'RD',
      status: line.mark === 'EC' || line.mark === 'ED' ? 'pending' : 'booked',
      location: `line ${field.line}`,
    };
    if (line.bankRef) entry.bankRef = line.bankRef;
    if (line.entryDate) entry.bookingDate = line.entryDate;
    if (line.ownerRef) entry.customerRef = line.ownerRef;
    // Field 61 subfield 7: for a cheque the owner's reference is the cheque number.
    if (line.ownerRef && line.transactionType.slice(1) === 'CHK' && line.amountMinor < 0) entry.checkNumber = line.ownerRef;
    const next = message.fields[i + 1];
    const texts: string[] = [];
    if (line.supplementary) texts.push(line.supplementary);
    if (next?.tag === '86') {
      const info = readInformation86(next.value, (line.amountMinor > 0) !== entry.reversal);
      addDetails(entry, info.details);
      if (!entry.customerRef && info.endToEndRef) entry.customerRef = info.endToEndRef;
      if (info.gvc) entry.typeCode.proprietary = { code: info.gvc, issuer: 'DK' };
      if (info.flat) texts.push(info.flat);
    }
    if (texts.length > 0) entry.text = texts.join(' ');
    if (line.amountMinor > 0 && DEPOSIT_TYPES.has(line.transactionType.slice(1)) && entry.text) {
      const items = ITEMS.exec(entry.text);
      if (items) entry.itemCount = Number(items[1]);
    }
    if (!entry.bankRef) diagnostics.warning('entry has no bank reference (nothing after // in :61:)', entry.location);
    if (entry.status === 'booked') booked += entry.amountMinor;
    const side = entry.amountMinor > 0 ? sides.credits : sides.debits;
    side.count += 1;
    side.sum += Math.abs(entry.amountMinor);
    countEntry(context);
    sink.entry(entry, statement);
  }

  if (closingBalance) {
    statement.closingBooked = { amountMinor: closingBalance.amountMinor, date: closingBalance.date, code: closing!.tag };
    statement.date = closingBalance.date;
  }
  if (closingAvailable) {
    const read = balanceOf(closingAvailable);
    if ('problem' in read) diagnostics.warning(read.problem, `line ${closingAvailable.line}`);
    else statement.closingAvailable = { amountMinor: read.amountMinor, date: read.date, code: '64' } satisfies BankBalance;
  }
  const check = `line ${message.line} (statement ${statement.statementId ?? statement.accountId})`;
  if (openingBalance && closingBalance) {
    if (closingBalance.currency !== openingBalance.currency) diagnostics.error(`opening balance in ${openingBalance.currency}, closing in ${closingBalance.currency}`, check);
    else if (openingBalance.amountMinor + booked !== closingBalance.amountMinor) {
      diagnostics.error(
        `opening balance ${openingBalance.amountMinor} + entries ${booked} is ${openingBalance.amountMinor + booked}, not the closing balance ${closingBalance.amountMinor} (off by ${closingBalance.amountMinor - openingBalance.amountMinor - booked})`,
        check,
      );
    }
  } else if (!mt942 && !closing) diagnostics.error('the MT940 message has no closing balance :62F:/:62M:', check);
  if (mt942) {
    checkTotals(one('90D'), sides.debits, 'debit', currency, context);
    checkTotals(one('90C'), sides.credits, 'credit', currency, context);
    const stamp = one('13D') ?? one('13');
    const date = stamp && /^\d{6}/.test(stamp.value) ? parseDate(stamp.value.slice(0, 6), 'ymd') : undefined;
    if (date?.ok) statement.date = date.iso;
  }
  sink.end(statement);
  return statement;
}

function statementOf(message: SwiftMessage, account: string, currency: string, mt942: boolean): BankStatement {
  const value = account.split('\n')[0]!.trim();
  const slash = value.lastIndexOf('/');
  const bankPart = slash > 0 ? value.slice(0, slash).trim() : '';
  const accountId = (slash >= 0 ? value.slice(slash + 1) : value).trim();
  const statement: BankStatement = {
    format: mt942 ? 'mt942' : 'mt940',
    location: `line ${message.line}`,
    accountId,
    accountIdKind: IBAN.test(accountId) ? 'iban' : 'number',
    currency,
    entries: [],
  };
  const bank: BankIdentity = {};
  if (/^\d{9}$/.test(bankPart)) bank.aba = bankPart;
  else if (BIC.test(bankPart)) bank.bic = bankPart;
  else if (bankPart) bank.memberId = bankPart;
  if (!bank.bic && message.senderBic) bank.bic = message.senderBic;
  if (Object.keys(bank).length > 0) statement.bank = bank;
  const reference = message.fields.find((f) => f.tag === '20')?.value.trim();
  if (reference) statement.statementId = reference;
  const sequence = message.fields.find((f) => f.tag === '28C' || f.tag === '28')?.value.trim();
  if (sequence) statement.sequence = sequence;
  return statement;
}

/** 1!a6!n3!a15d: D/C mark, YYMMDD, currency, amount. */
function balanceOf(field: SwiftField): Balance | { problem: string } {
  const m = /^([CD])(\d{6})([A-Z]{3})(\d[\d,]*)$/.exec(field.value.trim());
  if (!m) return { problem: `:${field.tag}: "${field.value.slice(0, 40)}" is not D/C mark, YYMMDD, currency and amount` };
  const date = parseDate(m[2]!, 'ymd');
  if (!date.ok) return { problem: `:${field.tag}: date "${m[2]}" is not a date` };
  const amount = swiftMinor(m[4]!, m[3]!);
  if (!amount.ok) return { problem: `:${field.tag}: ${amount.reason}` };
  return { amountMinor: m[1] === 'D' ? -amount.minor : amount.minor, date: date.iso, currency: m[3]! };
}

/** :90D:/:90C: 5n3!a15d, number of entries, currency, sum. */
function checkTotals(field: SwiftField | undefined, side: { count: number; sum: Minor }, name: string, currency: string, context: ReadContext): void {
  if (!field) return;
  const where = `line ${field.line}`;
  const m = /^(\d{1,5})([A-Z]{3})(\d[\d,]*)$/.exec(field.value.trim());
  if (!m) {
    context.diagnostics.error(`:${field.tag}: "${field.value.slice(0, 40)}" is not a count, currency and amount`, where);
    return;
  }
  const amount = swiftMinor(m[3]!, m[2]!);
  if (!amount.ok || m[2] !== currency) {
    context.diagnostics.error(`:${field.tag}: ${amount.ok ? `currency ${m[2]} is not the statement's ${currency}` : amount.reason}`, where);
    return;
  }
  if (Number(m[1]) !== side.count) context.diagnostics.error(`:${field.tag}: ${m[1]} ${name} entries stated, ${side.count} read`, where);
  if (amount.minor !== side.sum) context.diagnostics.error(`:${field.tag}: ${name} entries sum to ${side.sum}, stated ${amount.minor}`, where);
}
