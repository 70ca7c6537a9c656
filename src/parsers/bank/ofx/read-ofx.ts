/**
 * OFX bank and credit-card statements (OFX 1.x SGML and 2.x XML): each STMTRS (in
 * BANKMSGSRSV1/STMTTRNRS) or CCSTMTRS (in CREDITCARDMSGSRSV1/CCSTMTTRNRS) is a statement:
 * CURDEF, BANKACCTFROM/CCACCTFROM, BANKTRANLIST (DTSTART, DTEND, STMTTRN...), LEDGERBAL,
 * AVAILBAL. STMTTRN: TRNTYPE, DTPOSTED, DTUSER, DTAVAIL, TRNAMT (signed), FITID, CHECKNUM,
 * REFNUM, NAME (a payee or a description: text) or PAYEE (a party), MEMO, CURRENCY, BANKACCTTO.
 * Spec: OFX 2.2 (https://financialdataexchange.org/ofx), sections 11.4.2 (STMTRS),
 * 11.4.3 (STMTTRN), 11.4.3.1 (TRNTYPE), 13 (credit card), 3.2.8 (dates), 3.2.9 (amounts).
 *
 * OFX states a closing ledger balance but no opening one, so there is no arithmetic to
 * check: LEDGERBAL becomes the closing balance; a STATUS other than 0 (success) is an
 * error; corrections (CORRECTACTION) are reported, not applied.
 */
import { ParseError } from '../../../core/errors.js';
import { parseDate } from '../../../core/dates.js';
import { ofxMinor } from '../amounts.js';
import { minorDigitsOf } from '../currency.js';
import { child, textAt, type XmlNode } from '../markup-tree.js';
import { countEntry, type ReadContext, type ReadOutcome } from '../reader.js';
import type { BankBalance, BankEntry, BankStatement, Counterparty } from '../types.js';
import { readOfxMarkup } from './ofx-markup.js';

interface Open {
  statement: BankStatement;
  position: number;
}

export function readOfx(text: string, context: ReadContext): ReadOutcome {
  const { diagnostics, sink, limits } = context;
  let statements = 0;
  let createdAt: string | undefined;
  let sawOfx = false;
  const open = new Map<XmlNode, Open>();

  const begin = (stmtrs: XmlNode, ancestors: readonly XmlNode[]): Open => {
    let state = open.get(stmtrs);
    if (state) return state;
    const statement = statementOf(stmtrs, diagnostics);
    const trnuid = textAt(ancestors.find((a) => a.name === 'STMTTRNRS' || a.name === 'CCSTMTTRNRS'), 'TRNUID');
    if (trnuid) statement.statementId = trnuid;
    state = { statement, position: 0 };
    open.set(stmtrs, state);
    statements += 1;
    sink.begin(statement);
    return state;
  };

  readOfxMarkup(text, limits, {
    collect: new Set(['OFX']),
    emit: new Set(['SONRS', 'STMTTRN', 'STMTRS', 'CCSTMTRS', 'STMTTRNRS', 'CCSTMTTRNRS']),
    onElement(node, ancestors) {
      switch (node.name) {
        case 'OFX':
          sawOfx = true;
          return;
        case 'SONRS': {
          const server = ofxDate(textAt(node, 'DTSERVER'));
          if (server) createdAt = server;
          statusCheck(node, 'sign-on', diagnostics);
          return;
        }
        case 'STMTTRN': {
          const stmtrs = [...ancestors].reverse().find((a) => a.name === 'STMTRS' || a.name === 'CCSTMTRS');
          if (!stmtrs) {
            diagnostics.error('a STMTTRN outside a STMTRS/CCSTMTRS; skipped', `line ${node.line}`);
            return;
          }
          const state = begin(stmtrs, ancestors);
          state.position += 1;
          const entry = entryOf(node, state.statement, state.position, diagnostics);
          if (!entry) {
            state.position -= 1;
            return;
          }
          countEntry(context);
          sink.entry(entry, state.statement);
          return;
        }
        case 'STMTRS':
        case 'CCSTMTRS': {
          const state = begin(node, ancestors);
          finish(node, state.statement, diagnostics);
          sink.end(state.statement);
          open.delete(node);
          return;
        }
        case 'STMTTRNRS':
        case 'CCSTMTTRNRS':
          statusCheck(node, 'statement', diagnostics);
          return;
      }
    },
  });
  if (!sawOfx) throw new ParseError('no <OFX> element in the file');
  return { format: 'ofx', statements, ...(createdAt ? { createdAt } : {}) };
}

function statusCheck(node: XmlNode, what: string, diagnostics: ReadContext['diagnostics']): void {
  const code = textAt(node, 'STATUS', 'CODE');
  if (code !== undefined && code !== '0') {
    const message = textAt(node, 'STATUS', 'MESSAGE');
    diagnostics.error(`the bank reports ${what} status ${code} (${textAt(node, 'STATUS', 'SEVERITY') ?? 'no severity'})${message ? `: ${message}` : ''}`, `line ${node.line}`);
  }
}

function statementOf(stmtrs: XmlNode, diagnostics: ReadContext['diagnostics']): BankStatement {
  const from = child(stmtrs, 'BANKACCTFROM') ?? child(stmtrs, 'CCACCTFROM');
  const accountId = textAt(from, 'ACCTID') ?? '';
  if (!accountId) diagnostics.error('the statement names no account (ACCTID)', `line ${stmtrs.line}`);
  const currency = (textAt(stmtrs, 'CURDEF') ?? '').toUpperCase();
  if (minorDigitsOf(currency) === undefined) throw new ParseError(`the statement at line ${stmtrs.line} has CURDEF "${currency}", not an ISO 4217 currency: its amounts cannot be read`);
  const statement: BankStatement = {
    format: 'ofx',
    location: `line ${stmtrs.line}`,
    accountId,
    accountIdKind: /^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(accountId) ? 'iban' : 'number',
    currency,
    entries: [],
  };
  const bankId = textAt(from, 'BANKID');
  if (bankId) statement.bank = /^\d{9}$/.test(bankId) ? { aba: bankId } : { memberId: bankId };
  const list = child(stmtrs, 'BANKTRANLIST');
  const start = ofxDate(textAt(list, 'DTSTART'));
  const end = ofxDate(textAt(list, 'DTEND'));
  if (start) statement.fromDate = start;
  if (end) {
    statement.toDate = end;
    statement.date = end;
  }
  return statement;
}

/** Balances come after the transaction list: set them on the statement when it closes. */
function finish(stmtrs: XmlNode, statement: BankStatement, diagnostics: ReadContext['diagnostics']): void {
  for (const [name, field] of [
    ['LEDGERBAL', 'closingBooked'],
    ['AVAILBAL', 'closingAvailable'],
  ] as const) {
    const balance = child(stmtrs, name);
    if (!balance) continue;
    const amountText = textAt(balance, 'BALAMT') ?? '';
    const read = ofxMinor(amountText, statement.currency);
    if (!read.ok) {
      diagnostics.error(`${name}: ${read.reason}`, `line ${balance.line}`);
      continue;
    }
    const value: BankBalance = { amountMinor: read.minor, code: name };
    const date = ofxDate(textAt(balance, 'DTASOF'));
    if (date) value.date = date;
    statement[field] = value;
  }
}

function entryOf(trn: XmlNode, statement: BankStatement, position: number, diagnostics: ReadContext['diagnostics']): BankEntry | undefined {
  const where = `line ${trn.line}`;
  const currencyNode = child(trn, 'CURRENCY');
  const currency = (textAt(currencyNode, 'CURSYM') ?? statement.currency).toUpperCase();
  const amountText = textAt(trn, 'TRNAMT');
  if (!amountText) {
    diagnostics.error('STMTTRN has no TRNAMT; entry skipped', where);
    return undefined;
  }
  const amount = ofxMinor(amountText, currency);
  if (!amount.ok) {
    diagnostics.error(`TRNAMT: ${amount.reason}; entry skipped`, where);
    return undefined;
  }
  const posted = ofxDate(textAt(trn, 'DTPOSTED'));
  if (!posted) {
    diagnostics.error(`DTPOSTED "${textAt(trn, 'DTPOSTED') ?? ''}" is not an OFX date; entry skipped`, where);
    return undefined;
  }
  const type = textAt(trn, 'TRNTYPE')?.toUpperCase();
  const entry: BankEntry = {
    position,
    bookingDate: posted,
    amountMinor: amount.minor,
    currency,
    typeCode: type ? { ofx: type } : {},
    reversal: false,
    status: 'booked',
    location: where,
  };
  const fitid = textAt(trn, 'FITID');
  if (fitid) entry.bankRef = fitid;
  else diagnostics.warning('STMTTRN has no FITID (bank reference)', where);
  const available = ofxDate(textAt(trn, 'DTAVAIL'));
  if (available) entry.valueDate = available;
  const check = textAt(trn, 'CHECKNUM');
  if (check) entry.checkNumber = check;
  const reference = textAt(trn, 'REFNUM') ?? check;
  if (reference) entry.customerRef = reference;
  // NAME is "name of payee or description of transaction" (OFX 2.2 11.4.3): only PAYEE names a party.
  const name = textAt(trn, 'PAYEE', 'NAME');
  const counterparty: Counterparty = {};
  if (name) counterparty.name = name;
  const to = child(trn, 'BANKACCTTO') ?? child(trn, 'CCACCTTO');
  const toAccount = textAt(to, 'ACCTID');
  if (toAccount) counterparty.account = toAccount;
  const toBank = textAt(to, 'BANKID');
  if (toBank) counterparty.bankId = toBank;
  if (Object.keys(counterparty).length > 0) entry.counterparty = counterparty;
  const memo = textAt(trn, 'MEMO');
  if (memo) entry.remittance = { unstructured: [memo] };
  const text = [textAt(trn, 'NAME') ?? textAt(trn, 'EXTDNAME'), memo].filter((t) => t).join(' ');
  if (text) entry.text = text;
  const correction = textAt(trn, 'CORRECTACTION');
  if (correction) diagnostics.warning(`this transaction ${correction === 'DELETE' ? 'deletes' : 'replaces'} the one with FITID ${textAt(trn, 'CORRECTFITID') ?? '(not given)'}; not applied here`, where);
  return entry;
}

/** YYYYMMDD[HHMMSS[.XXX]][[gmt offset:tz]]: the day as the bank wrote it. */
export function ofxDate(text: string | undefined): string | undefined {
  if (!text || !/^\d{8}/.test(text)) return undefined;
  const date = parseDate(text.slice(0, 8), 'ymd');
  return date.ok ? date.iso : undefined;
}
