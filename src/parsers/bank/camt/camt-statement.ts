/**
 * The header of a camt Stmt / Rpt / Ntfctn (account, servicer, period, balances) and the
 * checks made when it closes: opening booked (OPBD, else PRCD) + booked entries = closing
 * booked (CLBD), and the TxsSummry counts and sums against the entries.
 * Balance type codes: ISO 20022 ExternalBalanceType1Code
 * (https://www.iso20022.org/catalogue-messages/additional-content-messages/external-code-sets).
 */
import type { Minor } from '../../../core/money.js';
import type { BankDiagnostics } from '../lenience.js';
import type { BankBalance, BankFormat, BankIdentity, BankStatement } from '../types.js';
import { dateOf } from './camt-entry.js';
import { accountIdOf, amountOf } from './transaction-details.js';
import { at, child, childrenNamed, textAt, type XmlNode } from '../markup-tree.js';

const IBAN = /^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/;

export interface RunningTotals {
  count: number;
  booked: Minor;
  credits: { count: number; sum: Minor };
  debits: { count: number; sum: Minor };
  currency: string | undefined;
}

export function newTotals(): RunningTotals {
  return { count: 0, booked: 0, credits: { count: 0, sum: 0 }, debits: { count: 0, sum: 0 }, currency: undefined };
}

/** The statement as its header says; `firstEntryCurrency` stands in when the account names none. */
export function statementOf(node: XmlNode, format: BankFormat, firstEntryCurrency: string | undefined, diagnostics: BankDiagnostics): BankStatement {
  const where = `line ${node.line}`;
  const acct = child(node, 'Acct');
  const accountId = accountIdOf(acct) ?? '';
  if (!accountId) diagnostics.error('the statement names no account (Acct/Id/IBAN or Acct/Id/Othr/Id)', where);
  const balances = childrenNamed(node, 'Bal');
  const currency = (textAt(acct, 'Ccy') ?? child(balances[0], 'Amt')?.attributes['Ccy'] ?? firstEntryCurrency ?? '').toUpperCase();
  const statement: BankStatement = {
    format,
    location: where,
    accountId,
    accountIdKind: textAt(acct, 'Id', 'IBAN') || IBAN.test(accountId) ? 'iban' : 'number',
    currency,
    entries: [],
  };
  const bank = bankOf(at(acct, 'Svcr', 'FinInstnId'));
  if (bank) statement.bank = bank;
  const id = textAt(node, 'Id');
  if (id) statement.statementId = id;
  const sequence = textAt(node, 'ElctrncSeqNb') ?? textAt(node, 'LglSeqNb');
  if (sequence) statement.sequence = sequence;
  const from = textAt(node, 'FrToDt', 'FrDtTm')?.slice(0, 10);
  const to = textAt(node, 'FrToDt', 'ToDtTm')?.slice(0, 10);
  if (from) statement.fromDate = from;
  if (to) {
    statement.toDate = to;
    statement.date = to;
  }
  for (const bal of balances) {
    const code = textAt(bal, 'Tp', 'CdOrPrtry', 'Cd') ?? textAt(bal, 'Tp', 'CdOrPrtry', 'Prtry');
    const field = code === 'OPBD' || code === 'PRCD' ? 'openingBooked' : code === 'CLBD' ? 'closingBooked' : code === 'OPAV' ? 'openingAvailable' : code === 'CLAV' ? 'closingAvailable' : undefined;
    if (!field || !code) continue;
    if (field === 'openingBooked' && code === 'PRCD' && statement.openingBooked) continue;
    const amount = amountOf(child(bal, 'Amt'), currency);
    if (!amount) continue;
    if ('problem' in amount) {
      diagnostics.error(`balance ${code}: ${amount.problem}`, `line ${bal.line}`);
      continue;
    }
    const sign = textAt(bal, 'CdtDbtInd') === 'DBIT' ? -1 : 1;
    const balance: BankBalance = { amountMinor: sign * amount.amountMinor, code };
    const problems: string[] = [];
    const date = dateOf(child(bal, 'Dt'), problems);
    if (date) balance.date = date;
    for (const problem of problems) diagnostics.warning(problem, `line ${bal.line}`);
    statement[field] = balance;
  }
  if (!statement.date && statement.closingBooked?.date) statement.date = statement.closingBooked.date;
  return statement;
}

function bankOf(fin: XmlNode | undefined): BankIdentity | undefined {
  if (!fin) return undefined;
  const bank: BankIdentity = {};
  const bic = textAt(fin, 'BICFI') ?? textAt(fin, 'BIC');
  if (bic) bank.bic = bic;
  const member = textAt(fin, 'ClrSysMmbId', 'MmbId');
  const system = textAt(fin, 'ClrSysMmbId', 'ClrSysId', 'Cd');
  if (member) {
    if (system === 'USABA' || (!system && /^\d{9}$/.test(member))) bank.aba = member;
    else bank.memberId = member;
  }
  const name = textAt(fin, 'Nm');
  if (name) bank.name = name;
  return Object.keys(bank).length > 0 ? bank : undefined;
}

/** Opening + booked entries = closing, and TxsSummry against the entries. */
export function checkStatement(node: XmlNode, statement: BankStatement, totals: RunningTotals, diagnostics: BankDiagnostics): void {
  const where = `line ${node.line} (statement ${statement.statementId ?? statement.accountId})`;
  const opening = statement.openingBooked?.amountMinor;
  const closing = statement.closingBooked?.amountMinor;
  if (opening !== undefined && closing !== undefined && opening + totals.booked !== closing) {
    diagnostics.error(`opening balance ${opening} + booked entries ${totals.booked} is ${opening + totals.booked}, not the closing balance ${closing} (off by ${closing - opening - totals.booked})`, where);
  }
  const summary = child(node, 'TxsSummry');
  if (!summary) return;
  const currency = statement.currency;
  const sides = [
    ['TtlNtries', 'all entries', totals.count, totals.credits.sum + totals.debits.sum],
    ['TtlCdtNtries', 'credit entries', totals.credits.count, totals.credits.sum],
    ['TtlDbtNtries', 'debit entries', totals.debits.count, totals.debits.sum],
  ] as const;
  for (const [name, what, count, sum] of sides) {
    const block = child(summary, name);
    if (!block) continue;
    const stated = textAt(block, 'NbOfNtries');
    if (stated !== undefined && stated !== String(count)) diagnostics.error(`TxsSummry/${name}/NbOfNtries is ${stated}, there are ${count} ${what}`, where);
    const statedSum = amountOf(child(block, 'Sum'), currency);
    if (statedSum && 'problem' in statedSum) diagnostics.error(`TxsSummry/${name}: ${statedSum.problem}`, where);
    else if (statedSum && statedSum.amountMinor !== sum) diagnostics.error(`TxsSummry/${name}/Sum is ${statedSum.amountMinor}, the ${what} sum to ${sum}`, where);
  }
  // .02 writes TtlNtries/TtlNetNtryAmt with TtlNtries/CdtDbtInd; later versions TtlNtries/TtlNetNtry/{Amt,CdtDbtInd}.
  const total = child(summary, 'TtlNtries');
  const net = child(total, 'TtlNetNtry') ?? (child(total, 'TtlNetNtryAmt') ? total : undefined);
  if (net) {
    const amount = amountOf(child(net, 'Amt') ?? child(net, 'TtlNetNtryAmt'), currency);
    const sign = textAt(net, 'CdtDbtInd') === 'DBIT' ? -1 : 1;
    const all = totals.credits.sum - totals.debits.sum;
    if (amount && 'problem' in amount) diagnostics.error(`TxsSummry/TtlNtries/TtlNetNtry: ${amount.problem}`, where);
    else if (amount && sign * amount.amountMinor !== all) diagnostics.error(`TxsSummry/TtlNtries/TtlNetNtry is ${sign * amount.amountMinor}, the entries net to ${all}`, where);
  }
}
